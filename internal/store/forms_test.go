package store

import "testing"

// The current form of an entry is its last revision; void and reserved
// entries have none to put back; FormRevs lists every revision.
func TestCurrentForms(t *testing.T) {
	s, a := testStore(t)
	e1, e2, e3 := entry(5, "a"), entry(6, "b"), entry(7, "c")
	insert(t, s, a, e1, e2, e3)
	tx, _ := s.Begin(a)
	for _, f := range []Form{
		{Serial: e1.Serial, Form: "FM-30", Rev: 0, Path: "out/1.pdf", SHA256: "s0"},
		{Serial: e1.Serial, Form: "FM-30", Rev: 1, Path: "out/1-R1.pdf", SHA256: "s1"},
		{Serial: e2.Serial, Form: "FM-30", Rev: 0, Path: "out/2.pdf", SHA256: "s2"},
		{Serial: e3.Serial, Form: "FM-30", Rev: 0, Path: "out/3.pdf", SHA256: "s3"},
		{Serial: e2.Serial, Form: "FM-10", Rev: 0, Path: "out/x.pdf", SHA256: "x"},
	} {
		if err := tx.AddForm(f, "test"); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Void(e3.Serial, "dup", "test"); err != nil {
		t.Fatal(err)
	}
	tx.Commit()
	cur, err := s.CurrentForms("FM-30")
	if err != nil {
		t.Fatal(err)
	}
	if len(cur) != 2 || cur[0].Serial != e1.Serial || cur[0].Rev != 1 || cur[0].Path != "out/1-R1.pdf" || cur[0].SHA256 != "s1" ||
		cur[0].Year != 2026 || !cur[0].At.Equal(a.At) || cur[1].Serial != e2.Serial || cur[1].Rev != 0 {
		t.Errorf("current forms %+v", cur)
	}
	revs, err := s.FormRevs("FM-30")
	if err != nil || len(revs) != 4 {
		t.Errorf("FormRevs = %v, %v; want the 4 FM-30 revisions", revs, err)
	}
}
