package report

import (
	"fmt"
	"math"
	"strconv"
)

// Kind says how a value prints: in the workbook it picks the number
// format, in the PDF the text.
type Kind int

const (
	Text      Kind = iota
	Count          // a whole number
	Percent        // a ratio, printed 70.3%
	Days           // a number of days with one decimal
	Delta          // a signed change of a count: +3, -2, 0
	PctDelta       // a change of a ratio in percentage points: +5.0%
	DaysDelta      // a change of a number of days: +1.5
)

// Value is one cell of a report table, shared by both outputs so the
// workbook and the PDF cannot disagree.
type Value struct {
	Kind Kind
	S    string
	N    float64
}

// T, N, P, D and Chg make values.
func T(s string) Value        { return Value{Kind: Text, S: s} }
func N(n int) Value           { return Value{Kind: Count, N: float64(n)} }
func P(r float64) Value       { return Value{Kind: Percent, N: r} }
func D(d float64) Value       { return Value{Kind: Days, N: d} }
func Chg(n int) Value         { return Value{Kind: Delta, N: float64(n)} }
func ChgP(r float64) Value    { return Value{Kind: PctDelta, N: r} }
func (v Value) Numeric() bool { return v.Kind != Text }

// String is the printed text.
func (v Value) String() string {
	switch v.Kind {
	case Count:
		return strconv.Itoa(int(v.N))
	case Percent:
		return fmt.Sprintf("%.1f%%", round1(v.N*100))
	case Days:
		return fmt.Sprintf("%.1f", round1(v.N))
	case Delta:
		return signed(strconv.Itoa(int(v.N)), v.N)
	case PctDelta:
		return signed(fmt.Sprintf("%.1f%%", round1(v.N*100)), round1(v.N*100))
	case DaysDelta:
		return signed(fmt.Sprintf("%.1f", round1(v.N)), round1(v.N))
	}
	return v.S
}

// NumFmt is the Excel number format of the value's kind ("" = general).
func (v Value) NumFmt() string {
	switch v.Kind {
	case Percent:
		return "0.0%"
	case Days:
		return "0.0"
	case Delta:
		return "+0;-0;0"
	case PctDelta:
		return "+0.0%;-0.0%;0.0%"
	case DaysDelta:
		return "+0.0;-0.0;0.0"
	}
	return ""
}

func signed(s string, n float64) string {
	if n > 0 {
		return "+" + s
	}
	return s
}

// round1 rounds half away from zero to one decimal, the way Excel shows
// 0.0, so both outputs print the same digits.
func round1(x float64) float64 {
	r := math.Round(x*10) / 10
	if r == 0 {
		return 0 // no "-0.0"
	}
	return r
}
