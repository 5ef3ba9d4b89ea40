package report

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"
)

// Quarter is a calendar quarter, Q 1–4 of Year.
type Quarter struct {
	Year, Q int
}

// quarterRes match the ways people write a quarter: 2026Q3, 2026-Q3,
// 2026 q3, Q3 2026, 2026年第三季度, 2026年第3季度, 2026年三季度, 2026年Q3.
var quarterRes = []*regexp.Regexp{
	regexp.MustCompile(`^(\d{4})\s*[-_/ ]?\s*年?\s*[Qq]\s*([1-4])$`),
	regexp.MustCompile(`^[Qq]\s*([1-4])\s*[-_/ ]?\s*(\d{4})$`),
	regexp.MustCompile(`^(\d{4})\s*年\s*第?\s*([1-4一二三四])\s*季度?$`),
}

var chineseDigits = map[string]string{"一": "1", "二": "2", "三": "3", "四": "4"}

// ParseQuarter reads a quarter as typed: 2026Q3, 2026-Q3, 2026q3 or
// 2026年第三季度 (full-width digits and letters too).
func ParseQuarter(s string) (Quarter, error) {
	t := strings.TrimSpace(width.Fold.String(s))
	for i, re := range quarterRes {
		m := re.FindStringSubmatch(t)
		if m == nil {
			continue
		}
		y, q := m[1], m[2]
		if i == 1 {
			y, q = m[2], m[1]
		}
		if d, ok := chineseDigits[q]; ok {
			q = d
		}
		yy, _ := strconv.Atoi(y)
		qq, _ := strconv.Atoi(q)
		if yy < 1900 {
			break
		}
		return Quarter{yy, qq}, nil
	}
	return Quarter{}, fmt.Errorf("%q is not a quarter: write it as 2026Q3, 2026-Q3 or 2026年第三季度", s)
}

// QuarterOf is the quarter a civil date falls in.
func QuarterOf(t time.Time) Quarter {
	return Quarter{t.Year(), (int(t.Month())-1)/3 + 1}
}

// String is the compact form used in file names: 2026Q3.
func (q Quarter) String() string { return fmt.Sprintf("%dQ%d", q.Year, q.Q) }

var quarterNames = [...]string{"", "一", "二", "三", "四"}

// Label is the printed form: 2026年第三季度.
func (q Quarter) Label() string { return fmt.Sprintf("%d年第%s季度", q.Year, quarterNames[q.Q]) }

// Start is the quarter's first day (UTC midnight, like record dates).
func (q Quarter) Start() time.Time {
	return time.Date(q.Year, time.Month(3*(q.Q-1)+1), 1, 0, 0, 0, 0, time.UTC)
}

// Last is the quarter's last day.
func (q Quarter) Last() time.Time { return q.Next().Start().AddDate(0, 0, -1) }

// Contains reports whether the civil date d falls in the quarter.
func (q Quarter) Contains(d time.Time) bool { return !d.IsZero() && QuarterOf(d) == q }

// Prev is the quarter before, across a year end: 2026Q1 → 2025Q4.
func (q Quarter) Prev() Quarter {
	if q.Q == 1 {
		return Quarter{q.Year - 1, 4}
	}
	return Quarter{q.Year, q.Q - 1}
}

// Next is the quarter after, across a year end: 2025Q4 → 2026Q1.
func (q Quarter) Next() Quarter {
	if q.Q == 4 {
		return Quarter{q.Year + 1, 1}
	}
	return Quarter{q.Year, q.Q + 1}
}

// LastYear is the same quarter a year earlier.
func (q Quarter) LastYear() Quarter { return Quarter{q.Year - 1, q.Q} }

// Ended reports whether the quarter is over on the civil date today: its
// last day must have passed, so a report made on 30 September is still
// provisional.
func (q Quarter) Ended(today time.Time) bool { return today.After(q.Last()) }

// Before reports whether q comes before o.
func (q Quarter) Before(o Quarter) bool {
	return q.Year < o.Year || q.Year == o.Year && q.Q < o.Q
}
