package rubric

import (
	"bytes"
	_ "embed"
)

//go:embed schema.json
var schema []byte

// Schema returns the JSON Schema (draft 2020-12) of rubric files, a fresh
// copy each call. Editors use it to complete and check a rubric file as it
// is written, in JSON or in YAML.
//
// The schema checks each field on its own: names, types, enumerations,
// identifier patterns, the text of decimals (JSON numbers, or strings that
// hold a plain decimal) and which parameters each metric and which fields
// each scale kind take. Rules that span fields, such as weights summing
// exactly to 1 or unique IDs, are [Rubric.Validate]'s, which [Load] always
// runs, so a file the schema accepts may still be refused. The schema is
// stricter than the loader only in what a written file never needs: it
// wants version as a string and refuses null for a field left out.
func Schema() []byte {
	return bytes.Clone(schema)
}
