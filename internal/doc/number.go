package doc

import (
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/text/width"

	"github.com/qdoc/qdoc/internal/fsutil"
)

var numberRe = regexp.MustCompile(`^[A-Z0-9](?:[A-Z0-9_/.()-]{0,46}[A-Z0-9)])?$`)

// ParseNumber reads a document number as typed (any case, full-width
// forms) and returns it as stored: upper case, e.g. LDMD-QP-003. Letters,
// digits and - _ / . ( ) only, up to 48 characters, so that it can be
// typed on any keyboard and mapped to a folder name; a number whose folder
// name Windows reserves (CON, NUL, COM1 …) is refused as well.
func ParseNumber(s string) (string, error) {
	n := strings.ToUpper(strings.TrimSpace(width.Fold.String(s)))
	if !numberRe.MatchString(n) || strings.Contains(n, "..") {
		return "", usage("%q 不是有效的文件编号；文件编号由字母、数字和 - _ / . 组成，如 LDMD-QP-003", s)
	}
	if _, err := fsutil.SafeName(DirName(n)); err != nil {
		return "", usage("文件编号 %s 不能作为文件夹名（%v）；请用其他编号", n, err)
	}
	return n, nil
}

// DirName is a document number as a folder name: '/' and other characters
// a file name may not hold become '_' (LDMD/QP/003 → LDMD_QP_003), and '('
// and ')' are kept. Two numbers with the same folder name cannot both be
// registered (see Add).
func DirName(number string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, number)
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
