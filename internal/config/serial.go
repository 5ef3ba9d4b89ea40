package config

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Pattern is a compiled serial-number pattern such as
// "{prefix}-FM-30-{yyyy}-{seq:4}".
type Pattern struct {
	src   string
	width int
}

var seqRe = regexp.MustCompile(`\{seq(?::(\d))?\}`)

// ParsePattern checks that a pattern has exactly one {yyyy} and one {seq[:N]}
// and nothing that could leave a file name.
func ParsePattern(p string) (*Pattern, error) {
	if strings.Count(p, "{yyyy}") != 1 {
		return nil, fmt.Errorf("%q must contain {yyyy} once (serials restart each year)", p)
	}
	m := seqRe.FindAllStringSubmatch(p, -1)
	if len(m) != 1 {
		return nil, fmt.Errorf("%q must contain {seq} or {seq:N} once", p)
	}
	rest := seqRe.ReplaceAllString(strings.NewReplacer("{yyyy}", "", "{prefix}", "").Replace(p), "")
	if strings.ContainsAny(rest, "{}/\\:*?\"<>| ") {
		return nil, fmt.Errorf("%q has an unknown placeholder or a character not allowed in file names", p)
	}
	w := 4
	if m[0][1] != "" {
		w, _ = strconv.Atoi(m[0][1])
	}
	return &Pattern{src: p, width: w}, nil
}

// Serial formats the serial of sequence seq in year.
func (c *Config) Serial(year, seq int) string {
	p, _ := ParsePattern(c.SerialPattern)
	s := strings.ReplaceAll(p.src, "{prefix}", c.Prefix)
	s = strings.ReplaceAll(s, "{yyyy}", fmt.Sprintf("%04d", year))
	return seqRe.ReplaceAllString(s, fmt.Sprintf("%0*d", p.width, seq))
}

// ParseSerial reads year and sequence back from a serial of this pattern.
func (c *Config) ParseSerial(s string) (year, seq int, ok bool) {
	p, _ := ParsePattern(c.SerialPattern)
	return p.Parse(c.Prefix, s)
}

// ParseDocSerial reads year and sequence back from a serial of a
// document-control pattern (RevisionPattern or TrainingPattern).
func (c *Config) ParseDocSerial(pattern, s string) (year, seq int, ok bool) {
	p, err := ParsePattern(pattern)
	if err != nil { // checked at load
		return 0, 0, false
	}
	return p.Parse(c.Prefix, s)
}

// Parse reads year and sequence back from a serial of the pattern with
// prefix, in any case.
func (p *Pattern) Parse(prefix, s string) (year, seq int, ok bool) {
	src := strings.ReplaceAll(p.src, "{prefix}", prefix)
	src = strings.Replace(src, "{yyyy}", "\x00Y\x00", 1)
	src = seqRe.ReplaceAllString(src, "\x00S\x00")
	re := regexp.QuoteMeta(src)
	re = strings.Replace(re, "\x00Y\x00", `(?P<y>\d{4})`, 1)
	re = strings.Replace(re, "\x00S\x00", `(?P<s>\d{1,9})`, 1)
	rx := regexp.MustCompile("^(?i:" + re + ")$")
	m := rx.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, 0, false
	}
	year, _ = strconv.Atoi(m[rx.SubexpIndex("y")])
	seq, _ = strconv.Atoi(m[rx.SubexpIndex("s")])
	return year, seq, seq > 0
}
