package main

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/govscore/govscore/rubric"
)

// presets are the standards init starts from, by name.
var presets = map[string]func() rubric.Rubric{
	"default":          rubric.Default,
	"strict":           rubric.Strict,
	"index":            rubric.Index,
	"service-requests": rubric.ServiceRequests,
}

func presetNames() string {
	names := make([]string, 0, len(presets))
	for n := range presets {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

var initCommand = &command{
	name: "init", summary: "write a standard as YAML, every field described, ready to edit",
	maxArgs: 0, argsHelp: "no arguments",
	help: `
Init writes one of govscore's preset standards as YAML, with a comment above
each field that says what it means. Edit it, then check it with
'govscore validate'. The file loads back to the preset exactly: the same
standard, with the same hash.

Presets: default (the digital-governance standard), strict (tighter
goalposts), index (relative scales, for a ranking among agencies) and
service-requests (for 311 and Open311 exports).

Examples:

	govscore init -o standard.yaml
	govscore init -preset strict -o strict.yaml
`,
	flags: func(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
		preset := fs.String("preset", "default", "the standard to start from: "+presetNames())
		out := fs.String("o", "", "write to this file instead of standard output")
		return func(_ []string, stdout, stderr io.Writer) int {
			newPreset, ok := presets[*preset]
			if !ok {
				fmt.Fprintf(stderr, "govscore init: unknown preset %q (want %s)\n", *preset, presetNames())
				return exitUsage
			}
			if err := writeOutput(*out, stdout, newPreset().WriteAnnotatedYAML); err != nil {
				fmt.Fprintf(stderr, "govscore init: %v\n", err)
				return exitProblem
			}
			return exitOK
		}
	},
}

var validateCommand = &command{
	name: "validate", args: "FILE...", summary: "check standard files: every problem, with its line or its path in the standard",
	minArgs: 1, maxArgs: -1, argsHelp: "one or more standard files",
	help: `
Validate loads each standard file (YAML or JSON) and reports every problem
it finds, each on its own line with the file, the line where the file has
one, and the field: misspelt fields (with the nearest known name), numbers
that are not plain decimals, weights that do not sum exactly to 1,
parameters a metric does not take, and the rest. A valid file is listed
with its ID, version and hash, the hash reports under it will carry.

It exits 1 when any file is invalid.

Examples:

	govscore validate standard.yaml
	govscore validate draft.yaml strict.yaml
`,
	flags: func(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
		return func(files []string, stdout, stderr io.Writer) int {
			code := exitOK
			for _, path := range files {
				r, err := rubric.LoadFile(path)
				if err != nil {
					for _, line := range problems(path, err) {
						fmt.Fprintln(stderr, line)
					}
					code = exitProblem
					continue
				}
				hash, err := r.Hash()
				if err != nil {
					fmt.Fprintf(stderr, "%s: %v\n", path, err)
					code = exitProblem
					continue
				}
				fmt.Fprintf(stdout, "%s: valid: %s %s (%s)\n", path, r.ID, r.Version, hash)
			}
			return code
		}
	},
}

// problems returns the lines of a load error, each naming the file.
func problems(path string, err error) []string {
	var out []string
	for _, line := range strings.Split(err.Error(), "\n") {
		if line == "" {
			continue
		}
		if !strings.HasPrefix(line, path+":") {
			line = path + ": " + line
		}
		out = append(out, line)
	}
	return out
}

var diffCommand = &command{
	name: "diff", args: "OLD NEW", summary: "what changed between two standards, and whether reports compare",
	minArgs: 2, maxArgs: 2, argsHelp: "two standard files",
	help: `
Diff says what changed from the standard OLD to the standard NEW, grouped by
the part that changed: the standard's own fields, each dimension with its
criteria, the gates and the grades. Each change is marked "scores" when it
can move a score, grade or rank computed from the same records, and
"wording" when it cannot (titles, rationales, labels, order, a default
spelled out). It ends with the verdict: identical, wording_only or
not_comparable.

It exits 1 when reports under the two standards are not comparable.

Examples:

	govscore init -o default.yaml
	govscore diff default.yaml draft.yaml
`,
	flags: func(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
		return func(files []string, stdout, stderr io.Writer) int {
			var rs [2]rubric.Rubric
			for i, path := range files {
				r, err := rubric.LoadFile(path)
				if err != nil {
					for _, line := range problems(path, err) {
						fmt.Fprintln(stderr, line)
					}
					return exitProblem
				}
				rs[i] = r
			}
			changes := rubric.Diff(rs[0], rs[1])
			writeChanges(stdout, changes)
			verdict, why := changes.Comparability()
			fmt.Fprintf(stdout, "Comparable: %s (%s)\n", verdict, why)
			if verdict == rubric.NotComparable {
				return exitProblem
			}
			return exitOK
		}
	},
}

// writeChanges writes changes grouped by the part of the standard they
// are in: "Standard" for its own fields, then a group per dimension (with
// a subgroup per criterion), gate and grade, in the order Diff gives.
func writeChanges(w io.Writer, changes rubric.Changes) {
	group, sub := "", ""
	for _, ch := range changes {
		segs := strings.Split(ch.Path, ": ")
		g, s, rest := "Standard", "", segs
		if kind, id, ok := part(segs[0]); ok && kind != "criterion" {
			g, rest = kind+" "+id, segs[1:]
			if len(rest) > 0 {
				if kind, id, ok := part(rest[0]); ok && kind == "criterion" {
					s, rest = "criterion "+id, rest[1:]
				}
			}
		}
		if g != group {
			fmt.Fprintf(w, "%s\n", capitalize(g))
			group, sub = g, ""
		}
		indent := "  "
		if s != "" {
			if s != sub {
				fmt.Fprintf(w, "  %s\n", capitalize(s))
				sub = s
			}
			indent = "    "
		}
		what := strings.Join(rest, ": ")
		if what == "" {
			what = "the whole " + strings.Fields(coalesce(s, g))[0]
		}
		mark := "wording"
		if ch.AltersScores {
			mark = "scores"
		}
		switch ch.Kind {
		case rubric.Added:
			fmt.Fprintf(w, "%sadded %s: %s  [%s]\n", indent, what, ch.New, mark)
		case rubric.Removed:
			fmt.Fprintf(w, "%sremoved %s: %s  [%s]\n", indent, what, ch.Old, mark)
		default:
			fmt.Fprintf(w, "%schanged %s: %s -> %s  [%s]\n", indent, what, ch.Old, ch.New, mark)
		}
	}
	if len(changes) > 0 {
		fmt.Fprintln(w)
	}
}

// part splits a path segment such as `dimension "reply_speed"` into its
// kind and ID.
func part(seg string) (kind, id string, ok bool) {
	kind, quoted, ok := strings.Cut(seg, " ")
	if !ok || len(quoted) < 2 || quoted[0] != '"' || quoted[len(quoted)-1] != '"' {
		return "", "", false
	}
	switch kind {
	case "dimension", "criterion", "gate", "grade":
		return kind, quoted[1 : len(quoted)-1], true
	}
	return "", "", false
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func coalesce(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

var schemaCommand = &command{
	name: "schema", summary: "print the JSON Schema of standard files, for editors",
	maxArgs: 0, argsHelp: "no arguments",
	help: `
Schema prints the JSON Schema (draft 2020-12) of standard files. Editors use
it to complete and check a file as it is written; in VS Code, for example,
with the YAML extension and a first line

	# yaml-language-server: $schema=govscore.schema.json

The schema checks each field on its own; rules that span fields (weights
summing exactly to 1, unique IDs) are checked by 'govscore validate'.

Examples:

	govscore schema -o govscore.schema.json
`,
	flags: func(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
		out := fs.String("o", "", "write to this file instead of standard output")
		return func(_ []string, stdout, stderr io.Writer) int {
			err := writeOutput(*out, stdout, func(w io.Writer) error {
				_, err := w.Write(rubric.Schema())
				return err
			})
			if err != nil {
				fmt.Fprintf(stderr, "govscore schema: %v\n", err)
				return exitProblem
			}
			return exitOK
		}
	},
}
