package doc

import (
	"slices"
	"strings"
	"time"

	"github.com/qdoc/qdoc/internal/record"
	"github.com/qdoc/qdoc/internal/store"
)

// The lifecycle's rules, as pure functions of what is stored: each returns
// nil or a *Rule saying what must happen first. They change nothing.

// Current is the version in force (受控), or nil.
func Current(f *store.DocFile) *store.DocVersion {
	for _, v := range f.Versions {
		if v.State == Controlled {
			return v
		}
	}
	return nil
}

// Latest is the highest version the document has had, or nil.
func Latest(f *store.DocFile) *store.DocVersion {
	var out *store.DocVersion
	for _, v := range f.Versions {
		if out == nil || MustVersion(v.Version).Compare(MustVersion(out.Version)) > 0 {
			out = v
		}
	}
	return out
}

// Find returns the stored version v of the document, or nil.
func Find(f *store.DocFile, v Version) *store.DocVersion {
	for _, x := range f.Versions {
		if x.Version == v.String() {
			return x
		}
	}
	return nil
}

// OpenRequest is the revision request still in progress, or nil.
func OpenRequest(f *store.DocFile) *store.DocRequest {
	for _, r := range f.Requests {
		if r.State == Requested || r.State == Reviewed || r.State == Approved {
			return r
		}
	}
	return nil
}

// Outstanding lists the copies of a version not yet returned.
func Outstanding(f *store.DocFile, version string) []*store.DocCopy {
	var out []*store.DocCopy
	for _, c := range f.Copies {
		if c.Version == version && c.Returned.IsZero() {
			out = append(out, c)
		}
	}
	return out
}

// Copies lists the copies of a version, by number.
func Copies(f *store.DocFile, version string) []*store.DocCopy {
	var out []*store.DocCopy
	for _, c := range f.Copies {
		if c.Version == version {
			out = append(out, c)
		}
	}
	return out
}

// samePerson compares names as people type them (spaces, full-width forms).
func samePerson(a, b string) bool { return a != "" && record.Fold(a) == record.Fold(b) }

// notBefore refuses a date earlier than the step it follows.
func notBefore(date, prev time.Time, what string) error {
	if !prev.IsZero() && date.Before(prev) {
		return rule("日期 %s 早于%s（%s）；请用 --date 给出不早于它的日期", fd(date), what, fd(prev))
	}
	return nil
}

func fd(t time.Time) string { return record.FormatDate(t) }

// CheckForward refuses a new version label that is not later than every
// version the document has had.
func CheckForward(f *store.DocFile, v Version) error {
	l := Latest(f)
	if l == nil || v.Compare(MustVersion(l.Version)) > 0 {
		return nil
	}
	return rule("%s 的版本只能向前：%s 不晚于已有的 %s；新版本应如 %s 或 %s",
		f.Doc.Number, v, l.Version, Version{MustVersion(l.Version).Edition, MustVersion(l.Version).Rev + 1}, nextEdition(MustVersion(l.Version)))
}

func nextEdition(v Version) Version {
	e := []byte(v.Edition)
	for i := len(e) - 1; i >= 0; i-- {
		if e[i] < 'Z' {
			e[i]++
			return Version{string(e), 0}
		}
		e[i] = 'A'
	}
	return Version{"A" + string(e), 0}
}

// CheckRevise: a revision needs a version in force and no other request
// still open for the document.
func CheckRevise(f *store.DocFile, to *Version, date time.Time) error {
	cur := Current(f)
	if cur == nil {
		return rule("%s 没有现行受控版本，不能申请修订", f.Doc.Number)
	}
	if r := OpenRequest(f); r != nil {
		return rule("%s 已有未完成的修订申请 %s（%s）；%s", f.Doc.Number, r.Serial, StateLabel(r.State), nextSteps(r))
	}
	if to != nil {
		if err := CheckForward(f, *to); err != nil {
			return err
		}
	}
	return notBefore(date, cur.Issued, "现行版本 "+cur.Version+" 的发放日期")
}

// nextSteps names what can close an open request in its state, and only that.
func nextSteps(r *store.DocRequest) string {
	switch r.State {
	case Requested:
		return sprintf("先审核（doc review %s）或驳回（doc reject %s）", r.Serial, r.Serial)
	case Reviewed:
		return sprintf("先批准（doc approve %s）或驳回（doc reject %s）", r.Serial, r.Serial)
	}
	return sprintf("先据此发放新版本（doc issue %s --request %s），或由批准人撤回批准（doc reject %s）", r.Number, r.Serial, r.Serial)
}

// CheckReview: a request is reviewed once, by someone other than its applicant.
func CheckReview(r *store.DocRequest, who string, date time.Time) error {
	if r.State != Requested {
		return rule("申请单 %s 状态为「%s」，只有待审核的申请可以审核", r.Serial, StateLabel(r.State))
	}
	if samePerson(who, r.Applicant) {
		return rule("审核人不得与申请人为同一人：%s 是申请单 %s 的申请人；请由他人审核（--by 姓名）", who, r.Serial)
	}
	return notBefore(date, r.Applied, "申请日期")
}

// CheckApprove: approval follows review, by someone who is neither the
// applicant nor the reviewer and, when approvers are configured, one of them.
func CheckApprove(r *store.DocRequest, who string, approvers []string, date time.Time) error {
	switch r.State {
	case Requested:
		return rule("申请单 %s 尚未审核；先审核（doc review %s --opinion … --by 审核人），再批准", r.Serial, r.Serial)
	case Reviewed:
	default:
		return rule("申请单 %s 状态为「%s」，只有已审核的申请可以批准", r.Serial, StateLabel(r.State))
	}
	return checkApprover(r, who, approvers, date)
}

func checkApprover(r *store.DocRequest, who string, approvers []string, date time.Time) error {
	switch {
	case samePerson(who, r.Applicant):
		return rule("批准人不得是申请人：%s 是申请单 %s 的申请人", who, r.Serial)
	case samePerson(who, r.Reviewer):
		return rule("批准人不得是审核人：%s 已审核申请单 %s", who, r.Serial)
	case len(approvers) > 0 && !slices.ContainsFunc(approvers, func(a string) bool { return samePerson(a, who) }):
		return rule("%s 不在 config.yaml 的批准人名单（documents.approvers：%s）中；请由名单中的人批准", who, strings.Join(approvers, "、"))
	}
	return notBefore(date, r.Reviewed, "审核日期")
}

// CheckReject: a request still under review is rejected by a reviewer, one
// already reviewed by an approver, under the same rules as the step it
// replaces. An approved request on which nothing was issued yet can be
// withdrawn (撤回批准) by an approver, under the rules of approval, so
// that it does not block the document's next revision for good.
func CheckReject(r *store.DocRequest, who string, approvers []string, date time.Time) error {
	switch r.State {
	case Requested:
		if samePerson(who, r.Applicant) {
			return rule("驳回即审核：审核人不得与申请人为同一人（%s 是申请单 %s 的申请人）", who, r.Serial)
		}
		return notBefore(date, r.Applied, "申请日期")
	case Reviewed:
		return checkApprover(r, who, approvers, date)
	case Approved:
		if err := checkApprover(r, who, approvers, date); err != nil {
			return err
		}
		return notBefore(date, r.Approved, "批准日期")
	case Issued:
		return rule("申请单 %s 已用于发放 %s，不能再驳回；如需再改，请重新申请（doc revise）", r.Serial, r.IssuedVersion)
	}
	return rule("申请单 %s 状态为「%s」，已经驳回，无需再驳回", r.Serial, StateLabel(r.State))
}

// CheckIssue: a new version is issued only on an approved request for the
// same document, with a later version label.
func CheckIssue(f *store.DocFile, r *store.DocRequest, v Version, date time.Time) error {
	if r.Number != f.Doc.Number {
		return rule("申请单 %s 是文件 %s 的修订申请，不是 %s 的；发放 %s 需要它自己经批准的修订申请", r.Serial, r.Number, f.Doc.Number, f.Doc.Number)
	}
	switch r.State {
	case Requested:
		return rule("申请单 %s 尚未审核和批准；发放前须先审核（doc review）再批准（doc approve）", r.Serial)
	case Reviewed:
		return rule("申请单 %s 已审核但尚未批准；发放前须先批准（doc approve %s）", r.Serial, r.Serial)
	case Rejected, Withdrawn:
		return rule("申请单 %s 已驳回，不能据此发放；如仍需修订，请重新申请（doc revise）", r.Serial)
	case Issued:
		return rule("申请单 %s 已用于发放 %s，一份申请只能发放一个版本；请重新申请（doc revise）", r.Serial, r.IssuedVersion)
	}
	if err := CheckForward(f, v); err != nil {
		return err
	}
	if r.To != "" && r.To != v.String() {
		return rule("申请单 %s 申请修订为 %s，不能发放为 %s", r.Serial, r.To, v)
	}
	return notBefore(date, r.Approved, "批准日期")
}

// CheckRecall: copies are recalled from a superseded version only, from a
// department that still holds one.
func CheckRecall(f *store.DocFile, v *store.DocVersion, dept string, date time.Time) ([]*store.DocCopy, error) {
	if err := notSuperseded(f, v, "回收"); err != nil {
		return nil, err
	}
	if v.State != Recalling {
		return nil, rule("%s@%s 的各份文件均已收回（状态 %s）", f.Doc.Number, v.Version, StateLabel(v.State))
	}
	var held []*store.DocCopy
	for _, c := range Outstanding(f, v.Version) {
		if c.Holder == dept {
			held = append(held, c)
		}
	}
	if len(held) == 0 {
		return nil, rule("%s 没有未交回的 %s@%s；尚未交回的是：%s", dept, f.Doc.Number, v.Version, holders(Outstanding(f, v.Version)))
	}
	return held, notBefore(date, v.Superseded, v.Version+" 被替代的日期")
}

func notSuperseded(f *store.DocFile, v *store.DocVersion, what string) error {
	if v.State == Controlled {
		return rule("%s@%s 是现行受控版本，不能%s；先经修订申请发放新版本（doc issue），它才会被替代", f.Doc.Number, v.Version, what)
	}
	return nil
}

// CheckDestroy: a superseded version is destroyed only when every copy is back.
func CheckDestroy(f *store.DocFile, v *store.DocVersion, date time.Time) error {
	if err := notSuperseded(f, v, "销毁"); err != nil {
		return err
	}
	switch v.State {
	case Destroyed:
		return rule("%s@%s 已于 %s 销毁（留档：%s）", f.Doc.Number, v.Version, fd(v.Destroyed), v.ArchivedCopy)
	case Recalling:
		return rule("%s@%s 还有副本未交回：%s；全部回收（doc recall %s@%s --dept 部门）后才能销毁",
			f.Doc.Number, v.Version, holders(Outstanding(f, v.Version)), f.Doc.Number, v.Version)
	}
	last := v.Superseded
	for _, c := range Copies(f, v.Version) {
		if c.Returned.After(last) {
			last = c.Returned
		}
	}
	return notBefore(date, last, "最后一份副本的回收日期")
}

// CheckTrain: training is on the version in force only.
func CheckTrain(f *store.DocFile, v *store.DocVersion, date time.Time) error {
	if v.State != Controlled {
		cur := "（该文件目前没有受控版本）"
		if c := Current(f); c != nil {
			cur = "；现行受控版本是 " + c.Version
		}
		return rule("%s@%s 状态为「%s」，培训只针对现行受控版本%s", f.Doc.Number, v.Version, StateLabel(v.State), cur)
	}
	return notBefore(date, v.Issued, v.Version+" 的发放日期")
}

// holders names copies as 仓储部（第2份）、销售部（第3份）.
func holders(cs []*store.DocCopy) string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = sprintf("%s（第%d份）", c.Holder, c.No)
	}
	return strings.Join(out, "、")
}
