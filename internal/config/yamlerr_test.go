package config

import (
	"strings"
	"testing"
)

// Config errors name the line and say what is wrong without Go's type names.
func TestYAMLErrorsInPlainWords(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"company: x\nbogus: 1\n", `第 2 行：没有 "bogus" 这个设置项`},
		{"company: x\ncompany: y\n", `第 2 行：设置项 "company" 重复，第 1 行已有`},
		{"operator: [a, b]\n", "第 1 行（operator: [a, b]）：值的格式不对，这里应是一个值"},
		{"company: x\ndepartments: 5\n", "第 2 行（departments: 5）：值的格式不对，这里应是一个列表"},
	} {
		_, err := Parse([]byte(c.yaml))
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "config.Config") || strings.Contains(err.Error(), "!!") {
			t.Errorf("%q: got %v, want %q", c.yaml, err, c.want)
		}
	}
}
