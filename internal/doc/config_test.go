package doc

import (
	"strings"
	"testing"

	"github.com/qdoc/qdoc/internal/config"
)

// The document-control settings live in internal/config/docs.go; their
// tests live here, with the package that uses them.
func TestDocConfig(t *testing.T) {
	c, err := config.Parse([]byte("prefix: QA\n"))
	if err != nil {
		t.Fatal(err)
	}
	d := c.Documents
	if got := c.DocSerial(d.RevisionPattern, 2026, 7); got != "QA-FM-10-2026-007" {
		t.Errorf("revision serial %s", got)
	}
	if got := c.DocSerial(d.TrainingPattern, 2027, 12); got != "QA-FM-11-2027-012" {
		t.Errorf("training serial %s", got)
	}
	if c.ReviewMonths() != 24 || d.RevisionForm != "FM-10" || d.Register != "文件状态档案.xlsx" || !c.IsApprover("anyone") {
		t.Errorf("defaults %+v", d)
	}
	c, err = config.Parse([]byte("documents:\n  approvers: [王五, 赵六]\n  review_every: 3y\n"))
	if err != nil || c.IsApprover("李四") || !c.IsApprover("赵六") || c.ReviewMonths() != 36 {
		t.Errorf("approvers and interval: %v", err)
	}
	for _, bad := range []string{
		"documents:\n  revision_pattern: \"{prefix}-FM-10-{seq:3}\"\n",
		"documents:\n  training_pattern: \"{prefix}-FM-10-{yyyy}-{seq:3}\"\n",
		"documents:\n  review_every: sometimes\n",
		"documents:\n  revision_form: ../x\n",
		"documents:\n  approvals: [x]\n",
	} {
		if _, err := config.Parse([]byte(bad)); err == nil {
			t.Errorf("accepted %q", bad)
		} else if !strings.Contains(err.Error(), "documents") && !strings.Contains(err.Error(), "approvals") {
			t.Errorf("error does not name the key: %v", err)
		}
	}
}

func TestParseMonths(t *testing.T) {
	for in, want := range map[string]int{"24m": 24, "24个月": 24, "2y": 24, "2年": 24, "12": 12, "0": 0, "18 月": 18} {
		if got, err := config.ParseMonths(in); err != nil || got != want {
			t.Errorf("ParseMonths(%q) = %d, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "m", "-1m", "200m", "2w"} {
		if _, err := config.ParseMonths(in); err == nil {
			t.Errorf("ParseMonths(%q) accepted", in)
		}
	}
}
