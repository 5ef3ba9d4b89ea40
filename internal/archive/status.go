package archive

import (
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ScanMark is in the archive name of every filed scan:
// <serial>-扫描件-<n>.<ext>.
const ScanMark = "扫描件"

// DocumentFolder is the form-code folder that holds controlled documents'
// own files (archive/<year>/受控文件/<file>); their forms go under their
// form codes like any other.
const DocumentFolder = "受控文件"

// Kind names what an archived file is, for retention: "scan", "document",
// or its form-code folder (LDMD-FM-30).
func KindOf(rel string) string {
	dir, name := path.Split(rel)
	folder := path.Base(dir)
	switch {
	case strings.Contains(name, ScanMark):
		return "scan"
	case folder == DocumentFolder:
		return "document"
	}
	return folder
}

// Rule is a retention period: Years from the day a file was archived,
// or permanent, or as long as the last other record.
type Rule struct {
	Years      int
	Permanent  bool
	LastRecord bool
	Label      string // as printed, e.g. "5 年"
}

// Holding is what the archive holds of one kind and year.
type Holding struct {
	Kind   string
	Year   int
	Files  int
	Bytes  int64
	First  time.Time // earliest archived
	Rule   Rule
	Until  time.Time // when the last of them passes its period; zero = permanent
	Passed int       // files past their period on the day asked
}

// Status groups the manifest by kind and year and works out each group's
// retention as of today. It only reports: nothing is ever deleted.
func Status(m *Manifest, rule func(kind string) Rule, today time.Time) []Holding {
	groups := map[[2]string]*Holding{}
	var latest time.Time // the end of the last non-document period
	permanent := false
	var deferred []*Line
	for i := range m.Lines {
		l := &m.Lines[i]
		h := holding(groups, l, rule)
		if h.Rule.LastRecord {
			deferred = append(deferred, l)
			continue
		}
		until := l.Time.AddDate(h.Rule.Years, 0, 0)
		permanent = permanent || h.Rule.Permanent
		if until.After(latest) {
			latest = until
		}
		h.count(l, until, h.Rule.Permanent, today)
	}
	for _, l := range deferred {
		until := l.Time.AddDate(2, 0, 0)
		if latest.After(until) {
			until = latest
		}
		holding(groups, l, rule).count(l, until, permanent, today)
	}
	return sorted(groups)
}

func holding(groups map[[2]string]*Holding, l *Line, rule func(string) Rule) *Holding {
	kind := KindOf(l.Path)
	year, _ := strconv.Atoi(strings.SplitN(l.Path, "/", 2)[0])
	key := [2]string{kind, strconv.Itoa(year)}
	if h, ok := groups[key]; ok {
		return h
	}
	h := &Holding{Kind: kind, Year: year, Rule: rule(kind), First: l.Time}
	groups[key] = h
	return h
}

func (h *Holding) count(l *Line, until time.Time, permanent bool, today time.Time) {
	h.Files++
	h.Bytes += l.Size
	if l.Time.Before(h.First) {
		h.First = l.Time
	}
	if permanent {
		h.Until = time.Time{}
		h.Rule.Permanent = true
		return
	}
	if !h.Rule.Permanent && until.After(h.Until) {
		h.Until = until
	}
	if until.Before(today) {
		h.Passed++
	}
}

func sorted(groups map[[2]string]*Holding) []Holding {
	out := make([]Holding, 0, len(groups))
	for _, h := range groups {
		out = append(out, *h)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return out[i].Kind < out[j].Kind
		}
		return out[i].Year < out[j].Year
	})
	return out
}
