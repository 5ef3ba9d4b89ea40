package record

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var dateRe = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)
var compactRe = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
var serialRe = regexp.MustCompile(`^\d{1,5}(\.\d+)?$`)

// excelEpoch is day 0 of Excel's 1900 date system, after Excel's fictitious
// 1900-02-29 (serials above 60 count from here).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// ParseDate reads a civil date as people and Excel write it: 2026-07-03,
// 2026/7/3, 2026.7.3, 2026年7月3日, 20260703, or an Excel date serial
// (e.g. 46206, possibly with a time fraction). A date-time text such as
// "2026-07-03 14:00" keeps its date. The result is UTC midnight.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(FoldWidth(s))
	if s == "" {
		return time.Time{}, nil
	}
	if i := strings.IndexAny(s, " T"); i > 0 && strings.Contains(s[i:], ":") {
		s = strings.TrimSpace(s[:i])
	}
	var y, m, d int
	switch {
	case dateRe.MatchString(s):
		p := dateRe.FindStringSubmatch(s)
		y, m, d = atoi(p[1]), atoi(p[2]), atoi(p[3])
	case compactRe.MatchString(s):
		p := compactRe.FindStringSubmatch(s)
		y, m, d = atoi(p[1]), atoi(p[2]), atoi(p[3])
	case serialRe.MatchString(s):
		f, _ := strconv.ParseFloat(s, 64)
		if f < 61 || f > 2958465 {
			return time.Time{}, fmt.Errorf("%q is not a date (an Excel date number must be after 1900-03-01)", s)
		}
		return excelEpoch.AddDate(0, 0, int(f)), nil
	default:
		return time.Time{}, fmt.Errorf("%q is not a date; write it as 2026-07-03, 2026/7/3 or 2026年7月3日", s)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y < 1900 || t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, fmt.Errorf("%q is not a real date", s)
	}
	return t, nil
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// FormatDate writes a date as 2006-01-02, or "" for the zero time.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// Today is the civil date of now in loc, as UTC midnight.
func Today(now time.Time, loc *time.Location) time.Time {
	n := now.In(loc)
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
}
