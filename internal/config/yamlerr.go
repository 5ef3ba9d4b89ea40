package config

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// yamlError restates the decoder's complaints about config.yaml in plain
// words, one per line, each with its line number: the decoder speaks of Go
// types (config.Config, !!int) that mean nothing to the person editing it.
func yamlError(err error, data []byte) error {
	var te *yaml.TypeError
	var lines []string
	if errors.As(err, &te) {
		lines = te.Errors
	} else {
		lines = []string{err.Error()}
	}
	src := strings.Split(string(data), "\n")
	for i, l := range lines {
		lines[i] = plainYAML(strings.TrimPrefix(l, "yaml: "), src)
	}
	return fmt.Errorf("%s\n请对照 qdoc init 生成的 config.yaml 检查拼写、缩进和格式（check keys and layout against the config.yaml 'qdoc init' writes）", strings.Join(lines, "\n"))
}

var (
	reUnknown = regexp.MustCompile(`^line (\d+): field (\S+) not found in type \S+$`)
	reTwice   = regexp.MustCompile(`^line (\d+): mapping key "([^"]*)" already defined at line (\d+)$`)
	reType    = regexp.MustCompile("^line (\\d+): cannot unmarshal !!(\\w+)(?: `([^`]*)`)? into (\\S+)$")
	reLine    = regexp.MustCompile(`^line (\d+): (.*)$`)
)

func plainYAML(s string, src []string) string {
	if m := reUnknown.FindStringSubmatch(s); m != nil {
		return fmt.Sprintf("第 %s 行：没有 %q 这个设置项（unknown key %s）", m[1], m[2], m[2])
	}
	if m := reTwice.FindStringSubmatch(s); m != nil {
		return fmt.Sprintf("第 %s 行：设置项 %q 重复，第 %s 行已有（key %s defined twice）", m[1], m[2], m[3], m[2])
	}
	if m := reType.FindStringSubmatch(s); m != nil {
		want := "一个值"
		switch {
		case strings.HasPrefix(m[4], "[]"):
			want = "一个列表（每项一行，以 - 开头）"
		case strings.HasPrefix(m[4], "map"), strings.HasPrefix(m[4], "config."):
			want = "一组「键: 值」（下一行缩进书写）"
		case m[4] == "int", m[4] == "int64":
			want = "一个整数"
		}
		return fmt.Sprintf("第 %s 行（%s）：值的格式不对，这里应是%s（wrong kind of value）", m[1], quoteLine(src, m[1]), want)
	}
	if m := reLine.FindStringSubmatch(s); m != nil {
		return fmt.Sprintf("第 %s 行：%s", m[1], m[2])
	}
	return s
}

// quoteLine is line n (1-based, as text) of the config, trimmed, so the
// message shows which key it is about.
func quoteLine(src []string, n string) string {
	var i int
	fmt.Sscan(n, &i)
	if i < 1 || i > len(src) {
		return ""
	}
	return strings.TrimSpace(src[i-1])
}
