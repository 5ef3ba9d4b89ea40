package config

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Retention is how long each kind of archived record is kept, from the
// `retention` section of config.yaml: a number of years, 永久 (permanent)
// or, for controlled documents, 随最后记录 (as long as the last record
// made under them). Keys are "default", "scan", "document" and form codes
// with or without the prefix (FM-30, LDMD-FM-32). qdoc only reports what
// has passed its period; it never deletes.
type Retention map[string]RetentionRule

// RetentionRule is one kind's period.
type RetentionRule struct {
	Years      int  // 0 with Permanent or LastRecord
	Permanent  bool // 永久
	LastRecord bool // 随最后记录: until every other record has passed its own
}

// MinRetentionYears is the shortest period accepted: ISO 13485 §4.2.5
// never allows less than two years.
const MinRetentionYears = 2

// DefaultRetentionYears applies to kinds config.yaml does not name (the
// distribution rules' minimum where a device has no expiry).
const DefaultRetentionYears = 5

// String prints the rule as config.yaml writes it.
func (r RetentionRule) String() string {
	switch {
	case r.Permanent:
		return "永久"
	case r.LastRecord:
		return "随最后记录"
	}
	return fmt.Sprintf("%d 年", r.Years)
}

// UnmarshalYAML checks every period as the config is read, so a typo is
// an error naming its line rather than a silently shorter retention.
func (r *Retention) UnmarshalYAML(n *yaml.Node) error {
	var raw map[string]string
	if err := n.Decode(&raw); err != nil {
		return fmt.Errorf("line %d: retention: give each kind a number of years or 永久: %w", n.Line, err)
	}
	*r = Retention{}
	var errs []string
	for k, v := range raw {
		rule, err := parseRetention(k, v)
		if err != nil {
			errs = append(errs, err.Error())
		}
		(*r)[k] = rule
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return fmt.Errorf("line %d: %s", n.Line, strings.Join(errs, "; "))
	}
	return nil
}

func parseRetention(kind, v string) (RetentionRule, error) {
	s := strings.TrimSuffix(strings.TrimSpace(strings.ToLower(v)), "年")
	switch strings.TrimSpace(s) {
	case "永久", "permanent", "forever":
		return RetentionRule{Permanent: true}, nil
	case "随最后记录", "last-record", "last_record":
		return RetentionRule{LastRecord: true}, nil
	}
	y, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(s, "y")))
	if err != nil || y < MinRetentionYears {
		return RetentionRule{}, fmt.Errorf("retention.%s: %q is not a period: give whole years (at least %d), 永久 or 随最后记录", kind, v, MinRetentionYears)
	}
	return RetentionRule{Years: y}, nil
}

// RetentionOf is the period of an archived kind: a form code (with or
// without the prefix), "scan" or "document". Unnamed kinds take
// retention.default, else 5 years; documents default to 随最后记录.
func (c *Config) RetentionOf(kind string) RetentionRule {
	for _, k := range []string{kind, strings.TrimPrefix(kind, c.Prefix+"-")} {
		if r, ok := c.Retention[k]; ok {
			return r
		}
	}
	if kind == "document" {
		return RetentionRule{LastRecord: true}
	}
	if r, ok := c.Retention["default"]; ok {
		return r
	}
	return RetentionRule{Years: DefaultRetentionYears}
}
