package doc

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/width"
)

// Version is a version label such as A/0: an edition (版本, letters A–Z,
// then AA…) and a revision within it (修订状态, 0–999).
//
// Ordering: a longer edition is later (Z < AA), editions of one length in
// alphabetical order, then revisions by number: A/0 < A/1 < A/10 < B/0.
// A new version must be later than every version the document has had;
// skipping (A/1 → A/3, A/2 → B/0) is allowed, going back or repeating is not.
type Version struct {
	Edition string
	Rev     int
}

var versionRe = regexp.MustCompile(`^([A-Z]{1,2})\s*[/\-_.]?\s*(\d{1,3})$`)

// ParseVersion reads a label as people write it: A/0, a/0, A0, A-0, A／0.
func ParseVersion(s string) (Version, error) {
	t := strings.ToUpper(strings.TrimSpace(width.Fold.String(s)))
	m := versionRe.FindStringSubmatch(t)
	if m == nil {
		return Version{}, usage("%q 不是有效的版本号；请写作 A/0、A/1、B/0（字母表示版本，数字表示修订次数）", s)
	}
	n, _ := strconv.Atoi(m[2])
	return Version{Edition: m[1], Rev: n}, nil
}

// MustVersion parses a stored label, which was checked when stored.
func MustVersion(s string) Version {
	v, _ := ParseVersion(s)
	return v
}

// String is the label as stored and printed: A/0.
func (v Version) String() string { return fmt.Sprintf("%s/%d", v.Edition, v.Rev) }

// FileName is the label in a file or folder name, where '/' may not go: A-0.
func (v Version) FileName() string { return fmt.Sprintf("%s-%d", v.Edition, v.Rev) }

// Compare orders versions: -1 if v is earlier than w, 0 if equal, +1 if later.
func (v Version) Compare(w Version) int {
	switch {
	case len(v.Edition) != len(w.Edition):
		return sign(len(v.Edition) - len(w.Edition))
	case v.Edition != w.Edition:
		return strings.Compare(v.Edition, w.Edition)
	}
	return sign(v.Rev - w.Rev)
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// ParseRef reads NUMBER@VERSION, e.g. LDMD-QP-003@A/0.
func ParseRef(s string) (string, Version, error) {
	num, ver, ok := strings.Cut(width.Fold.String(s), "@")
	if !ok {
		return "", Version{}, usage("%q 应写作 文件编号@版本，如 LDMD-QP-003@A/0", s)
	}
	n, err := ParseNumber(num)
	if err != nil {
		return "", Version{}, err
	}
	v, err := ParseVersion(ver)
	return n, v, err
}
