package archive

import (
	"fmt"
	"regexp"
	"strings"
)

// Matcher finds serial numbers in the names of scanned files, whatever
// their case, so a clerk can name a scan "ldmd-fm-30-2026-0003 签字.pdf".
type Matcher struct{ res []*regexp.Regexp }

var seqPlaceholder = regexp.MustCompile(`\{seq(?::(\d))?\}`)

// NewMatcher compiles serial patterns such as
// "{prefix}-FM-30-{yyyy}-{seq:4}" with the workspace's prefix.
func NewMatcher(prefix string, patterns ...string) (*Matcher, error) {
	m := &Matcher{}
	for _, p := range patterns {
		re, err := patternRegexp(prefix, p)
		if err != nil {
			return nil, err
		}
		m.res = append(m.res, re)
	}
	return m, nil
}

// patternRegexp turns a serial pattern into an unanchored, case-blind
// regular expression.
func patternRegexp(prefix, p string) (*regexp.Regexp, error) {
	if strings.Count(p, "{yyyy}") != 1 || len(seqPlaceholder.FindAllString(p, -1)) != 1 {
		return nil, fmt.Errorf("serial pattern %q needs one {yyyy} and one {seq}", p)
	}
	var b strings.Builder
	for _, part := range splitKeep(p) {
		switch {
		case part == "{prefix}":
			b.WriteString(regexp.QuoteMeta(prefix))
		case part == "{yyyy}":
			b.WriteString(`\d{4}`)
		case seqPlaceholder.MatchString(part):
			w := "4"
			if m := seqPlaceholder.FindStringSubmatch(part); m[1] != "" {
				w = m[1]
			}
			b.WriteString(`\d{` + w + `,9}`)
		default:
			b.WriteString(regexp.QuoteMeta(part))
		}
	}
	return regexp.Compile("(?i)" + b.String())
}

// splitKeep splits a pattern into placeholders and the literal text
// between them.
func splitKeep(p string) []string {
	var out []string
	for p != "" {
		i := strings.IndexByte(p, '{')
		j := strings.IndexByte(p, '}')
		if i < 0 || j < i {
			return append(out, p)
		}
		if i > 0 {
			out = append(out, p[:i])
		}
		out = append(out, p[i:j+1])
		p = p[j+1:]
	}
	return out
}

// Find returns the distinct serials (upper-cased) in name. A match
// followed by another digit is not a serial ("…-00012" is not "…-0001").
func (m *Matcher) Find(name string) []string {
	seen := map[string]bool{}
	var out []string
	for _, re := range m.res {
		for _, loc := range re.FindAllStringIndex(name, -1) {
			if loc[1] < len(name) && name[loc[1]] >= '0' && name[loc[1]] <= '9' {
				continue
			}
			s := strings.ToUpper(name[loc[0]:loc[1]])
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	return out
}
