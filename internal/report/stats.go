package report

import (
	"slices"
	"sort"
	"time"

	"github.com/qdoc/qdoc/internal/record"
)

// Params are what the statistics are counted against.
type Params struct {
	Deadlines map[string]int // class → days to close
	// AsOf is the report date: status and overdue are as of this day, the
	// same rule the FM-31 ledger prints, so the two reconcile.
	AsOf time.Time
	// Printing orders; codes not listed are printed after, sorted.
	Classes, Categories, Channels, Departments []string
}

// Period is the tally of one quarter's entries. Void and reserved entries
// are not counted in it, except Void, which counts the quarter's voids.
type Period struct {
	Quarter                     Quarter
	Total                       int
	Void                        int
	ByClass, ByCategory         Tally
	ByChannel                   Tally
	ByReporter, ByInvolved      Tally
	Matrix                      map[[2]string]int // [class, category]
	Classes                     map[string]*ClassRow
	Closed, Open, Overdue       int
	HandledSum, MaxDays, Timely int
	MaxSerial                   string
}

// ClassRow is one class's closure against its deadline.
type ClassRow struct {
	Class                            string
	Deadline                         int
	Total, Closed, Open, Overdue, OK int // OK: closed within the deadline
}

// Carried is an entry open at some point the report must show: received
// before the quarter and still open when it began (Before), or received in
// it and still open on the report date.
type Carried struct {
	Entry  *record.Entry
	Before bool
}

// Stats is everything the FM-32 report prints.
type Stats struct {
	Params
	Quarter             Quarter
	Provisional         bool // the quarter had not ended on AsOf (未结)
	Cur, Prev, LastYear *Period
	AClass              []*record.Entry // the quarter's A-class entries, by serial
	Open                []Carried       // carried over, then still open, by received date
	ReservedUnused      int             // reserved serials of the quarter's year never filled
}

// Compute counts the report of quarter q from entries, which may hold
// any others (they are ignored). It is pure: the same entries and params
// give the same Stats.
func Compute(q Quarter, entries []*record.Entry, p Params) *Stats {
	s := &Stats{Params: p, Quarter: q, Provisional: !q.Ended(p.AsOf),
		Cur: newPeriod(q), Prev: newPeriod(q.Prev()), LastYear: newPeriod(q.LastYear())}
	for _, e := range entries {
		s.add(e)
	}
	s.sort()
	return s
}

func newPeriod(q Quarter) *Period {
	return &Period{Quarter: q, ByClass: Tally{}, ByCategory: Tally{}, ByChannel: Tally{},
		ByReporter: Tally{}, ByInvolved: Tally{}, Matrix: map[[2]string]int{}, Classes: map[string]*ClassRow{}}
}

// add counts one entry into every period it belongs to.
func (s *Stats) add(e *record.Entry) {
	if e.Reserved {
		if e.Year == s.Quarter.Year {
			s.ReservedUnused++
		}
		return
	}
	for _, p := range []*Period{s.Cur, s.Prev, s.LastYear} {
		if p.Quarter.Contains(e.Received) {
			p.add(e, &s.Params)
		}
	}
	if e.Void {
		return
	}
	switch {
	case s.Quarter.Contains(e.Received):
		if e.Class == "A" {
			s.AClass = append(s.AClass, e)
		}
		if e.Closed.IsZero() {
			s.Open = append(s.Open, Carried{Entry: e})
		}
	case e.Received.Before(s.Quarter.Start()) && openOn(e, s.Quarter.Start()):
		s.Open = append(s.Open, Carried{Entry: e, Before: true})
	}
}

// openOn reports whether an entry was still open at the start of day d.
func openOn(e *record.Entry, d time.Time) bool {
	return !e.Received.IsZero() && (e.Closed.IsZero() || !e.Closed.Before(d))
}

func (p *Period) add(e *record.Entry, par *Params) {
	if e.Void {
		p.Void++
		return
	}
	p.Total++
	p.ByClass[e.Class]++
	p.ByCategory[e.Category]++
	p.ByChannel[e.Channel]++
	p.ByReporter[e.Reporter]++
	for _, d := range e.Departments {
		p.ByInvolved[d]++
	}
	p.Matrix[[2]string{e.Class, e.Category}]++
	p.closure(e, par)
}

// closure counts an entry against its class deadline.
func (p *Period) closure(e *record.Entry, par *Params) {
	c := p.Classes[e.Class]
	if c == nil {
		c = &ClassRow{Class: e.Class, Deadline: par.Deadlines[e.Class]}
		p.Classes[e.Class] = c
	}
	c.Total++
	late := e.Overdue(par.Deadlines, par.AsOf)
	if late {
		c.Overdue++
		p.Overdue++
	}
	if e.Closed.IsZero() {
		c.Open++
		p.Open++
		return
	}
	c.Closed++
	p.Closed++
	if !late {
		c.OK++
		p.Timely++
	}
	d := e.HandlingDays()
	p.HandledSum += d
	if d > p.MaxDays || p.MaxSerial == "" {
		p.MaxDays, p.MaxSerial = d, e.Serial
	}
}

func (s *Stats) sort() {
	bySerial := func(a, b *record.Entry) int {
		if a.Year != b.Year {
			return a.Year - b.Year
		}
		return a.Seq - b.Seq
	}
	slices.SortFunc(s.AClass, bySerial)
	sort.SliceStable(s.Open, func(i, j int) bool {
		a, b := s.Open[i], s.Open[j]
		if a.Before != b.Before {
			return a.Before
		}
		if !a.Entry.Received.Equal(b.Entry.Received) {
			return a.Entry.Received.Before(b.Entry.Received)
		}
		return bySerial(a.Entry, b.Entry) < 0
	})
}

// ClosureRate is closed / total, 0 for an empty quarter.
func (p *Period) ClosureRate() float64 { return ratio(p.Closed, p.Total) }

// TimelyRate is closed within the deadline / total.
func (p *Period) TimelyRate() float64 { return ratio(p.Timely, p.Total) }

// MeanDays is the mean handling time of the closed entries, in days.
func (p *Period) MeanDays() float64 { return ratio(p.HandledSum, p.Closed) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Class returns a class's row, zero when the quarter has none of it.
func (p *Period) Class(code string, deadlines map[string]int) ClassRow {
	if c := p.Classes[code]; c != nil {
		return *c
	}
	return ClassRow{Class: code, Deadline: deadlines[code]}
}

// Tally counts by code or name.
type Tally map[string]int

// Keys lists base (in its order) then any other counted keys, sorted.
func (t Tally) Keys(base []string) []string {
	out := slices.Clone(base)
	var extra []string
	for k := range t {
		if !slices.Contains(base, k) {
			extra = append(extra, k)
		}
	}
	slices.Sort(extra)
	return append(out, extra...)
}
