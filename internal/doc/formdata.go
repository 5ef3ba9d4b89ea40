package doc

import (
	"strconv"
	"strings"
	"time"

	"github.com/qdoc/qdoc/internal/form"
	"github.com/qdoc/qdoc/internal/store"
)

// revisionJob is the 文件修订申请表 of a request: rev 0 the application
// alone, dated the application; rev 1 the decided request, dated the
// decision; rev 2, of a withdrawn request only, the withdrawal in the
// approval box, dated the withdrawal. None depends on anything that
// happened after its date.
func (w *Workspace) revisionJob(f *store.DocFile, r *store.DocRequest, rev int) formJob {
	fields := map[string]string{
		"applied": fd(r.Applied), "department": r.Dept, "doc_number": f.Doc.Number, "doc_title": f.Doc.Title,
		"doc_version": r.From, "new_version": r.To, "reason": r.Reason, "applicant": r.Applicant,
	}
	created := r.Applied
	if rev > 0 {
		created = decisionDate(r)
		w.decisionFields(fields, r)
	}
	return formJob{
		serial: r.Serial, rev: rev, year: r.Year, layout: "revision", created: created,
		data: form.Data{
			Serial: r.Serial, Company: w.Cfg.Company, IssueDate: fd(created),
			FormCode: w.Cfg.FormCode(w.Cfg.Documents.RevisionForm), Fields: fields,
		},
	}
}

// decisionDate is when a request was decided: approved or rejected.
func decisionDate(r *store.DocRequest) time.Time {
	if r.Approved.After(r.Reviewed) {
		return r.Approved
	}
	return r.Reviewed
}

// rejectedAtReview reports a request rejected before anyone approved it.
func rejectedAtReview(r *store.DocRequest) bool { return r.State == Rejected && r.Approver == "" }

func (w *Workspace) decisionFields(m map[string]string, r *store.DocRequest) {
	review, approval := r.Review, r.Approval
	switch {
	case r.State == Withdrawn:
		approval = "撤回批准（驳回），不据此发放。" + approval
	case rejectedAtReview(r):
		review = "不同意修订（驳回）。" + review
	case r.State == Rejected:
		approval = "不予批准（驳回）。" + approval
	}
	m["review"], m["reviewer"], m["reviewed"] = review, r.Reviewer, fd(r.Reviewed)
	m["approval"], m["approver"], m["approved"] = approval, r.Approver, fd(r.Approved)
}

// trainingJob is the 培训申请单 of an issued version: the checklist with
// the dates known at issue, a recall line per copy of the old version with
// an empty date box, and a sign-in line per expected attendee.
//
// At issue only the new copies' date is known. The line 修改文件状态档案
// (旧文件"已回收销毁"；新文件"受控") is done when the old version is
// destroyed, never on the issue day (it is then only 待回收), so its date
// box is left for the hand like the recall, destruction and training
// boxes; the register (文件状态档案) carries each of those dates as the
// steps are recorded. The form is rendered once, at issue, from what was
// stored then, so a form lost to a crash is rendered again the same.
func (w *Workspace) trainingJob(f *store.DocFile, v *store.DocVersion) formJob {
	req := request(f, v.Request)
	old := ""
	if req != nil {
		old = req.From
	}
	fields := map[string]string{
		"applied": fd(v.Issued), "doc_number": f.Doc.Number, "doc_title": f.Doc.Title,
		"old_version": old, "new_version": v.Version, "trainer": v.Trainer,
		"content": trainingContent(f, v, req), "issued": fd(v.Issued),
	}
	year, _ := strconv.Atoi(fd(v.Issued)[:4])
	return formJob{
		serial: v.Training, year: year, layout: "training", created: v.Issued,
		data: form.Data{
			Serial: v.Training, Company: w.Cfg.Company, IssueDate: fd(v.Issued),
			FormCode: w.Cfg.FormCode(w.Cfg.Documents.TrainingForm), Fields: fields,
			Lists: map[string][]map[string]string{"recall": recallLines(f, old), "attendees": signIn(v.Trainees)},
		},
	}
}

func request(f *store.DocFile, serial string) *store.DocRequest {
	for _, r := range f.Requests {
		if r.Serial == serial {
			return r
		}
	}
	return nil
}

func trainingContent(f *store.DocFile, v *store.DocVersion, r *store.DocRequest) string {
	s := "《" + f.Doc.Title + "》" + v.Version + " 版的内容与执行要求"
	if r != nil {
		s += "（由 " + r.From + " 修订，申请单 " + r.Serial + "；修订原因：" + r.Reason + "）"
	}
	return s
}

// recallLines is one line per copy of the old version, by holder; the
// return date and signatures are written by hand.
func recallLines(f *store.DocFile, old string) []map[string]string {
	var out []map[string]string
	for _, c := range Copies(f, old) {
		out = append(out, map[string]string{"department": c.Holder, "copies": "第 " + strconv.Itoa(c.No) + " 份"})
	}
	return out
}

func signIn(names []string) []map[string]string {
	out := make([]map[string]string, len(names))
	for i, n := range names {
		out[i] = map[string]string{"no": strconv.Itoa(i + 1), "name": strings.TrimSpace(n)}
	}
	return out
}
