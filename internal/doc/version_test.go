package doc

import "testing"

func TestParseVersion(t *testing.T) {
	for in, want := range map[string]string{
		"A/0": "A/0", "a/0": "A/0", "A0": "A/0", "A-1": "A/1", "Ａ／２": "A/2", " b / 10 ": "B/10", "AA/3": "AA/3", "C.4": "C/4",
	} {
		v, err := ParseVersion(in)
		if err != nil || v.String() != want {
			t.Errorf("ParseVersion(%q) = %v, %v; want %s", in, v, err, want)
		}
	}
	for _, in := range []string{"", "0", "A", "A/", "1/A", "ABC/1", "A/1000", "A//1", "V1.0"} {
		if v, err := ParseVersion(in); err == nil {
			t.Errorf("ParseVersion(%q) = %v, want an error", in, v)
		}
	}
}

func TestVersionOrder(t *testing.T) {
	// Each label is later than every one before it.
	order := []string{"A/0", "A/1", "A/2", "A/10", "B/0", "B/1", "Z/0", "AA/0", "AB/0"}
	for i := range order {
		for j := range order {
			got := MustVersion(order[i]).Compare(MustVersion(order[j]))
			if want := sign(i - j); got != want {
				t.Errorf("%s vs %s = %d, want %d", order[i], order[j], got, want)
			}
		}
	}
	if got := MustVersion("A/1").FileName(); got != "A-1" {
		t.Errorf("FileName = %s", got)
	}
	for in, want := range map[string]string{"A/3": "B/0", "Z/1": "AA/0", "AZ/0": "BA/0", "ZZ/0": "AAA/0"} {
		if got := nextEdition(MustVersion(in)).String(); got != want {
			t.Errorf("nextEdition(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestNumbersAndRefs(t *testing.T) {
	for in, want := range map[string]string{"ldmd-qp-003": "LDMD-QP-003", "ＬＤＭＤ－ＱＰ－００３": "LDMD-QP-003", "QP/003": "QP/003", "SOP(1)": "SOP(1)"} {
		if got, err := ParseNumber(in); err != nil || got != want {
			t.Errorf("ParseNumber(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "-QP", "QP-", "质量手册", "QP..1", "A B", "QP@1", "../x"} {
		if got, err := ParseNumber(in); err == nil {
			t.Errorf("ParseNumber(%q) = %q, want an error", in, got)
		}
	}
	if got := DirName("LDMD/QP/003"); got != "LDMD_QP_003" {
		t.Errorf("DirName = %s", got)
	}
	n, v, err := ParseRef("ldmd-qp-003@a/1")
	if err != nil || n != "LDMD-QP-003" || v.String() != "A/1" {
		t.Errorf("ParseRef = %s %s %v", n, v, err)
	}
	for _, in := range []string{"LDMD-QP-003", "LDMD-QP-003@", "@A/1", "LDMD-QP-003@X"} {
		if _, _, err := ParseRef(in); err == nil {
			t.Errorf("ParseRef(%q) accepted", in)
		}
	}
}
