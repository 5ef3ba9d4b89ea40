package intake

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

const yamlEntries = `# 质量信息
source: 手工录入
entries:
  - received: 2026-07-03
    channel: external
    category: customer
    class: B
    title: "  包装破损 "
    content: |
      客户反映外包装破损，
      要求退换。
    reporter: 销售部
    departments: [仓储部, 销售部]
    closed: ~
    owner: 张三
  - 接收日期: 2026/7/4
    等级: C
    标题: 标签模糊
    内容: "验收时发现\u0007标签模糊"
    涉及部门: 仓储部
    owner: 李四
  - {}
`

func TestReadYAML(t *testing.T) {
	f := mustRead(t, writeBytes(t, t.TempDir(), "entries.yml", []byte(yamlEntries)))
	if f.Kind != "yaml" || f.HeaderLine != 3 || len(f.Rows) != 2 {
		t.Fatalf("kind %s header %d rows %+v", f.Kind, f.HeaderLine, f.Rows)
	}
	r0, r1 := f.Rows[0], f.Rows[1]
	if r0.Line != 4 || r1.Line != 16 {
		t.Errorf("lines %d %d", r0.Line, r1.Line)
	}
	want0 := map[string]string{"received": "2026-07-03", "class": "B", "title": "包装破损",
		"content": "客户反映外包装破损，\n要求退换。", "departments": "仓储部、销售部", "reporter": "销售部"}
	for k, v := range want0 {
		if r0.Values[k] != v {
			t.Errorf("%s = %q, want %q", k, r0.Values[k], v)
		}
	}
	if _, ok := r0.Values["closed"]; ok || r0.Cols["closed"] != "closed" {
		t.Errorf("closed: values %v cols %v", r0.Values, r0.Cols)
	}
	if r1.Values["received"] != "2026/7/4" || r1.Values["content"] != "验收时发现标签模糊" || r1.Cols["title"] != "标题" {
		t.Errorf("row 2: %v %v", r1.Values, r1.Cols)
	}
	want := []string{"未知字段 'source'（第 2 行）已忽略", "未知字段 'owner'（第 15 行）已忽略"}
	if fmt.Sprint(f.Warnings) != fmt.Sprint(want) {
		t.Errorf("warnings %q", f.Warnings)
	}
}

// aliasBomb is the "billion laughs": nine levels of nine aliases each.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := range 9 {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	b.WriteString("entries:\n  - title: x\n    content: *a9\n")
	return b.String()
}

func TestReadYAMLRefusals(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"bomb.yaml", aliasBomb(), "别名"},
		{"nested.yaml", "entries:\n  - title: t\n    class:\n      level: B\n", "第 4 行：字段「等级」的值应是文字"},
		{"notlist.yaml", "entries: 3\n", "条目列表"},
		{"noentries.yaml", "items: []\n", "找不到 entries"},
		{"scalar-item.yaml", "entries:\n  - just text\n  - [a]\n", "第 3 行：每个条目"},
		{"dup.yaml", "entries:\n  - title: a\n    标题: b\n", "重复"},
		{"twodocs.yaml", "entries: []\n---\nentries: []\n", "多个 YAML 文档"},
		{"empty.yaml", "", "空的"},
		{"twice.yaml", "entries: []\nEntries: []\n", "两次"},
		{"bad.yaml", "entries:\n  - title: [\n", "YAML 格式错误"},
		{"gbk.yaml", "entries:\n  - title: \xb0\xfc\n", "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			e := readErr(t, writeBytes(t, t.TempDir(), tt.name, []byte(tt.data)), Limits{})
			if d := time.Since(start); d > time.Second {
				t.Errorf("took %v", d)
			}
			if !strings.Contains(e.Msg, tt.want) {
				t.Errorf("msg %s", e.Msg)
			}
		})
	}
}

func TestReadYAMLEmptyList(t *testing.T) {
	for _, data := range []string{"entries:\n", "entries: []\n"} {
		f := mustRead(t, writeBytes(t, t.TempDir(), "e.yaml", []byte(data)))
		if len(f.Rows) != 0 {
			t.Errorf("%q: rows %v", data, f.Rows)
		}
	}
}
