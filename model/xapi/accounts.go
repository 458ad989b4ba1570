package xapi

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/govscore/govscore/model"
)

// Account is one X account of an agency: its handle (without the @), its
// numeric user ID, or both. An account given by handle alone is matched
// to tweets by the user ID the input gives the handle (includes.users, a
// flattened tweet's author, mentions).
//
// AgencyName and AgencyNames (by language tag, e.g. "ar") optionally name
// the agency, for reports; the accounts of one agency that name it must
// agree.
type Account struct {
	AgencyID    string
	Handle      string
	UserID      string
	AgencyName  string
	AgencyNames map[string]string
}

// ChannelID is the ID of the account's channel in the dataset [Read]
// makes: the agency's ID, "/x/" and the handle, or the user ID.
func (a Account) ChannelID() string {
	name := a.Handle
	if name == "" {
		name = a.UserID
	}
	return a.AgencyID + "/x/" + strings.ToLower(name)
}

// check checks an account as the readers check names: an agency ID, a
// handle or a user ID, no control characters, a numeric user ID.
func (a Account) check() error {
	switch {
	case a.AgencyID == "":
		return &model.FieldError{Field: "agency_id", Err: model.ErrMissing}
	case a.Handle == "" && a.UserID == "":
		return &model.FieldError{Field: "handle", Err: fmt.Errorf("%w: give a handle or a user_id", model.ErrMissing)}
	case a.UserID != "" && !numeric(a.UserID):
		return &model.FieldError{Field: "user_id", Err: fmt.Errorf("%w: %s is not a numeric ID", model.ErrOutOfRange, quote(a.UserID))}
	case strings.ContainsAny(a.Handle, "@ "):
		return &model.FieldError{Field: "handle", Err: fmt.Errorf("%w: %s: a handle without @ or spaces", model.ErrUnknownValue, quote(a.Handle))}
	}
	for _, f := range []struct{ field, v string }{{"agency_id", a.AgencyID}, {"handle", a.Handle}, {"name", a.AgencyName}} {
		if err := model.CheckText(f.v); err != nil {
			return &model.FieldError{Field: f.field, Err: err}
		}
	}
	for _, lang := range slices.Sorted(maps.Keys(a.AgencyNames)) {
		if err := model.CheckText(a.AgencyNames[lang]); err != nil {
			return &model.FieldError{Field: "name_" + lang, Err: err}
		}
	}
	return nil
}

// addNames adds the names a gives its agency to those its other accounts
// gave it, kept in names by agency ID, and reports whether they agree
// (a name given on both sides is the same); names is unchanged when they
// do not.
func addNames(names map[string]*Account, a Account) bool {
	known := names[a.AgencyID]
	if known == nil {
		names[a.AgencyID] = &Account{AgencyID: a.AgencyID, AgencyName: a.AgencyName, AgencyNames: maps.Clone(a.AgencyNames)}
		return true
	}
	if a.AgencyName != "" && known.AgencyName != "" && a.AgencyName != known.AgencyName {
		return false
	}
	for lang, name := range a.AgencyNames {
		if other, ok := known.AgencyNames[lang]; ok && other != name {
			return false
		}
	}
	if known.AgencyName == "" {
		known.AgencyName = a.AgencyName
	}
	for lang, name := range a.AgencyNames {
		if known.AgencyNames == nil {
			known.AgencyNames = map[string]string{}
		}
		known.AgencyNames[lang] = name
	}
	return true
}

// isNameColumn reports whether col is a name_<lang> column.
func isNameColumn(col string) bool {
	return len(col) > len("name_") && strings.HasPrefix(col, "name_") && model.CheckText(col) == nil
}

// ReadAccounts reads the agencies' accounts from CSV with the columns
// agency_id, handle and user_id (handle or user_id may be empty, not
// both), and optionally name and name_<lang> (e.g. name_ar), the agency's
// names; it checks and counts each row as model's readers do. A handle or
// user ID given twice is an error: a tweet must have one agency; so is an
// agency named otherwise than on an earlier row.
func ReadAccounts(r io.Reader, opts model.ReadOptions) ([]Account, model.Accounting, error) {
	t := model.NewTally(opts)
	cr, header, headerLine, err := model.ReadCSVHeader(r, t)
	if err != nil {
		return nil, t.Accounting(), err
	}
	col := map[string]int{"agency_id": -1, "handle": -1, "user_id": -1, "name": -1}
	for i, name := range header {
		name = strings.TrimSpace(name)
		if _, ok := col[name]; !ok && isNameColumn(name) {
			col[name] = -1
		}
		j, ok := col[name]
		switch {
		case !ok:
			return nil, t.Accounting(), t.FileError(headerLine, name, fmt.Errorf("%w: unknown column; want agency_id, handle, user_id, name and name_<lang>", model.ErrUnknownValue))
		case j >= 0:
			return nil, t.Accounting(), t.FileError(headerLine, name, fmt.Errorf("%w: the column is twice in the header", model.ErrDuplicateID))
		}
		col[name] = i
	}
	if col["agency_id"] < 0 || col["handle"] < 0 && col["user_id"] < 0 {
		return nil, t.Accounting(), t.FileError(headerLine, "", fmt.Errorf("%w: the header needs agency_id, and handle or user_id", model.ErrMissing))
	}
	field := func(rec []string, name string) string {
		if i := col[name]; i >= 0 {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var out []Account
	seen := map[string]int{}
	names := map[string]*Account{} // agency ID → its names, from its accounts so far
	for {
		rec, line, err := t.NextCSVRecord(cr)
		if err == io.EOF {
			return out, t.Accounting(), nil
		}
		if err != nil {
			return out, t.Accounting(), err
		}
		if len(rec) != len(header) {
			if stop := t.Reject(line, "", fmt.Errorf("%w: %d fields, the header has %d", model.ErrOutOfRange, len(rec), len(header))); stop != nil {
				return out, t.Accounting(), stop
			}
			continue
		}
		a := Account{AgencyID: field(rec, "agency_id"), Handle: strings.TrimPrefix(field(rec, "handle"), "@"), UserID: field(rec, "user_id"),
			AgencyName: field(rec, "name")}
		for name := range col {
			if v := field(rec, name); isNameColumn(name) && v != "" {
				if a.AgencyNames == nil {
					a.AgencyNames = map[string]string{}
				}
				a.AgencyNames[name[len("name_"):]] = v
			}
		}
		if err := a.check(); err != nil {
			var fe *model.FieldError
			field := ""
			if errors.As(err, &fe) {
				field, err = fe.Field, fe.Err
			}
			if stop := t.Reject(line, field, err); stop != nil {
				return out, t.Accounting(), stop
			}
			continue
		}
		// A handle, a user ID or a channel ID given twice: a tweet must
		// have one agency, and a channel one account.
		dup, dupField := "", ""
		for _, k := range []struct{ key, field, what string }{
			{"@" + strings.ToLower(a.Handle), "handle", a.Handle},
			{"#" + a.UserID, "user_id", a.UserID},
			{"/" + a.ChannelID(), "handle", "channel " + a.ChannelID()},
		} {
			if len(k.key) > 1 && dup == "" {
				if first, ok := seen[k.key]; ok {
					dup, dupField = fmt.Sprintf("%s is also on line %d", k.what, first), k.field
				}
			}
		}
		if dup != "" {
			if stop := t.Reject(line, dupField, fmt.Errorf("%w: %s", model.ErrDuplicateID, dup)); stop != nil {
				return out, t.Accounting(), stop
			}
			continue
		}
		if !addNames(names, a) {
			if stop := t.Reject(line, "name", fmt.Errorf("%w: agency %s is named otherwise on an earlier row", model.ErrOutOfRange, quote(a.AgencyID))); stop != nil {
				return out, t.Accounting(), stop
			}
			continue
		}
		for _, k := range []string{"@" + strings.ToLower(a.Handle), "#" + a.UserID, "/" + a.ChannelID()} {
			if len(k) > 1 {
				seen[k] = line
			}
		}
		t.Accept()
		out = append(out, a)
	}
}
