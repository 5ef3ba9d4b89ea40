package remind

import (
	"strings"
	"time"

	"github.com/qdoc/qdoc/internal/batch"
	"github.com/qdoc/qdoc/internal/record"
)

// Kinds of the built-in sources.
const (
	KindOverdue  = "超期未关闭"
	KindReserved = "预留未用"
)

func init() {
	Register("overdue", 10, overdue)
	Register("reserved", 11, reserved)
}

// overdue lists the entries not closed and past their class deadline,
// the same rule the FM-31 ledger marks 超期 by.
func overdue(s *batch.Session, today time.Time) ([]Item, error) {
	var out []Item
	l := s.Cfg.Labels()
	err := s.Store.Each(0, func(e *record.Entry) error {
		if e.Void || e.Reserved || !e.Closed.IsZero() || !e.Overdue(s.Cfg.Deadlines, today) {
			return nil
		}
		dl, _ := e.Deadline(s.Cfg.Deadlines)
		out = append(out, Item{Kind: KindOverdue, Ref: e.Serial, Title: e.Title, Due: dl,
			Days: days(dl, today), Who: strings.Join(e.Departments, "、"),
			Note: l.Class(e.Class) + "，" + l.Status(e.Status)})
		return nil
	})
	return out, err
}

// reserved lists serials given to blank forms (qdoc forms blank) that no
// returned form has filled: each is either still out with someone or
// should be voided, and an inspector will ask which.
func reserved(s *batch.Session, today time.Time) ([]Item, error) {
	var out []Item
	err := s.Store.Each(0, func(e *record.Entry) error {
		if !e.Reserved || e.Void {
			return nil
		}
		out = append(out, Item{Kind: KindReserved, Ref: e.Serial, Title: "空白表已预留编号，尚未登记",
			Due: e.Registered, Days: days(e.Registered, today),
			Note: "收回填写的表后登记；不再使用请 qdoc info void 作废"})
		return nil
	})
	return out, err
}

// days is the whole days from a to b (civil dates).
func days(a, b time.Time) int {
	if a.IsZero() {
		return 0
	}
	return int(b.Sub(a).Hours() / 24)
}
