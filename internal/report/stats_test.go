package report

import (
	"testing"

	"github.com/qdoc/qdoc/internal/record"
)

// ent builds an entry: serial seq, received, class, category, channel,
// reporter, closed ("" = open), involved departments.
func ent(seq int, received, class, cat, ch, rep, closed string, depts ...string) *record.Entry {
	e := &record.Entry{Serial: "S-" + received[:4] + "-" + string(rune('0'+seq/10)) + string(rune('0'+seq%10)),
		Year: date(received).Year(), Seq: seq, Received: date(received), Class: class, Category: cat,
		Channel: ch, Reporter: rep, Departments: depts, Status: "open"}
	if closed != "" {
		e.Closed, e.Status = date(closed), "closed"
	}
	return e
}

var testParams = Params{
	Deadlines: map[string]int{"A": 1, "B": 3, "C": 7},
	AsOf:      date("2026-11-28"),
	Classes:   []string{"A", "B", "C"}, Categories: []string{"regulation", "customer"},
	Channels: []string{"policy", "internal", "external"}, Departments: []string{"质管部", "采购部", "销售部"},
}

func testEntries() []*record.Entry {
	void := ent(9, "2026-08-01", "B", "customer", "external", "销售部", "", "销售部", "质管部")
	void.Void = true
	reserved := &record.Entry{Serial: "S-2026-10", Year: 2026, Seq: 10, Reserved: true, Status: "open"}
	return []*record.Entry{
		ent(1, "2026-07-01", "A", "regulation", "policy", "质管部", "2026-07-02", "质管部", "采购部"), // closed on time
		ent(2, "2026-07-03", "B", "customer", "external", "销售部", "", "销售部", "质管部"),           // open, overdue
		ent(3, "2026-09-30", "C", "customer", "external", "销售部", "2026-10-20", "销售部"),        // closed late (13 days)
		ent(4, "2026-08-10", "A", "regulation", "internal", "采购部", "", "采购部", "质管部", "销售部"),  // open, overdue
		ent(5, "2026-06-20", "B", "regulation", "policy", "质管部", "2026-07-05", "质管部", "采购部"), // prev quarter, carried over
		ent(6, "2026-05-02", "C", "customer", "internal", "质管部", "2026-05-03", "质管部"),        // prev quarter, closed before
		ent(7, "2025-07-15", "C", "customer", "external", "销售部", "2025-07-16", "销售部"),        // same quarter last year
		ent(8, "2025-12-01", "B", "customer", "external", "行政部", "", "行政部", "质管部"),           // older, still open
		ent(11, "2026-10-01", "C", "customer", "external", "销售部", "", "销售部"),                 // next quarter: ignored
		void, reserved,
	}
}

func TestComputeCurrent(t *testing.T) {
	s := Compute(Quarter{2026, 3}, testEntries(), testParams)
	c := s.Cur
	checks := []struct {
		name      string
		got, want int
	}{
		{"total", c.Total, 4}, {"void", c.Void, 1}, {"closed", c.Closed, 2}, {"open", c.Open, 2},
		{"overdue", c.Overdue, 3}, {"timely", c.Timely, 1}, {"max days", c.MaxDays, 20},
		{"A", c.ByClass["A"], 2}, {"B", c.ByClass["B"], 1}, {"C", c.ByClass["C"], 1},
		{"A×regulation", c.Matrix[[2]string{"A", "regulation"}], 2},
		{"B×customer", c.Matrix[[2]string{"B", "customer"}], 1},
		{"external", c.ByChannel["external"], 2}, {"policy", c.ByChannel["policy"], 1},
		{"reporter 销售部", c.ByReporter["销售部"], 2}, {"involved 质管部", c.ByInvolved["质管部"], 3},
		{"class A open", c.Class("A", nil).Open, 1}, {"class A overdue", c.Class("A", nil).Overdue, 1},
		{"class C ok", c.Class("C", nil).OK, 0}, {"class A ok", c.Class("A", nil).OK, 1},
		{"A list", len(s.AClass), 2}, {"open list", len(s.Open), 4}, {"reserved", s.ReservedUnused, 1},
		{"prev total", s.Prev.Total, 2}, {"last year total", s.LastYear.Total, 1},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	if c.MaxSerial != "S-2026-03" || c.MeanDays() != 10.5 || c.ClosureRate() != 0.5 {
		t.Errorf("max %s, mean %v, rate %v", c.MaxSerial, c.MeanDays(), c.ClosureRate())
	}
	if s.Provisional {
		t.Error("2026Q3 reported on 2026-11-28 is not provisional")
	}
}

func TestComputeCarriedOrder(t *testing.T) {
	s := Compute(Quarter{2026, 3}, testEntries(), testParams)
	want := []struct {
		serial string
		before bool
	}{{"S-2025-08", true}, {"S-2026-05", true}, {"S-2026-02", false}, {"S-2026-04", false}}
	for i, w := range want {
		if got := s.Open[i]; got.Entry.Serial != w.serial || got.Before != w.before {
			t.Errorf("open[%d] = %s/%v, want %s/%v", i, got.Entry.Serial, got.Before, w.serial, w.before)
		}
	}
}

func TestComputeEdges(t *testing.T) {
	tests := []struct {
		name              string
		q                 Quarter
		asOf              string
		total, prev, last int
		provisional       bool
	}{
		{"empty quarter", Quarter{2024, 2}, "2026-11-28", 0, 0, 0, false},
		{"open quarter", Quarter{2026, 4}, "2026-11-28", 1, 4, 1, true},
		{"across the year end", Quarter{2026, 1}, "2026-11-28", 0, 1, 0, false},
		{"last day not ended", Quarter{2026, 3}, "2026-09-30", 4, 2, 1, true},
	}
	for _, tt := range tests {
		p := testParams
		p.AsOf = date(tt.asOf)
		s := Compute(tt.q, testEntries(), p)
		if s.Cur.Total != tt.total || s.Prev.Total != tt.prev || s.LastYear.Total != tt.last || s.Provisional != tt.provisional {
			t.Errorf("%s: total %d prev %d last year %d provisional %v; want %d %d %d %v", tt.name,
				s.Cur.Total, s.Prev.Total, s.LastYear.Total, s.Provisional, tt.total, tt.prev, tt.last, tt.provisional)
		}
	}
}

func TestTallyKeys(t *testing.T) {
	got := Tally{"b": 1, "x": 2, "a": 3}.Keys([]string{"c", "b"})
	if want := []string{"c", "b", "a", "x"}; !equal(got, want) {
		t.Errorf("Keys = %v, want %v", got, want)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
