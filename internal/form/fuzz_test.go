package form

import (
	"testing"

	"github.com/qdoc/qdoc/templates"
)

// FuzzParseLayout: any YAML gives a layout or an error, never a panic, and
// a layout that loads can be planned.
func FuzzParseLayout(f *testing.F) {
	for _, name := range []string{"fm30.yaml", "revision.yaml", "training.yaml"} {
		data, _, err := templates.Load(name, "")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(minimal))
	e := testEngine(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := ParseLayout(data, "fuzz.yaml")
		if err != nil {
			return
		}
		d := trainingData()
		e.plan(l, &d)
	})
}

// FuzzBreakLines: lines always reassemble the text and respect the width.
func FuzzBreakLines(f *testing.F) {
	f.Add("仓储部在日常巡查中发现，现场拍照留存。", 3000)
	f.Add("see LDMD-FM-30 now（续）", 1500)
	f.Add("  \n\n“引号”……%", 1)
	f.Fuzz(func(t *testing.T, text string, max int) {
		text = clean(text)
		if max < 1 || max > 1<<20 {
			return
		}
		checkLines(t, text, breakLines(text, max, testWidth), max, testWidth)
	})
}
