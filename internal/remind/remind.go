// Package remind lists what the quality officer must chase: entries past
// their class deadline and not closed, serials reserved for blank forms
// and never filled, and whatever other sources register themselves —
// document control adds copies not yet returned and documents due for
// periodic review. The list goes to the console and to a workbook under
// out/reminders/.
//
// Adding a source: put a file in this package (e.g. docs.go) with
//
//	func init() { Register("copies", 20, copiesNotReturned) }
//
// where copiesNotReturned is a Source. Nothing else changes: the command,
// the scheduled job, the console list and the workbook pick it up.
package remind

import (
	"slices"
	"sort"
	"time"

	"github.com/qdoc/qdoc/internal/batch"
)

// Item is one thing to chase.
type Item struct {
	Kind  string    // what it is, printed as the group name: 超期未关闭, 预留未用 …
	Ref   string    // the serial or document number
	Title string    // what it is about
	Due   time.Time // the deadline or date it is counted from (zero: none)
	Days  int       // days past Due (or since it, for a reservation)
	Who   string    // the departments to chase
	Note  string    // anything else the officer needs, e.g. the current status
}

// Source finds the items of one kind in a workspace as of today (a civil
// date). It reads only; an error stops the list.
type Source func(s *batch.Session, today time.Time) ([]Item, error)

type registered struct {
	name  string
	order int
	fn    Source
}

var sources []registered

// Register adds a source under a unique name. order places its group in
// the list (entries 10 and 11; document control 20 and up); ties go by
// name. Call it from an init function.
func Register(name string, order int, fn Source) {
	if slices.ContainsFunc(sources, func(r registered) bool { return r.name == name }) {
		panic("remind: source " + name + " registered twice")
	}
	sources = append(sources, registered{name, order, fn})
	sort.SliceStable(sources, func(i, j int) bool {
		if sources[i].order != sources[j].order {
			return sources[i].order < sources[j].order
		}
		return sources[i].name < sources[j].name
	})
}

// Group is one source's items.
type Group struct {
	Kind  string
	Items []Item
}

// Collect asks every source, in order, and groups what they found. Items
// within a group go most overdue first, then by reference, so the list
// reads the same every time.
func Collect(s *batch.Session, today time.Time) ([]Group, error) {
	var out []Group
	for _, src := range sources {
		items, err := src.fn(s, today)
		if err != nil {
			return nil, err
		}
		out = append(out, group(items)...)
	}
	return out, nil
}

// group splits a source's items by Kind, in the order kinds first appear.
func group(items []Item) []Group {
	var gs []Group
	idx := map[string]int{}
	for _, it := range items {
		i, ok := idx[it.Kind]
		if !ok {
			i, idx[it.Kind] = len(gs), len(gs)
			gs = append(gs, Group{Kind: it.Kind})
		}
		gs[i].Items = append(gs[i].Items, it)
	}
	for _, g := range gs {
		sort.SliceStable(g.Items, func(i, j int) bool {
			a, b := g.Items[i], g.Items[j]
			if a.Days != b.Days {
				return a.Days > b.Days
			}
			return a.Ref < b.Ref
		})
	}
	return gs
}
