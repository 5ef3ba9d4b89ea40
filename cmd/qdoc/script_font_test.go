package main

import (
	"os"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/qdoc/qdoc/internal/form/font"
)

// mkfont OUT latin|garbage|truncated: a font file for config's font key —
// a valid TrueType font with ASCII only (the built-in font cut down, as a
// Latin font like DejaVu Sans is to Chinese), bytes that are no font, or
// the built-in font cut short.
func cmdMkfont(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: mkfont OUT latin|garbage|truncated")
	}
	var b []byte
	switch args[1] {
	case "latin":
		f, err := font.Parse(font.Embedded())
		ts.Check(err)
		var ascii []rune
		for r := rune(0x20); r < 0x7F; r++ {
			ascii = append(ascii, r)
		}
		b = f.Subset(ascii).Standalone()
	case "garbage":
		b = []byte("this is not a font\n")
	case "truncated":
		b = font.Embedded()[:64<<10]
	default:
		ts.Fatalf("mkfont: unknown kind %q", args[1])
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), b, 0o644))
}
