package doc

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/qdoc/qdoc/internal/store"
)

func day(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }

// fixture is LDMD-QP-003 with A/0 superseded by A/1: copies of A/0 out at
// 仓储部 (2) and returned by 质管部 (1); A/1 in force.
func fixture() *store.DocFile {
	return &store.DocFile{
		Doc: &store.Document{Number: "LDMD-QP-003", Title: "质量信息管理制度", Owner: "质管部", ReviewMonths: 24},
		Versions: []*store.DocVersion{
			{Number: "LDMD-QP-003", Version: "A/0", State: Recalling, Issued: day("2026-01-05"), Superseded: day("2026-08-05")},
			{Number: "LDMD-QP-003", Version: "A/1", State: Controlled, Issued: day("2026-08-05"), Effective: day("2026-08-10")},
		},
		Copies: []*store.DocCopy{
			{Version: "A/0", No: 1, Holder: "质管部", Returned: day("2026-08-06")},
			{Version: "A/0", No: 2, Holder: "仓储部"},
			{Version: "A/1", No: 1, Holder: "质管部"},
		},
	}
}

func req(state string) *store.DocRequest {
	r := &store.DocRequest{Serial: "LDMD-FM-10-2026-002", Number: "LDMD-QP-003", From: "A/1", State: state,
		Applicant: "张三", Applied: day("2026-09-01")}
	if state != Requested {
		r.Reviewer, r.Reviewed = "李四", day("2026-09-02")
	}
	if state == Approved || state == Issued || state == Withdrawn {
		r.Approver, r.Approved = "王五", day("2026-09-03")
	}
	return r
}

// refused checks err is a *Rule whose message holds want ("" = allowed).
func refused(t *testing.T, name string, err error, want string) {
	t.Helper()
	var r *Rule
	switch {
	case want == "" && err != nil:
		t.Errorf("%s: refused: %v", name, err)
	case want != "" && (!errors.As(err, &r) || !strings.Contains(err.Error(), want)):
		t.Errorf("%s: got %v, want a refusal saying %q", name, err, want)
	}
}

func TestDecisionRules(t *testing.T) {
	d := day("2026-09-05")
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"review", CheckReview(req(Requested), "李四", d), ""},
		{"review by applicant", CheckReview(req(Requested), "张三", d), "审核人不得与申请人为同一人"},
		{"review by applicant, other spacing", CheckReview(req(Requested), " 张三 ", d), "审核人不得与申请人为同一人"},
		{"review twice", CheckReview(req(Reviewed), "李四", d), "只有待审核的申请可以审核"},
		{"review before applied", CheckReview(req(Requested), "李四", day("2026-08-31")), "早于申请日期"},
		{"approve", CheckApprove(req(Reviewed), "王五", nil, d), ""},
		{"approve before review", CheckApprove(req(Requested), "王五", nil, d), "尚未审核"},
		{"approve by applicant", CheckApprove(req(Reviewed), "张三", nil, d), "批准人不得是申请人"},
		{"approve by reviewer", CheckApprove(req(Reviewed), "李四", nil, d), "批准人不得是审核人"},
		{"approve by non-approver", CheckApprove(req(Reviewed), "赵六", []string{"王五"}, d), "批准人名单"},
		{"approve by listed approver", CheckApprove(req(Reviewed), "王五", []string{"王五"}, d), ""},
		{"approve twice", CheckApprove(req(Approved), "王五", nil, d), "只有已审核的申请可以批准"},
		{"approve before review date", CheckApprove(req(Reviewed), "王五", nil, day("2026-09-01")), "早于审核日期"},
		{"reject at review", CheckReject(req(Requested), "李四", nil, d), ""},
		{"reject own request", CheckReject(req(Requested), "张三", nil, d), "审核人不得与申请人为同一人"},
		{"reject at approval by reviewer", CheckReject(req(Reviewed), "李四", nil, d), "批准人不得是审核人"},
		{"reject at approval", CheckReject(req(Reviewed), "王五", nil, d), ""},
		{"withdraw an approval", CheckReject(req(Approved), "王五", nil, d), ""},
		{"withdraw, another listed approver", CheckReject(req(Approved), "赵六", []string{"王五", "赵六"}, d), ""},
		{"withdraw by applicant", CheckReject(req(Approved), "张三", nil, d), "批准人不得是申请人"},
		{"withdraw by reviewer", CheckReject(req(Approved), "李四", nil, d), "批准人不得是审核人"},
		{"withdraw by non-approver", CheckReject(req(Approved), "钱七", []string{"王五"}, d), "批准人名单"},
		{"withdraw before approval", CheckReject(req(Approved), "王五", nil, day("2026-09-02")), "早于批准日期"},
		{"reject issued", CheckReject(req(Issued), "王五", nil, d), "已用于发放"},
		{"reject rejected", CheckReject(req(Rejected), "王五", nil, d), "已经驳回"},
		{"reject withdrawn", CheckReject(req(Withdrawn), "王五", nil, d), "已经驳回"},
	}
	for _, c := range cases {
		refused(t, c.name, c.err, c.want)
	}
}

func TestIssueRules(t *testing.T) {
	f, d := fixture(), day("2026-09-05")
	other := req(Approved)
	other.Number = "LDMD-QP-004"
	planned := req(Approved)
	planned.To = "B/0"
	cases := []struct {
		name string
		r    *store.DocRequest
		v    string
		date time.Time
		want string
	}{
		{"issue", req(Approved), "A/2", d, ""},
		{"skip ahead", req(Approved), "B/0", d, ""},
		{"requested only", req(Requested), "A/2", d, "尚未审核和批准"},
		{"reviewed only", req(Reviewed), "A/2", d, "尚未批准"},
		{"rejected", req(Rejected), "A/2", d, "已驳回"},
		{"withdrawn", req(Withdrawn), "A/2", d, "已驳回"},
		{"issued already", req(Issued), "A/2", d, "已用于发放"},
		{"another document's request", other, "A/2", d, "不是 LDMD-QP-003 的"},
		{"same version", req(Approved), "A/1", d, "版本只能向前"},
		{"backwards", req(Approved), "A/0", d, "版本只能向前"},
		{"not the planned version", planned, "A/2", d, "申请修订为 B/0"},
		{"before approval", req(Approved), "A/2", day("2026-09-02"), "早于批准日期"},
	}
	for _, c := range cases {
		refused(t, c.name, CheckIssue(f, c.r, MustVersion(c.v), c.date), c.want)
	}
}

func TestReviseRules(t *testing.T) {
	f := fixture()
	refused(t, "revise", CheckRevise(f, nil, day("2026-09-01")), "")
	to := MustVersion("A/1")
	refused(t, "revise to an old version", CheckRevise(f, &to, day("2026-09-01")), "版本只能向前")
	// the message names only the steps that close the request in its state
	for state, want := range map[string]string{
		Requested: "先审核（doc review LDMD-FM-10-2026-002）或驳回（doc reject LDMD-FM-10-2026-002）",
		Reviewed:  "先批准（doc approve LDMD-FM-10-2026-002）或驳回（doc reject LDMD-FM-10-2026-002）",
		Approved:  "先据此发放新版本（doc issue LDMD-QP-003 --request LDMD-FM-10-2026-002），或由批准人撤回批准（doc reject LDMD-FM-10-2026-002）",
	} {
		f.Requests = []*store.DocRequest{req(state)}
		err := CheckRevise(f, nil, day("2026-09-01"))
		refused(t, "second open request, "+state, err, "已有未完成的修订申请 LDMD-FM-10-2026-002（"+StateLabel(state)+"）；"+want)
	}
	f.Requests = []*store.DocRequest{req(Rejected), req(Issued), req(Withdrawn)}
	refused(t, "after closed requests", CheckRevise(f, nil, day("2026-09-01")), "")
	f.Versions[1].State = Recalling
	refused(t, "nothing in force", CheckRevise(f, nil, day("2026-09-01")), "没有现行受控版本")
}

func TestCopyRules(t *testing.T) {
	f := fixture()
	a0, a1 := f.Versions[0], f.Versions[1]
	held, err := CheckRecall(f, a0, "仓储部", day("2026-08-07"))
	refused(t, "recall", err, "")
	if len(held) != 1 || held[0].No != 2 {
		t.Errorf("recall took %v", held)
	}
	_, err = CheckRecall(f, a0, "质管部", day("2026-08-07"))
	refused(t, "recall a returned copy", err, "尚未交回的是：仓储部（第2份）")
	_, err = CheckRecall(f, a1, "质管部", day("2026-08-07"))
	refused(t, "recall the version in force", err, "是现行受控版本，不能回收")
	_, err = CheckRecall(f, a0, "仓储部", day("2026-08-01"))
	refused(t, "recall before superseded", err, "早于A/0 被替代的日期")

	refused(t, "destroy with a copy out", CheckDestroy(f, a0, day("2026-08-09")), "还有副本未交回：仓储部（第2份）")
	refused(t, "destroy the version in force", CheckDestroy(f, a1, day("2026-08-09")), "是现行受控版本，不能销毁")
	f.Copies[1].Returned, a0.State = day("2026-08-08"), Recalled
	refused(t, "destroy", CheckDestroy(f, a0, day("2026-08-09")), "")
	refused(t, "destroy before the last return", CheckDestroy(f, a0, day("2026-08-07")), "早于最后一份副本的回收日期")
	a0.State = Destroyed
	refused(t, "destroy twice", CheckDestroy(f, a0, day("2026-08-09")), "已于")
	kept, err := archivedCopy(f, a0, 0)
	if err != nil || kept != "第1份（质管部）" {
		t.Errorf("archived copy %q %v, want the owner's", kept, err)
	}
	if _, err := archivedCopy(f, a0, 7); err == nil {
		t.Error("--keep 7 of two copies accepted")
	}
}

func TestTrainRules(t *testing.T) {
	f := fixture()
	refused(t, "train", CheckTrain(f, f.Versions[1], day("2026-08-10")), "")
	refused(t, "train on the old version", CheckTrain(f, f.Versions[0], day("2026-08-10")), "现行受控版本是 A/1")
	refused(t, "train before issue", CheckTrain(f, f.Versions[1], day("2026-08-01")), "早于A/1 的发放日期")
}

func TestNextReview(t *testing.T) {
	f := fixture()
	if got := fd(NextReview(f)); got != "2028-08-10" {
		t.Errorf("next review %s, want effective + 24 months", got)
	}
	f.Doc.Periodic = day("2027-01-01")
	if got := fd(NextReview(f)); got != "2029-01-01" {
		t.Errorf("next review after a periodic review %s", got)
	}
	f.Doc.ReviewMonths = 0
	if !NextReview(f).IsZero() {
		t.Error("a document without periodic review has a due date")
	}
}

func TestReminders(t *testing.T) {
	f := fixture()
	rs := CopiesToChase([]*store.DocFile{f})
	if len(rs) != 1 || rs[0].Kind != KindCopies || rs[0].Ref != "LDMD-QP-003@A/0" || rs[0].Who != "仓储部" || fd(rs[0].Due) != "2026-08-05" {
		t.Errorf("copies to chase: %+v", rs)
	}
	f.Versions[0].State = Recalled
	if rs := CopiesToChase([]*store.DocFile{f}); len(rs) != 1 || rs[0].Kind != KindDestroy {
		t.Errorf("recalled, not destroyed: %+v", rs)
	}
	f.Versions[0].State = Destroyed
	if rs := CopiesToChase([]*store.DocFile{f}); len(rs) != 0 {
		t.Errorf("destroyed still chased: %+v", rs)
	}
	if rs := ReviewsDue([]*store.DocFile{f}, day("2028-08-09")); len(rs) != 0 {
		t.Errorf("review due a day early: %+v", rs)
	}
	if rs := ReviewsDue([]*store.DocFile{f}, day("2028-08-10")); len(rs) != 1 || rs[0].Ref != "LDMD-QP-003@A/1" {
		t.Errorf("review due: %+v", rs)
	}
}

func TestPeople(t *testing.T) {
	got, err := People(" 张三 ，李四、 王五", "--attendees")
	if err != nil || strings.Join(got, "|") != "张三|李四|王五" {
		t.Errorf("People: %q %v", got, err)
	}
	for _, s := range []string{"甲,甲", "张三、李四，张三 ", "张三,张 三"} {
		_, err := People(s, "--attendees")
		refused(t, "people "+s, err, "列了两次")
	}
}
