package intake

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const csvRegister = "质量信息登记表\n" +
	"编号,接收日期,信息渠道,信息类别,等级,标题,内容,报告部门,涉及部门,备注,经办\n" +
	",2026-07-03,外部,用户投诉,B,包装破损,\"客户反映：\n外包装破损\",销售部,\"仓储部,销售部\",,张三\n" +
	"\n" +
	",2026/7/4,内部,验收,C,标签模糊,验收时发现,仓储部,仓储部,\"=cmd|' /C calc'!A0\",\n"

func TestReadCSVEncodings(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(csvRegister)
	must(t, err)
	tests := []struct {
		name, data, enc string
	}{
		{"utf8.csv", csvRegister, "UTF-8"},
		{"bom.csv", "\uFEFF" + csvRegister, "UTF-8 BOM"},
		{"crlf.csv", strings.ReplaceAll(csvRegister, "\n", "\r\n"), "UTF-8"},
		{"gbk.csv", gbk, "GBK"},
		{"gbk-crlf.csv", strings.ReplaceAll(gbk, "\n", "\r\n"), "GBK"},
		{"semicolon.csv", strings.NewReplacer(",", ";", "仓储部,销售部", "仓储部、销售部").Replace(csvRegister), "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustRead(t, writeBytes(t, t.TempDir(), tt.name, []byte(tt.data)))
			if f.Kind != "csv" || f.Encoding != tt.enc || f.HeaderLine != 2 || len(f.Rows) != 2 {
				t.Fatalf("kind %s enc %q header %d rows %d", f.Kind, f.Encoding, f.HeaderLine, len(f.Rows))
			}
			r0, r1 := f.Rows[0], f.Rows[1]
			// The second row starts on text line 6 but is row 5 in Excel:
			// the quoted line break above does not make a row.
			if r0.Line != 3 || r1.Line != 5 {
				t.Errorf("lines %d %d", r0.Line, r1.Line)
			}
			if r0.Values["content"] != "客户反映：\n外包装破损" || r0.Values["title"] != "包装破损" || r1.Values["remarks"] != "=cmd|' /C calc'!A0" {
				t.Errorf("values %v / %v", r0.Values, r1.Values)
			}
			if r0.Cols["class"] != "等级" {
				t.Errorf("cols %v", r0.Cols)
			}
			if len(f.Warnings) != 1 || f.Warnings[0] != "未知列 '经办'（第 2 行 K 列）已忽略" {
				t.Errorf("warnings %q", f.Warnings)
			}
		})
	}
}

func TestReadCSVRefusals(t *testing.T) {
	tests := []struct {
		name, data, want string
		lim              Limits
	}{
		{"utf16.csv", "\xff\xfe\x07h", "UTF-16", Limits{}},
		{"binary.csv", "标题,内容,等级\n\x81\x20\xff\n", "编码", Limits{}},
		{"big.csv", "标题,内容,等级\n" + strings.Repeat("a,b,c\n", 100), "过大", Limits{TextBytes: 100}},
		{"nohead.csv", "a,b,c\n1,2,3\n", "找不到表头", Limits{}},
		{"dup.csv", "标题,内容,等级,title\n", "两次", Limits{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := readErr(t, writeBytes(t, t.TempDir(), tt.name, []byte(tt.data)), tt.lim)
			if !strings.Contains(e.Msg, tt.want) || !strings.Contains(e.Error(), tt.name) {
				t.Errorf("error %s", e)
			}
		})
	}
}

func TestReadCSVStrayColumnWarning(t *testing.T) {
	data := "标题,内容,等级\nt,c,A,extra\nt2,c2,B,more\n"
	f := mustRead(t, writeBytes(t, t.TempDir(), "s.csv", []byte(data)))
	if len(f.Rows) != 2 || len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0], "第 2 行 D 列") {
		t.Errorf("rows %d warnings %q", len(f.Rows), f.Warnings)
	}
}
