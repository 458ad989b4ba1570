// Package safe is govscore's one policy for printing text that comes from
// input: agency IDs and names, channel IDs, a rubric's titles, flag
// details, period labels. The public and the agencies under scrutiny type
// that text, so a renderer must not let it add a line, a column, a
// heading, or reorder what a reader sees.
//
// [Text] replaces every character that could do so by a visible escape
// and leaves everything else as it was. The text, Markdown and HTML
// renderings of package score and score/report apply it to every string
// that comes from the data, before their own escaping (Markdown markup,
// html/template). CSV files are data, not pages: they keep text exactly
// and have their own rule for spreadsheet formulas (see score/report).
//
// It is not part of govscore's promise: its API may change in any
// release; [score.SafeText] is the exported form of [Text].
package safe
