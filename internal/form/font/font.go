// Package font gives the form engine its Chinese font: the embedded
// WenQuanYi Micro Hei face, a parser that reads a TrueType font once per
// process, and a subsetter that cuts, per document, a small font holding only
// the characters that document prints.
//
// Why subset ourselves: a PDF library handed the whole 4.6 MB font parses
// it in every document (fpdf: ~30 ms). Parsing once per process and cutting
// a subset per document takes about 0.1 ms, and because the subset depends
// only on the document's characters, a PDF's bytes depend only on its
// record, never on the batch it was rendered in.
package font

import _ "embed"

//go:generate go run gen_font.go

// embedded is face 0 ("WenQuanYi Micro Hei") of Debian's wqy-microhei.ttc,
// extracted by gen_font.go; licence in LICENSE-wqy-microhei.txt.
//
//go:embed wqy-microhei.ttf
var embedded []byte

// Embedded returns the bytes of the built-in TrueType font. Callers must not
// modify them.
func Embedded() []byte { return embedded }
