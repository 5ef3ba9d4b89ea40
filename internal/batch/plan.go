package batch

import (
	"fmt"
	"strings"

	"github.com/qdoc/qdoc/internal/intake"
	"github.com/qdoc/qdoc/internal/record"
	"github.com/qdoc/qdoc/internal/store"
)

type action int

const (
	actNew action = iota
	actUpdate
	actUnchanged
	actLegacy
)

// planned is what one valid row will do to the store.
type planned struct {
	line      int
	e         record.Entry
	act       action
	year, seq int        // for legacy rows
	nearDup   string     // a stored entry this new row may duplicate
	nearLine  int        // or an earlier row of the same file it may duplicate
	bad       []badField // fields holding characters the forms' font cannot draw
	key       string     // e.Key(), once computed
}

// entryKey is e.Key(), computed once per row.
func (p *planned) entryKey() string {
	if p.key == "" {
		p.key = p.e.Key()
	}
	return p.key
}

func (p *planned) brief() *store.Brief {
	return &store.Brief{Serial: p.e.Serial, Key: p.entryKey(), Digest: p.e.Digest(),
		Received: record.FormatDate(p.e.Received), Reporter: p.e.Reporter, Title: p.e.Title}
}

// planner decides, for every row of one file, what it does, and collects
// every problem before anything is stored.
type planner struct {
	r     *Run
	ix    *store.Index
	rules *record.Rules
	byKey map[string]int // entry key -> first line in this file
	bySer map[string]int // serial -> first line in this file
	// byDay holds the titles of this file's rows by received date and
	// reporter, so two new rows of one file are checked for near-duplicates
	// as a row is checked against the store.
	byDay map[string][]fileTitle
	probs []intake.Problem
	plan  []planned          // rows to store (unchanged rows are only counted)
	count [actLegacy + 1]int // rows by action
	// keep is how many planned rows to hold; past it the plan is dropped
	// and overflow set, and the file is applied in a second streaming pass.
	keep     int
	overflow bool
	// flagged are the first rows with characters the forms' font cannot
	// draw, nflagged how many there are, for check's warnings.
	flagged  []planned
	nflagged int
}

// KeepRows bounds the rows one import holds in memory (about 1 KB each);
// a larger file is validated in one streaming pass and stored in a second.
// A variable only so tests can exercise the two-pass path on small files.
var KeepRows = 20000

func (r *Run) newPlanner(ix *store.Index) *planner {
	return &planner{r: r, ix: ix, rules: r.Cfg.Rules(r.Actor.Today),
		byKey: map[string]int{}, bySer: map[string]int{}, byDay: map[string][]fileTitle{}, keep: KeepRows}
}

// fileTitle is a row planned earlier in the file, for near-duplicates.
type fileTitle struct {
	line  int
	title string // record.BareTitle
}

func (p *planner) add(line int, field, value, msg string) {
	p.probs = append(p.probs, intake.Problem{Line: line, Field: field, Value: value, Msg: msg})
}

// row plans one row, collecting its problems; ok is false if it has any.
func (p *planner) row(row intake.Row) (planned, bool) {
	e, probs := p.rules.Parse(row.Values)
	for _, pr := range probs {
		p.add(row.Line, pr.Field, pr.Value, pr.Msg)
	}
	pl := planned{line: row.Line, e: e}
	ok := len(probs) == 0
	if e.Serial != "" {
		ok = p.numbered(&pl) && ok
	} else {
		p.unnumbered(&pl)
	}
	if !p.unique(&pl) || !ok {
		return pl, false
	}
	p.noteDay(&pl)
	p.count[pl.act]++
	if pl.act == actUnchanged {
		return pl, true // counted; nothing to store, so not held
	}
	p.flag(&pl)
	if len(p.plan) < p.keep && !p.overflow {
		p.plan = append(p.plan, pl)
	} else if !p.overflow {
		p.overflow, p.plan = true, nil
	}
	return pl, true
}

// flag notes a row whose printed fields the forms' font cannot draw whole.
func (p *planner) flag(pl *planned) {
	if pl.bad = p.r.unprintable(&pl.e); len(pl.bad) == 0 {
		return
	}
	if p.nflagged++; len(p.flagged) < maxUnprintable {
		p.flagged = append(p.flagged, *pl)
	}
}

// numbered resolves a row that carries a 编号: an update of that entry,
// the filling of a reserved blank form, or (with --legacy) a historic one.
func (p *planner) numbered(pl *planned) bool {
	raw := pl.e.Serial
	year, seq, ok := p.r.Cfg.ParseSerial(raw)
	if !ok {
		p.add(pl.line, "number", raw, fmt.Sprintf("不是本系统的编号格式（应如 %s）；新信息请留空编号", p.r.Cfg.Serial(2026, 1)))
		return false
	}
	pl.e.Serial = p.r.Cfg.Serial(year, seq)
	b := p.ix.BySerial[strings.ToUpper(pl.e.Serial)]
	switch {
	case b == nil && p.r.Legacy:
		pl.act, pl.year, pl.seq = actLegacy, year, seq
		return p.legacy(pl, raw, year)
	case b == nil:
		p.add(pl.line, "number", raw, "不是本系统发出的编号；新信息请留空编号，历史台帐请用 qdoc import --legacy 导入")
		return false
	case b.Void:
		p.add(pl.line, "number", raw, "该编号已作废，不能再修改；请作为新信息登记（编号留空）")
		return false
	case b.Digest == pl.e.Digest() && !b.Reserved:
		pl.act = actUnchanged
	default:
		pl.act = actUpdate
	}
	return p.receivedInYear(pl, year, b.Reserved)
}

// receivedInYear refuses a row that would move an issued or reserved
// number out of its year: {yyyy} is the year the entry was received, and
// that year's FM-31 holds it.
func (p *planner) receivedInYear(pl *planned, year int, reserved bool) bool {
	got := pl.e.Received.Year()
	if !p.serialHasYear() || pl.e.Received.IsZero() || got == year {
		return true
	}
	msg := fmt.Sprintf("接收日期在 %d 年，但编号 %s 是 %d 年的（编号中的年份就是接收年份，该条登记在 %d 年的台帐中）；请改正接收日期，如确是 %d 年收到的另一条信息，请清空编号作为新信息登记",
		got, pl.e.Serial, year, year, got)
	if reserved {
		msg = fmt.Sprintf("接收日期在 %d 年，但预留编号 %s 是 %d 年的空白表单编号，只能登记 %d 年收到的信息；请改正接收日期，或清空编号作为新信息登记，并用 qdoc info void 作废这个预留编号",
			got, pl.e.Serial, year, year)
	}
	p.add(pl.line, "received", record.FormatDate(pl.e.Received), msg)
	return false
}

// legacy checks a historic row before it takes its own number: the year
// in the number must be the received year, and an entry already stored
// under another number must not come in twice.
func (p *planner) legacy(pl *planned, raw string, year int) bool {
	ok := true
	if got := pl.e.Received.Year(); p.serialHasYear() && !pl.e.Received.IsZero() && got != year {
		p.add(pl.line, "number", raw, fmt.Sprintf(
			"编号中的年份是 %d，但接收日期是 %s（编号中的年份应是接收年份，该年的台帐登记此条）；请核对历史台帐，改正编号或接收日期",
			year, record.FormatDate(pl.e.Received)))
		ok = false
	}
	if b := p.ix.ByKey[pl.entryKey()]; b != nil {
		void := ""
		if b.Void {
			void = "（已作废）"
		}
		p.add(pl.line, "number", raw, fmt.Sprintf(
			"与已登记的 %s%s 是同一条信息（接收日期、报告部门、标题和内容相同），不能用另一个编号再导入一次；请删除此行，或把编号改为 %s",
			b.Serial, void, b.Serial))
		return false
	}
	p.near(pl)
	return ok
}

// serialHasYear reports whether serials carry the received year. The
// config requires {yyyy} today; the year rules follow the pattern, not
// that requirement.
func (p *planner) serialHasYear() bool { return strings.Contains(p.r.Cfg.SerialPattern, "{yyyy}") }

// unnumbered matches a row without 编号 to the entry with the same
// received date, reporter, title and content, or plans a new entry.
func (p *planner) unnumbered(pl *planned) {
	key := pl.entryKey()
	if b := p.ix.ByKey[key]; b != nil {
		pl.e.Serial = b.Serial
		pl.act = actUpdate
		// A voided entry stays void: the row that made it is not news.
		if b.Void || b.Digest == pl.e.Digest() {
			pl.act = actUnchanged
		}
		return
	}
	pl.act = actNew
	p.near(pl)
}

// near looks for an entry with the row's received date and reporter and
// a near-identical title: one stored, or else one planned earlier in this
// file. A match is only a warning; the row is stored.
func (p *planner) near(pl *planned) {
	day := store.DayKey(record.FormatDate(pl.e.Received), pl.e.Reporter)
	title := record.BareTitle(pl.e.Title)
	for _, b := range p.ix.ByDay[day] {
		if record.NearBare(b.BareTitle(), title) {
			pl.nearDup = b.Serial
			return
		}
	}
	for _, o := range p.byDay[day] {
		if record.NearBare(o.title, title) {
			pl.nearLine = o.line
			return
		}
	}
}

// noteDay remembers a valid row's title for the rows after it.
func (p *planner) noteDay(pl *planned) {
	if pl.e.Received.IsZero() || pl.e.Title == "" {
		return
	}
	day := store.DayKey(record.FormatDate(pl.e.Received), pl.e.Reporter)
	p.byDay[day] = append(p.byDay[day], fileTitle{pl.line, record.BareTitle(pl.e.Title)})
}

// unique refuses two rows of one file that are the same entry.
func (p *planner) unique(pl *planned) bool {
	if pl.e.Serial != "" {
		s := strings.ToUpper(pl.e.Serial)
		if first, ok := p.bySer[s]; ok {
			p.dup(first, pl.line, "编号 "+pl.e.Serial)
			return false
		}
		p.bySer[s] = pl.line
	}
	if pl.e.Received.IsZero() || pl.e.Title == "" {
		return true
	}
	k := pl.entryKey()
	if first, ok := p.byKey[k]; ok {
		p.dup(first, pl.line, "接收日期、报告部门、标题和内容")
		return false
	}
	p.byKey[k] = pl.line
	return true
}

func (p *planner) dup(first, line int, what string) {
	msg := fmt.Sprintf("第 %d 行与第 %d 行重复（%s相同）；请删除其中一行", first, line, what)
	p.add(first, "", "", msg)
	p.add(line, "", "", msg)
}
