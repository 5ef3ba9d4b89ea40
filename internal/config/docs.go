package config

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Documents configures document control (受控文件管理): the serial patterns
// and form codes of the revision request (文件修订申请表) and the training
// request (培训申请单), who may approve, the default periodic-review
// interval and where the controlled files themselves are kept.
type Documents struct {
	RevisionPattern string   `yaml:"revision_pattern"` // default {prefix}-FM-10-{yyyy}-{seq:3}
	TrainingPattern string   `yaml:"training_pattern"` // default {prefix}-FM-11-{yyyy}-{seq:3}
	RevisionForm    string   `yaml:"revision_form"`    // form code, default FM-10
	TrainingForm    string   `yaml:"training_form"`    // form code, default FM-11
	Approvers       []string `yaml:"approvers"`        // empty: anyone, within the rules
	ReviewEvery     string   `yaml:"review_every"`     // periodic review, default 24m
	Files           string   `yaml:"files"`            // folder of controlled files, default docs
	Register        string   `yaml:"register"`         // status register file name under out/
}

// applyDocDefaults fills the document-control settings a workspace leaves out.
func (c *Config) applyDocDefaults() {
	d := &c.Documents
	for p, v := range map[*string]string{
		&d.RevisionPattern: "{prefix}-FM-10-{yyyy}-{seq:3}",
		&d.TrainingPattern: "{prefix}-FM-11-{yyyy}-{seq:3}",
		&d.RevisionForm:    "FM-10",
		&d.TrainingForm:    "FM-11",
		&d.ReviewEvery:     "24m",
		&d.Files:           "docs",
		&d.Register:        "文件状态档案.xlsx",
	} {
		if strings.TrimSpace(*p) == "" {
			*p = v
		}
	}
}

// checkDocs validates the document-control settings, one message each.
func (c *Config) checkDocs() []string {
	d := c.Documents
	var errs []string
	for _, kv := range [][2]string{{"revision_pattern", d.RevisionPattern}, {"training_pattern", d.TrainingPattern}} {
		if _, err := ParsePattern(kv[1]); err != nil {
			errs = append(errs, fmt.Sprintf("documents.%s: %v", kv[0], err))
		}
	}
	if d.RevisionPattern == d.TrainingPattern || d.RevisionPattern == c.SerialPattern || d.TrainingPattern == c.SerialPattern {
		errs = append(errs, "documents: revision_pattern, training_pattern and serial_pattern must all differ, or two forms would share numbers")
	}
	for _, kv := range [][2]string{{"revision_form", d.RevisionForm}, {"training_form", d.TrainingForm}, {"register", d.Register}} {
		if strings.ContainsAny(kv[1], `/\:*?"<>|`) || strings.Contains(kv[1], "..") {
			errs = append(errs, fmt.Sprintf("documents.%s: %q contains a character not allowed in file names", kv[0], kv[1]))
		}
	}
	if _, err := ParseMonths(d.ReviewEvery); err != nil {
		errs = append(errs, "documents.review_every: "+err.Error())
	}
	return errs
}

// DocSerial formats the serial of a document-control form: pattern is
// RevisionPattern or TrainingPattern.
func (c *Config) DocSerial(pattern string, year, seq int) string {
	p, err := ParsePattern(pattern)
	if err != nil { // checked at load; a bad pattern never reaches here
		return fmt.Sprintf("%s-%04d-%d", c.Prefix, year, seq)
	}
	return p.Format(c.Prefix, year, seq)
}

// Format writes the serial of sequence seq in year with prefix: the same
// rules as the entry serials, for any pattern.
func (p *Pattern) Format(prefix string, year, seq int) string {
	s := strings.ReplaceAll(p.src, "{prefix}", prefix)
	s = strings.ReplaceAll(s, "{yyyy}", fmt.Sprintf("%04d", year))
	return seqRe.ReplaceAllString(s, fmt.Sprintf("%0*d", p.width, seq))
}

var monthsRe = regexp.MustCompile(`^(\d{1,3})\s*(m|月|个月|y|年)?$`)

// ParseMonths reads a review interval: "24m", "24个月", "2y", "2年" or a
// bare number of months. Zero means no periodic review.
func ParseMonths(s string) (int, error) {
	m := monthsRe.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return 0, fmt.Errorf("%q 不是有效的周期，请写作 24m、24个月、2y 或 2年（not an interval like 24m or 2y）", s)
	}
	n, _ := strconv.Atoi(m[1])
	if m[2] == "y" || m[2] == "年" {
		n *= 12
	}
	if n > 120 {
		return 0, fmt.Errorf("%q 超过 10 年（interval over 10 years）", s)
	}
	return n, nil
}

// ReviewMonths is the default periodic-review interval in months.
func (c *Config) ReviewMonths() int {
	n, _ := ParseMonths(c.Documents.ReviewEvery)
	return n
}

// DocFilesDir is where controlled files are kept, resolved.
func (c *Config) DocFilesDir() string { return c.Path(c.Documents.Files) }

// IsApprover reports whether name may approve: anyone when no approvers
// are configured.
func (c *Config) IsApprover(name string) bool {
	if len(c.Documents.Approvers) == 0 {
		return true
	}
	for _, a := range c.Documents.Approvers {
		if strings.TrimSpace(a) == strings.TrimSpace(name) {
			return true
		}
	}
	return false
}
