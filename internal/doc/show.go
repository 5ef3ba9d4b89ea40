package doc

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/qdoc/qdoc/internal/store"
)

// Show prints a document: its versions with their states and copies, the
// request trail and trainings, then its change log.
func (w *Workspace) Show(out io.Writer, number string) error {
	n, err := ParseNumber(number)
	if err != nil {
		return err
	}
	f, err := w.Store.LoadDoc(n)
	if errors.Is(err, store.ErrNotFound) {
		return rule("文件 %s 未登记；'qdoc doc list' 列出已登记的文件", n)
	}
	if err != nil {
		return err
	}
	showHead(out, f)
	showVersions(out, f)
	showRequests(out, f)
	return w.showAudit(out, f)
}

func showHead(out io.Writer, f *store.DocFile) {
	d := f.Doc
	fmt.Fprintf(out, "文件编号: %s  文件名称: %s  归口部门: %s  登记日期: %s\n", d.Number, d.Title, d.Owner, fd(d.Registered))
	cur := "无"
	if c := Current(f); c != nil {
		cur = fmt.Sprintf("%s（受控，生效 %s）", c.Version, fd(c.Effective))
	}
	review := "不做定期评审"
	if d.ReviewMonths > 0 {
		review = fmt.Sprintf("每 %d 个月，上次 %s，下次 %s", d.ReviewMonths, or(fd(d.Periodic), "—"), or(fd(NextReview(f)), "—"))
	}
	fmt.Fprintf(out, "现行版本: %s  定期评审: %s\n", cur, review)
}

func showVersions(out io.Writer, f *store.DocFile) {
	fmt.Fprintln(out, "版本:")
	for _, v := range f.Versions {
		fmt.Fprintf(out, "  %s  %s  发放 %s  生效 %s", v.Version, StateLabel(v.State), fd(v.Issued), fd(v.Effective))
		if !v.Superseded.IsZero() {
			fmt.Fprintf(out, "  被替代 %s", fd(v.Superseded))
		}
		if !v.Destroyed.IsZero() {
			fmt.Fprintf(out, "  销毁 %s  留档 %s", fd(v.Destroyed), v.ArchivedCopy)
		}
		fmt.Fprintln(out)
		if v.File != "" {
			fmt.Fprintf(out, "    电子文件 %s  sha256 %s\n", v.File, v.FileSHA256)
		}
		for _, c := range Copies(f, v.Version) {
			fmt.Fprintf(out, "    第%d份 %s  发放 %s%s\n", c.No, c.Holder, fd(c.Issued), returned(c))
		}
		showTraining(out, f, v)
	}
}

func returned(c *store.DocCopy) string {
	if c.Returned.IsZero() {
		return ""
	}
	s := "  回收 " + fd(c.Returned)
	if c.ReturnedBy != "" {
		s += "（交回人 " + c.ReturnedBy + "）"
	}
	return s
}

// showTraining lists each session with its own attendees, then the
// expected attendees (named at issue) who came to none of them.
func showTraining(out io.Writer, f *store.DocFile, v *store.DocVersion) {
	if v.Training != "" {
		fmt.Fprintf(out, "    培训申请单 %s  培训人 %s  应参加 %s\n", v.Training, or(v.Trainer, "—"), or(strings.Join(v.Trainees, "、"), "—"))
	}
	var came []string
	for _, t := range f.Trainings {
		if t.Version == v.Version {
			fmt.Fprintf(out, "    培训 %s  培训人 %s  参加 %s\n", fd(t.Date), or(t.Trainer, "—"), strings.Join(t.Attendees, "、"))
			came = append(came, t.Attendees...)
		}
	}
	if miss := untrained(v.Trainees, came); len(miss) > 0 && len(came) > 0 {
		fmt.Fprintf(out, "    尚未参加培训 %s\n", strings.Join(miss, "、"))
	}
}

// untrained names the expected attendees no session had.
func untrained(expected, came []string) []string {
	var miss []string
	for _, e := range expected {
		if !slices.ContainsFunc(came, func(c string) bool { return samePerson(c, e) }) {
			miss = append(miss, e)
		}
	}
	return miss
}

func showRequests(out io.Writer, f *store.DocFile) {
	fmt.Fprintln(out, "修订申请:")
	if len(f.Requests) == 0 {
		fmt.Fprintln(out, "  （无）")
	}
	for _, r := range f.Requests {
		state := StateLabel(r.State)
		if r.State == Issued {
			state += " " + r.IssuedVersion
		}
		to := or(r.To, or(r.IssuedVersion, "?"))
		fmt.Fprintf(out, "  %s  %s  %s → %s  申请 %s %s（%s）: %s\n", r.Serial, state, r.From, to, fd(r.Applied), r.Applicant, r.Dept, r.Reason)
		if r.Reviewer != "" {
			fmt.Fprintf(out, "    审核 %s %s: %s\n", fd(r.Reviewed), r.Reviewer, r.Review)
		}
		if r.Approver != "" {
			what := "批准"
			switch r.State {
			case Withdrawn:
				what = "撤回批准" // the approval itself is in the change log below
			case Rejected:
				what = "不予批准"
			}
			fmt.Fprintf(out, "    %s %s %s: %s\n", what, fd(r.Approved), r.Approver, r.Approval)
		}
	}
}

// showAudit prints the change log of the document and of its forms.
func (w *Workspace) showAudit(out io.Writer, f *store.DocFile) error {
	keys := []string{f.Doc.Number}
	for _, r := range f.Requests {
		keys = append(keys, r.Serial)
	}
	for _, v := range f.Versions {
		if v.Training != "" {
			keys = append(keys, v.Training)
		}
	}
	var rows []store.AuditRow
	for _, k := range keys {
		rs, err := w.Store.Audit(k)
		if err != nil {
			return err
		}
		rows = append(rows, rs...)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].ID < rows[j].ID })
	fmt.Fprintln(out, "修改记录:")
	for _, a := range rows {
		fmt.Fprintf(out, "  %s %s(%s) %s %s: %s → %s  来源 %s %s\n", w.Cfg.LocalTime(a.At), a.Who, a.OSUser, a.Action, a.Field, clip(a.Before), clip(a.After), a.Source, a.Reason)
	}
	return nil
}

// clip shortens a logged value for the console: a new row's snapshot
// (JSON) as it is, a single value quoted so an empty one shows as "".
func clip(s string) string {
	r := []rune(strings.ReplaceAll(s, "\n", " "))
	if len(r) > 100 {
		r = append(r[:100], '…')
	}
	if strings.HasPrefix(s, "{") {
		return string(r)
	}
	return fmt.Sprintf("%q", string(r))
}

// List prints one line per document: its version in force, state, next
// periodic review and any revision in progress.
func (w *Workspace) List(out io.Writer) error {
	files, err := w.LoadAll()
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(out, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "文件编号\t文件名称\t归口部门\t现行版本\t待回收\t下次定期评审\t进行中的修订")
	for _, f := range files {
		cur, next, open, recalling := "—", "—", "—", []string{}
		if c := Current(f); c != nil {
			cur = c.Version
		}
		if t := NextReview(f); !t.IsZero() {
			next = fd(t)
		}
		if r := OpenRequest(f); r != nil {
			open = r.Serial + " " + StateLabel(r.State)
		}
		for _, v := range f.Versions {
			if v.State == Recalling || v.State == Recalled {
				recalling = append(recalling, v.Version+" "+StateLabel(v.State))
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", f.Doc.Number, f.Doc.Title, f.Doc.Owner, cur, or(strings.Join(recalling, "、"), "—"), next, open)
	}
	return tw.Flush()
}
