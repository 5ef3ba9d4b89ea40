package doc

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/store"
)

// testWorkspace is a workspace in a temp folder on 2026-11-28.
func testWorkspace(t *testing.T) *Workspace {
	t.Helper()
	dir := t.TempDir()
	cfg, err := config.Parse([]byte("company: 测试公司\n"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Dir, cfg.File = dir, filepath.Join(dir, "config.yaml")
	st, err := store.Open(cfg.StorePath())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := store.Actor{By: "张三", OSUser: "zhang", At: time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC), Today: day("2026-11-28")}
	return &Workspace{Cfg: cfg, Store: st, Actor: a, Out: &bytes.Buffer{}}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// A command that stopped after its commit, before its form was put in
// place, leaves a form due; the next refresh renders it, byte for byte as
// the command would have.
func TestRefreshRendersMissingForms(t *testing.T) {
	w := testWorkspace(t)
	must(t, add(w, AddOptions{Number: "QP-1", Title: "程序", Owner: "质管部", Holders: "质管部", Date: "2026-01-05"}))
	serial, err := w.Revise(ReviseOptions{Number: "QP-1", Reason: "改", Date: "2026-02-01"})
	must(t, err)
	path := filepath.Join(w.Cfg.OutDir(), "forms", "FM-10", "2026", serial+".pdf")
	want, err := os.ReadFile(path)
	must(t, err)

	// The same request stored without its form, as after a crash.
	v := testWorkspace(t)
	must(t, add(v, AddOptions{Number: "QP-1", Title: "程序", Owner: "质管部", Holders: "质管部", Date: "2026-01-05"}))
	tx, err := v.Store.Begin(v.Actor)
	must(t, err)
	r, err := v.revise(tx, "QP-1", "改", "", nil, day("2026-02-01"))
	must(t, err)
	must(t, tx.Commit())
	v.Written = nil
	must(t, v.Refresh("run"))
	got, err := os.ReadFile(filepath.Join(v.Cfg.OutDir(), "forms", "FM-10", "2026", r.Serial+".pdf"))
	must(t, err)
	if !bytes.Equal(got, want) {
		t.Error("the recovered form differs from the one the command writes")
	}
	if len(v.Written) != 2 { // the form and the register
		t.Errorf("refresh wrote %v", v.Written)
	}
	v.Written = nil
	must(t, v.Refresh("run"))
	if len(v.Written) != 0 {
		t.Errorf("a second refresh wrote %v", v.Written)
	}
}

// A refused step leaves the store as it was: no row, no audit line, no
// serial taken.
func TestRefusedStepChangesNothing(t *testing.T) {
	w := testWorkspace(t)
	must(t, add(w, AddOptions{Number: "QP-1", Title: "程序", Owner: "质管部", Holders: "质管部,仓储部", Date: "2026-01-05"}))
	must(t, add(w, AddOptions{Number: "QP/2", Title: "规程", Owner: "质管部"}))
	before, err := w.Store.Audit("")
	must(t, err)
	steps := map[string]error{
		"destroy in force": w.Destroy(RefOptions{Ref: "QP-1@A/0"}, 0),
		"recall in force":  w.Recall(RefOptions{Ref: "QP-1@A/0"}, "仓储部", ""),
		"train unknown":    w.Train(RefOptions{Ref: "QP-1@B/0"}, "张三", ""),
		"revise to A/0":    func() error { _, err := w.Revise(ReviseOptions{Number: "QP-1", Reason: "x", To: "A/0"}); return err }(),
		"issue without": func() error {
			_, err := w.Issue(IssueOptions{Number: "QP-1", Request: "X-1", Version: "A/1"})
			return err
		}(),
		"add again":       add(w, AddOptions{Number: "qp-1", Title: "程序", Owner: "质管部"}),
		"add same folder": add(w, AddOptions{Number: "QP_2", Title: "程序", Owner: "质管部"}),
	}
	for name, err := range steps {
		if err == nil {
			t.Errorf("%s: allowed", name)
		}
	}
	after, err := w.Store.Audit("")
	must(t, err)
	if len(after) != len(before) {
		t.Errorf("refused steps wrote %d audit rows", len(after)-len(before))
	}
	serial, err := w.Revise(ReviseOptions{Number: "QP-1", Reason: "改"})
	if err != nil || serial != "LDMD-FM-10-2026-001" {
		t.Errorf("first request after refusals: %s %v (a refused step must not take a serial)", serial, err)
	}
}

func add(w *Workspace, o AddOptions) error {
	_, err := w.Add(o)
	return err
}

// An approval withdrawn before issue: the request is closed (已驳回), its
// FM-10 gets R2 with the withdrawal, and the document can be revised again.
// When the approval's R1 was lost to a crash, the withdrawal writes it
// first, as the approval had it.
func TestWithdrawApproval(t *testing.T) {
	approved := func(w *Workspace) string {
		must(t, add(w, AddOptions{Number: "QP-1", Title: "程序", Owner: "质管部", Holders: "质管部", Date: "2026-01-05"}))
		serial, err := w.Revise(ReviseOptions{Number: "QP-1", Reason: "改", Date: "2026-02-01"})
		must(t, err)
		w.Actor.By = "李四"
		_, err = w.Review(DecideOptions{Request: serial, Opinion: "同意", Date: "2026-02-02"})
		must(t, err)
		return serial
	}
	form := func(w *Workspace, name string) []byte {
		b, err := os.ReadFile(filepath.Join(w.Cfg.OutDir(), "forms", "FM-10", "2026", name+".pdf"))
		must(t, err)
		return b
	}

	w := testWorkspace(t)
	serial := approved(w)
	w.Actor.By = "王五"
	_, err := w.Approve(DecideOptions{Request: serial, Opinion: "批准", Date: "2026-02-03"})
	must(t, err)
	r1 := form(w, serial+"-R1")
	r, err := w.Reject(DecideOptions{Request: serial, Opinion: "方案有变", Date: "2026-02-04"})
	must(t, err)
	if r.State != Withdrawn || r.Approver != "王五" || fd(r.Approved) != "2026-02-04" {
		t.Errorf("withdrawn request %+v", r)
	}
	if !bytes.Equal(form(w, serial+"-R1"), r1) {
		t.Error("the withdrawal rewrote R1")
	}
	form(w, serial+"-R2")
	w.Actor.By = "张三"
	if _, err := w.Revise(ReviseOptions{Number: "QP-1", Reason: "再改", Date: "2026-02-05"}); err != nil {
		t.Errorf("revise after the withdrawal: %v", err)
	}

	// The same approval stored without its R1, as after a crash; then withdrawn.
	v := testWorkspace(t)
	serial = approved(v)
	tx, err := v.Store.Begin(v.Actor)
	must(t, err)
	f, err := tx.LoadDoc("QP-1")
	must(t, err)
	old := request(f, serial)
	nr := *old
	nr.State, nr.Approver, nr.Approval, nr.Approved = Approved, "王五", "批准", day("2026-02-03")
	must(t, tx.UpdateDocRequest(old, &nr, "test", ""))
	must(t, tx.Commit())
	v.Actor.By = "王五"
	_, err = v.Reject(DecideOptions{Request: serial, Opinion: "方案有变", Date: "2026-02-04"})
	must(t, err)
	if !bytes.Equal(form(v, serial+"-R1"), r1) {
		t.Error("R1 written at the withdrawal differs from the approval's")
	}
	form(v, serial+"-R2")
}

// A command refused for its values, or on a document that cannot exist
// yet, does not create the store of a fresh workspace.
func TestRefusedCommandCreatesNoStore(t *testing.T) {
	w := testWorkspace(t)
	w.Store.Close()
	os.Remove(w.Cfg.StorePath())
	w.Store = nil
	opened := false
	w.Open = func() error { opened = true; return errors.New("opened") }
	_, err := w.Add(AddOptions{Number: "CON", Title: "x", Owner: "质管部"})
	var u *Usage
	if !errors.As(err, &u) {
		t.Errorf("add CON: %v, want a usage error", err)
	}
	_, err = w.Add(AddOptions{Number: "QP-1", Title: "x", Owner: "质管部", Version: "1.0"})
	if !errors.As(err, &u) {
		t.Errorf("add --version 1.0: %v, want a usage error", err)
	}
	_, err = w.Revise(ReviseOptions{Number: "QP-1", Reason: "x"})
	refused(t, "revise on a fresh workspace", err, "未登记")
	_, err = w.Review(DecideOptions{Request: "LDMD-FM-10-2026-001", Opinion: "x"})
	refused(t, "review on a fresh workspace", err, "不存在")
	refused(t, "train twice the same", w.Train(RefOptions{Ref: "QP-1@A/0"}, "甲,甲", ""), "列了两次")
	refused(t, "recall on a fresh workspace", w.Recall(RefOptions{Ref: "QP-1@A/0"}, "仓储部", ""), "未登记")
	if opened {
		t.Error("a refused command opened the store")
	}
	if _, err := os.Stat(w.Cfg.StorePath()); err == nil {
		t.Error("a refused command created the store")
	}
}
