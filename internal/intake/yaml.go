package intake

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/qdoc/qdoc/internal/record"
	"go.yaml.in/yaml/v3"
)

// maxYAMLProblems caps how many item problems one error lists.
const maxYAMLProblems = 20

// readYAML reads `entries:`, a list of maps keyed by field (English key or
// Chinese header name). The document is decoded to a node tree only, which
// never expands aliases; any alias is then refused outright, since an
// intake list has no use for them and expanding them is how a few hundred
// bytes become gigabytes (the "billion laughs" bomb).
func readYAML(f *File, size int64, lim Limits) error {
	data, err := readCapped(f.Path, size, lim.TextBytes)
	if err != nil {
		return err
	}
	if !utf8.Valid(data) {
		return fileErr(f.Path, nil, "YAML 文件必须是 UTF-8 编码，请用记事本或编辑器另存为 UTF-8（YAML must be UTF-8）")
	}
	root, err := decodeYAML(f.Path, data)
	if err != nil {
		return err
	}
	if line := findAlias(root); line > 0 {
		return fileErr(f.Path, nil, "第 %d 行使用了 YAML 别名（*引用），登记文件不允许使用别名，请直接写出内容（YAML aliases are not allowed, line %d）", line, line)
	}
	list, err := entriesList(f, root)
	if err != nil || list == nil {
		return err
	}
	return readItems(f, list.Content)
}

func decodeYAML(path string, data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fileErr(path, nil, "文件是空的，应包含 entries: 列表（empty file: expected an entries: list）")
		}
		return nil, fileErr(path, err, "YAML 格式错误：%v；请检查缩进和冒号（invalid YAML）", err)
	}
	var more yaml.Node
	if err := dec.Decode(&more); !errors.Is(err, io.EOF) {
		return nil, fileErr(path, err, "文件含有多个 YAML 文档（---），请把所有条目放在同一个 entries: 列表中（several YAML documents）")
	}
	if len(doc.Content) == 0 {
		return nil, fileErr(path, nil, "文件是空的，应包含 entries: 列表（empty file: expected an entries: list）")
	}
	return doc.Content[0], nil
}

// findAlias returns the line of the first alias in the tree, or 0. Alias
// nodes are not followed, so the walk is linear in the document size.
func findAlias(n *yaml.Node) int {
	stack := []*yaml.Node{n}
	for len(stack) > 0 {
		n, stack = stack[len(stack)-1], stack[:len(stack)-1]
		if n.Kind == yaml.AliasNode {
			return max(n.Line, 1)
		}
		stack = append(stack, n.Content...)
	}
	return 0
}

// entriesList returns the entries sequence (nil if it is empty) and warns
// about other top-level keys.
func entriesList(f *File, root *yaml.Node) (*yaml.Node, error) {
	if root.Kind != yaml.MappingNode {
		return nil, fileErr(f.Path, nil, "第 %d 行：文件顶层应是 entries: 列表（expected a top-level entries: list）", root.Line)
	}
	var list *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch {
		case record.Fold(k.Value) != "entries":
			f.Warnings = append(f.Warnings, fmt.Sprintf("未知字段 '%s'（第 %d 行）已忽略", k.Value, k.Line))
			continue
		case list != nil:
			return nil, fileErr(f.Path, nil, "第 %d 行：entries: 出现了两次，请合并为一个列表（entries appears twice）", k.Line)
		}
		f.HeaderLine, list = k.Line, v
	}
	switch {
	case list == nil:
		return nil, fileErr(f.Path, nil, "找不到 entries: 列表，条目应写在 entries: 下（no entries: list found）")
	case list.Kind == yaml.ScalarNode && list.Tag == "!!null":
		return nil, nil
	case list.Kind != yaml.SequenceNode:
		return nil, fileErr(f.Path, nil, "第 %d 行：entries: 下应是以 - 开头的条目列表（entries must be a list）", list.Line)
	}
	return list, nil
}

// readItems reads every item, collecting all structural problems into one
// error so the clerk can fix them in one pass.
func readItems(f *File, items []*yaml.Node) error {
	var problems []string
	warned := map[string]bool{}
	for _, it := range items {
		row, errs := readItem(f, it, warned)
		problems = append(problems, errs...)
		if len(row.Values) > 0 {
			f.emit(row)
		}
	}
	if len(problems) == 0 {
		return nil
	}
	if len(problems) > maxYAMLProblems {
		problems = append(problems[:maxYAMLProblems], fmt.Sprintf("……另有 %d 处问题", len(problems)-maxYAMLProblems))
	}
	return fileErr(f.Path, nil, "条目格式有误，请修改后重试（malformed entries）：\n  %s", strings.Join(problems, "\n  "))
}

func readItem(f *File, it *yaml.Node, warned map[string]bool) (Row, []string) {
	row := Row{Line: it.Line, Values: map[string]string{}, Cols: map[string]string{}}
	if it.Kind != yaml.MappingNode {
		return row, []string{fmt.Sprintf("第 %d 行：每个条目应是「字段: 值」的形式（each entry must be a map）", it.Line)}
	}
	var problems []string
	for i := 0; i+1 < len(it.Content); i += 2 {
		k, v := it.Content[i], it.Content[i+1]
		key := fieldOf(k.Value)
		switch {
		case key == "":
			if !warned[k.Value] {
				warned[k.Value] = true
				f.Warnings = append(f.Warnings, fmt.Sprintf("未知字段 '%s'（第 %d 行）已忽略", k.Value, k.Line))
			}
			continue
		case row.Cols[key] != "":
			problems = append(problems, fmt.Sprintf("第 %d 行：字段「%s」重复（%s 和 %s）（duplicate field）", k.Line, fieldLabel(key), row.Cols[key], k.Value))
			continue
		}
		row.Cols[key] = k.Value
		text, ok := yamlText(key, v)
		if !ok {
			problems = append(problems, fmt.Sprintf("第 %d 行：字段「%s」的值应是文字，不能是列表或嵌套结构（value must be text）", v.Line, fieldLabel(key)))
		}
		if text = cleanText(text); text != "" {
			row.Values[key] = text
		}
	}
	return row, problems
}

// yamlText is a field's text. Dates and numbers keep their source text
// (internal/record parses them); departments may be a list of names.
func yamlText(key string, v *yaml.Node) (string, bool) {
	switch {
	case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
		return "", true
	case v.Kind == yaml.ScalarNode:
		return v.Value, true
	case v.Kind == yaml.SequenceNode && key == "departments":
		names := make([]string, 0, len(v.Content))
		for _, d := range v.Content {
			if d.Kind != yaml.ScalarNode {
				return "", false
			}
			if s := cleanText(d.Value); s != "" && d.Tag != "!!null" {
				names = append(names, s)
			}
		}
		return strings.Join(names, "、"), true
	}
	return "", false
}
