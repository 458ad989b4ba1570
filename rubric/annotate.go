package rubric

import (
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// WriteAnnotatedYAML writes the rubric as [Rubric.WriteYAML] does, with a
// comment above each field that says what it means: the field's
// description in the JSON Schema ([Schema]), the one source of the
// fields' documentation. A field is described where it first appears (the
// first criterion's fields, not every criterion's), so that the file stays
// readable. Comments do not change what the file loads to: [Load] gives
// back the same rubric, with the same [Rubric.Hash].
func (r Rubric) WriteAnnotatedYAML(w io.Writer) error {
	n, err := r.node()
	if err != nil {
		return err
	}
	var root map[string]any
	if err := json.Unmarshal(schema, &root); err != nil {
		return fmt.Errorf("the embedded schema: %w", err)
	}
	a := annotator{defs: asMap(root["$defs"]), done: map[uintptr]bool{}}
	doc := n
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		doc = doc.Content[0]
	}
	a.mapping(doc, root)
	n.HeadComment = "A govscore standard. Each field is described where it first appears;\n" +
		"the JSON Schema (govscore schema) has the full rules. Check the file\n" +
		"with govscore validate after editing.\n\n"
	return yamlOut(w, n)
}

// yamlOut encodes n with two-space indentation.
func yamlOut(w io.Writer, n *yaml.Node) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return err
	}
	return enc.Close()
}

// annotator puts the schema's descriptions on a rubric's node tree.
type annotator struct {
	defs map[string]any
	done map[uintptr]bool // the schema properties already described
}

// resolve follows s's $ref to its definition.
func (a *annotator) resolve(s map[string]any) map[string]any {
	for range 10 {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		def, ok := a.defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
		if !ok {
			return s
		}
		s = def
	}
	return s
}

// mapping describes the fields of the mapping n, whose schema is s.
func (a *annotator) mapping(n *yaml.Node, s map[string]any) {
	s = a.resolve(s)
	if n.Kind != yaml.MappingNode {
		return
	}
	props := asMap(s["properties"])
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		var prop map[string]any
		if props != nil {
			prop, _ = props[k.Value].(map[string]any)
		} else if ap, ok := s["additionalProperties"].(map[string]any); ok {
			a.value(v, ap) // a map's values: described by their own fields
			continue
		}
		if prop == nil {
			continue
		}
		if id := reflect.ValueOf(prop).Pointer(); !a.done[id] {
			a.done[id] = true
			desc, _ := prop["description"].(string)
			if desc == "" {
				desc, _ = a.resolve(prop)["description"].(string)
			}
			k.HeadComment = wrapComment(desc, 78-(k.Column-1)-2) // "# " at the key's column
		}
		a.value(v, prop)
	}
}

// value describes the fields within v, whose schema is s.
func (a *annotator) value(v *yaml.Node, s map[string]any) {
	s = a.resolve(s)
	switch v.Kind {
	case yaml.MappingNode:
		a.mapping(v, s)
	case yaml.SequenceNode:
		if items, ok := s["items"].(map[string]any); ok {
			for _, e := range v.Content {
				a.value(e, items)
			}
		}
	}
}

// wrapComment breaks text into lines of at most width bytes (at least 40),
// at spaces.
func wrapComment(text string, width int) string {
	width = max(width, 40)
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(text) {
		switch {
		case n == 0:
		case n+1+len(w) > width:
			b.WriteByte('\n')
			n = 0
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}
