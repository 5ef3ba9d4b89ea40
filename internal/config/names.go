package config

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/qdoc/qdoc/internal/fsutil"
)

// nameCheck is one file or folder name a setting shapes: the key that
// shapes it and the names it makes (the first is the one shown).
type nameCheck struct {
	key   string // as written in config.yaml, e.g. "documents.revision_form"
	what  string // what the name is, in Chinese
	names []string
}

// longestScan is the longest suffix a serial takes in a file name: a
// filed scan, archive/<year>/<code>/<serial>-扫描件-<n>.jpeg.
const longestScan = "-扫描件-99.jpeg"

// fileNames lists every name the prefix, the serial patterns and the form
// codes make, each with the key to blame: the prefix through the fixed
// form codes, then each pattern and code with a safe prefix. A serial is
// tried as the first of a year and as the longest it can grow (nine
// digits), as a form (.pdf) and as a scan.
func (c *Config) fileNames() []nameCheck {
	serial := func(p string) []string {
		pat, err := ParsePattern(p)
		if err != nil { // reported by compile
			return nil
		}
		return []string{pat.Format(c.Prefix, 2026, 1) + ".pdf", pat.Format(c.Prefix, 2026, 999999999) + longestScan}
	}
	d := c.Documents
	return []nameCheck{
		{"prefix", "表单代码", []string{c.FormCode("FM-30"), c.FormCode("FM-31"), c.FormCode("FM-32")}},
		{"serial_pattern", "编号文件名", serial(c.SerialPattern)},
		{"documents.revision_form", "表单代码", []string{c.FormCode(d.RevisionForm)}},
		{"documents.training_form", "表单代码", []string{c.FormCode(d.TrainingForm)}},
		{"documents.revision_pattern", "编号文件名", serial(d.RevisionPattern)},
		{"documents.training_pattern", "编号文件名", serial(d.TrainingPattern)},
	}
}

// checkNames refuses a config whose prefix, serial patterns or form codes
// would make a name unsafe as a file or folder name ("..", a separator, a
// Windows device name, too long): such a serial would be stored and
// numbered, then fail at render on every run. Each error names its key
// and, when config.yaml sets it, its line. One error per key, the
// prefix's first: a bad prefix spoils every name after it.
func (c *Config) checkNames(data []byte) error {
	var root yaml.Node
	yaml.Unmarshal(data, &root) // decoded once already: errors were reported
	var errs []string
	for _, nc := range c.fileNames() {
		for _, name := range nc.names {
			if _, err := fsutil.SafeName(name); err != nil {
				errs = append(errs, nameError(&root, nc, name, err))
				break
			}
		}
		if len(errs) > 0 && nc.key == "prefix" {
			break
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return nil
}

func nameError(root *yaml.Node, nc nameCheck, name string, err error) string {
	at := ""
	if n := keyLine(root, strings.Split(nc.key, ".")...); n > 0 {
		at = fmt.Sprintf("line %d: ", n)
	}
	return fmt.Sprintf("%s%s: 按此设置%s会是 %q，不能用作文件名；请只用字母、数字和连字符（%s makes the name %q, which is not safe: %v）",
		at, nc.key, nc.what, name, nc.key, name, err)
}

// keyLine is the line of a key (a path of mapping keys) in a YAML
// document, 0 when it is not there.
func keyLine(n *yaml.Node, path ...string) int {
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	for i, k := range path {
		if n.Kind != yaml.MappingNode {
			return 0
		}
		var next *yaml.Node
		for j := 0; j+1 < len(n.Content); j += 2 {
			if n.Content[j].Value == k {
				if i == len(path)-1 {
					return n.Content[j].Line
				}
				next = n.Content[j+1]
			}
		}
		if next == nil {
			return 0
		}
		n = next
	}
	return 0
}
