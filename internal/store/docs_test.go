package store

import (
	"errors"
	"testing"
	"time"
)

// A signed revision or training request is filed against its serial: the
// store finds the document each belongs to, and the scan's audit row sits
// under the serial, where the document's trail (doc show) reads it.
func TestDocSerialsFindTheirDocumentAndScans(t *testing.T) {
	s, a := testStore(t)
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	tx, _ := s.Begin(a)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(tx.AddDocument(&Document{Number: "QP-3", Title: "制度", Owner: "质管部", Registered: day}, "test"))
	must(tx.AddDocVersion(&DocVersion{Number: "QP-3", Version: "A/0", State: "issued", Issued: day, Training: "T-FM-11-2026-001"}, nil, "test"))
	must(tx.AddDocRequest(&DocRequest{Serial: "T-FM-10-2026-001", Year: 2026, Seq: 1, Number: "QP-3", From: "A/0",
		Reason: "r", Applicant: "张三", Applied: day, State: "requested"}, "test"))
	must(tx.AddScan(Scan{Serial: "T-FM-11-2026-001", N: 1, Path: "2026/T-FM-11/T-FM-11-2026-001-扫描件-1.pdf", SHA256: "ab", Size: 2, Source: "inbox/scans/x.pdf"}))
	must(tx.Commit())

	if n, err := s.DocTrainingNumber("T-FM-11-2026-001"); n != "QP-3" || err != nil {
		t.Errorf("DocTrainingNumber = %q, %v", n, err)
	}
	if n, err := s.DocRequestNumber("T-FM-10-2026-001"); n != "QP-3" || err != nil {
		t.Errorf("DocRequestNumber = %q, %v", n, err)
	}
	for _, f := range []func(string) (string, error){s.DocTrainingNumber, s.DocRequestNumber} {
		if _, err := f("T-FM-11-2026-002"); !errors.Is(err, ErrNotFound) {
			t.Errorf("an unissued serial: %v", err)
		}
	}
	rows, _ := s.Audit("T-FM-11-2026-001")
	if len(rows) != 1 || rows[0].Action != "archive" || rows[0].Field != "scan" {
		t.Errorf("scan audit rows %+v", rows)
	}
	if sc, _ := s.Scans("T-FM-11-2026-001"); len(sc) != 1 {
		t.Errorf("Scans = %+v", sc)
	}
}
