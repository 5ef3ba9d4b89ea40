// Package changelog makes the monthly data-change report (数据修改报表,
// seed: every data change recorded and reported monthly): every row of
// the audit log in a month, grouped by record, as a printable Excel
// workbook and a PDF drawn with the forms' engine. With Redact, phone
// numbers and names in free text are masked for readers outside the
// department.
package changelog

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/qdoc/qdoc/internal/archive"
	"github.com/qdoc/qdoc/internal/record"
	"github.com/qdoc/qdoc/internal/store"
)

// Title is the report's printed name.
const Title = "数据修改报表"

// Options are what the report shows besides its rows.
type Options struct {
	Company string
	Year    int
	Month   time.Month
	Loc     *time.Location
	Redact  bool
	// All lists registrations and form issues too; by default they are
	// only counted, since the ledger and the archive hold them.
	All bool
	// Labels print coded values (status, category, channel, class) as on
	// paper; nil prints the codes.
	Labels Labels
}

// Labels turns canonical codes into their printed Chinese labels.
type Labels interface {
	Category(code string) string
	Channel(code string) string
	Class(code string) string
	Status(code string) string
}

// notChanges are the audit actions that add a record or issue its form
// rather than change data.
var notChanges = map[string]bool{"create": true, "reserve": true, "render": true}

// Period is the month as printed, e.g. "2026年10月".
func (o Options) Period() string { return fmt.Sprintf("%d年%d月", o.Year, o.Month) }

// Group is the changes to one record in the month, oldest first.
type Group struct {
	Record string
	Rows   []Row
}

// Row is one change as printed.
type Row struct {
	At, Who, Action, Field, Before, After, Source, Reason string
}

// Columns are the printed column names of a row, in order.
var Columns = []string{"时间", "操作人", "操作", "字段", "修改前", "修改后", "来源", "原因"}

func (r Row) cells() []string {
	return []string{r.At, r.Who, r.Action, r.Field, r.Before, r.After, r.Source, r.Reason}
}

// Report is one month's report.
type Report struct {
	Options
	Groups []Group
	New    int // records registered in the month
}

// Summary is the line under the title, e.g. "共 3 条记录，5 处修改；本月新登记 37 条".
func (r *Report) Summary() string {
	s := fmt.Sprintf("共 %d 条记录，%d 处修改；本月新登记 %d 条（见台帐）", len(r.Groups), Count(r.Groups), r.New)
	if r.Redact {
		s += "　已脱敏：电话、证件号、姓名等个人信息已遮盖"
	}
	return s
}

// Build groups audit rows by record (in record order) and turns each into
// its printed form, counting the records newly created.
func Build(rows []store.AuditRow, opt Options) *Report {
	groups, created := build(rows, opt)
	return &Report{Options: opt, Groups: groups, New: created}
}

func build(rows []store.AuditRow, opt Options) (groups []Group, created int) {
	by := map[string]*Group{}
	var order []string
	for _, a := range rows {
		if a.Action == "create" {
			created++
		}
		if notChanges[a.Action] && !opt.All {
			continue
		}
		g, ok := by[a.Serial]
		if !ok {
			g = &Group{Record: recordName(a.Serial)}
			by[a.Serial] = g
			order = append(order, a.Serial)
		}
		g.Rows = append(g.Rows, printed(a, opt))
	}
	sort.Strings(order)
	groups = make([]Group, len(order))
	for i, s := range order {
		groups[i] = *by[s]
	}
	return groups, created
}

// actions are the audit actions' printed names; others print as stored.
var actions = map[string]string{
	"create": "新建", "update": "修改", "void": "作废", "fill": "填写预留", "reserve": "预留编号",
	"render": "出具表单", "reissue": "重新出具", "archive": "归档", "restore": "恢复备份",
}

// recordName is how a group is headed: audit rows on no one record (a
// restore) are the whole store's.
func recordName(serial string) string {
	if serial == store.RestoreRecord {
		return "（整个库）"
	}
	return serial
}

func printed(a store.AuditRow, opt Options) Row {
	r := Row{Who: a.Who, Action: label(actions, a.Action), Field: fieldLabel(a.Field),
		Before: value(opt.Labels, a.Field, a.Before), After: value(opt.Labels, a.Field, a.After), Source: a.Source, Reason: a.Reason}
	if a.OSUser != "" && a.OSUser != a.Who {
		r.Who += "（" + a.OSUser + "）"
	}
	if t, err := time.Parse(time.RFC3339, a.At); err == nil {
		r.At = t.In(opt.Loc).Format("2006-01-02 15:04")
	}
	if a.Action == "create" || a.Action == "reserve" {
		r.After = summary(a.After)
	}
	if opt.Redact {
		r.Before, r.After, r.Reason = archive.Redact(r.Before), archive.Redact(r.After), archive.Redact(r.Reason)
	}
	return r
}

func label(m map[string]string, k string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return k
}

func fieldLabel(f string) string {
	switch f {
	case "*":
		return "全部"
	case "scan":
		return "签字扫描件"
	case "void":
		return "作废"
	case "store":
		return "库"
	case "reserved":
		return "预留"
	}
	return label(record.FieldLabels, f)
}

// value prints a coded field's value by its label.
func value(l Labels, field, v string) string {
	if l == nil || v == "" {
		return v
	}
	switch field {
	case "status":
		return l.Status(v)
	case "category":
		return l.Category(v)
	case "channel":
		return l.Channel(v)
	case "class":
		return l.Class(v)
	}
	return v
}

// summary shows a created record's snapshot as its title and date, not
// the whole JSON: the report is about changes, and the entry itself is in
// the ledger.
func summary(snapshot string) string {
	var m map[string]string
	if json.Unmarshal([]byte(snapshot), &m) != nil {
		return snapshot
	}
	parts := []string{"新登记"}
	for _, k := range []string{"received", "title"} {
		if v := m[k]; v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, " ")
}

// FileName is the report's file name with ext (".xlsx", ".pdf").
func (o Options) FileName(ext string) string {
	name := fmt.Sprintf("%s %04d-%02d", Title, o.Year, int(o.Month))
	if o.Redact {
		name += "（脱敏）"
	}
	return name + ext
}

// Count is the number of changes in groups.
func Count(groups []Group) int {
	n := 0
	for _, g := range groups {
		n += len(g.Rows)
	}
	return n
}
