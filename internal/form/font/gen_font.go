//go:build ignore

// gen_font extracts the built-in font from the Debian package
// fonts-wqy-microhei: face 0 of the collection, written as a standalone TTF.
//
//	apt-get install fonts-wqy-microhei && go generate ./internal/form/font
package main

import (
	"log"
	"os"

	"github.com/qdoc/qdoc/internal/form/font"
)

func main() {
	src := "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
	if len(os.Args) > 1 {
		src = os.Args[1]
	}
	ttc, err := os.ReadFile(src)
	if err != nil {
		log.Fatal(err)
	}
	ttf, err := font.ExtractTTC(ttc, 0)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("wqy-microhei.ttf", ttf, 0o644); err != nil {
		log.Fatal(err)
	}
}
