package fsutil

import (
	"fmt"
	"strings"
	"unicode"
)

// windowsReserved are device names Windows will not create as files, with
// or without an extension.
var windowsReserved = map[string]bool{
	"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true,
}

// SafeName checks that s can be used as one file-name component on every
// platform: no separators, no "..", no control or reserved characters, no
// Windows device name, no trailing dot or space, at most 200 bytes. Record
// fields only reach file names through it.
func SafeName(s string) (string, error) {
	if s == "" || s == "." || s == ".." {
		return "", fmt.Errorf("%q cannot be a file name", s)
	}
	if len(s) > 200 {
		return "", fmt.Errorf("%q is too long for a file name", s[:40]+"…")
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`/\:*?"<>|`, r) || (unicode.IsControl(r)) {
			return "", fmt.Errorf("%q contains %q, which is not allowed in a file name", s, r)
		}
	}
	if strings.Contains(s, "..") {
		return "", fmt.Errorf("%q contains \"..\", which is not allowed in a file name", s)
	}
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, " ") || strings.HasPrefix(s, " ") {
		return "", fmt.Errorf("%q starts or ends with a dot or space, which Windows does not allow", s)
	}
	base := strings.ToUpper(s)
	if i := strings.IndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	if windowsReserved[strings.TrimSpace(base)] {
		return "", fmt.Errorf("%q is a reserved device name on Windows", s)
	}
	return s, nil
}
