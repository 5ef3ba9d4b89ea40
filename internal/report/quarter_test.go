package report

import (
	"testing"
	"time"
)

func TestParseQuarter(t *testing.T) {
	ok := map[string]Quarter{
		"2026Q3": {2026, 3}, "2026-Q3": {2026, 3}, "2026q3": {2026, 3}, " 2026 q4 ": {2026, 4},
		"2026年第三季度": {2026, 3}, "2026年第3季度": {2026, 3}, "2026年一季度": {2026, 1},
		"2026年Q2": {2026, 2}, "Q1 2027": {2027, 1}, "２０２６Ｑ３": {2026, 3}, "2026/Q4": {2026, 4},
	}
	for in, want := range ok {
		got, err := ParseQuarter(in)
		if err != nil || got != want {
			t.Errorf("ParseQuarter(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "2026", "2026Q5", "2026Q0", "26Q3", "2026年第五季度", "0999Q1", "2026-07", "Q3"} {
		if q, err := ParseQuarter(in); err == nil {
			t.Errorf("ParseQuarter(%q) = %v, want an error", in, q)
		}
	}
}

func TestQuarterArithmetic(t *testing.T) {
	tests := []struct {
		q, prev, next, lastYear Quarter
		start, last             string
	}{
		{Quarter{2026, 1}, Quarter{2025, 4}, Quarter{2026, 2}, Quarter{2025, 1}, "2026-01-01", "2026-03-31"},
		{Quarter{2026, 3}, Quarter{2026, 2}, Quarter{2026, 4}, Quarter{2025, 3}, "2026-07-01", "2026-09-30"},
		{Quarter{2025, 4}, Quarter{2025, 3}, Quarter{2026, 1}, Quarter{2024, 4}, "2025-10-01", "2025-12-31"},
		{Quarter{2024, 1}, Quarter{2023, 4}, Quarter{2024, 2}, Quarter{2023, 1}, "2024-01-01", "2024-03-31"},
	}
	for _, tt := range tests {
		if got := tt.q.Prev(); got != tt.prev {
			t.Errorf("%v.Prev() = %v, want %v", tt.q, got, tt.prev)
		}
		if got := tt.q.Next(); got != tt.next {
			t.Errorf("%v.Next() = %v, want %v", tt.q, got, tt.next)
		}
		if got := tt.q.LastYear(); got != tt.lastYear {
			t.Errorf("%v.LastYear() = %v, want %v", tt.q, got, tt.lastYear)
		}
		if got := tt.q.Start().Format("2006-01-02"); got != tt.start {
			t.Errorf("%v.Start() = %s, want %s", tt.q, got, tt.start)
		}
		if got := tt.q.Last().Format("2006-01-02"); got != tt.last {
			t.Errorf("%v.Last() = %s, want %s", tt.q, got, tt.last)
		}
	}
}

func TestQuarterEndedAndLabels(t *testing.T) {
	q := Quarter{2026, 3}
	for day, want := range map[string]bool{"2026-09-29": false, "2026-09-30": false, "2026-10-01": true, "2027-01-01": true} {
		if got := q.Ended(date(day)); got != want {
			t.Errorf("%v.Ended(%s) = %v, want %v", q, day, got, want)
		}
	}
	if q.String() != "2026Q3" || q.Label() != "2026年第三季度" {
		t.Errorf("String/Label = %s / %s", q, q.Label())
	}
	if QuarterOf(date("2026-12-31")) != (Quarter{2026, 4}) || !q.Contains(date("2026-07-01")) || q.Contains(time.Time{}) {
		t.Error("QuarterOf/Contains wrong at the edges")
	}
}

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}
