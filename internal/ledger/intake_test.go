package ledger

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/qdoc/qdoc/internal/record"
)

func writeIntake(t *testing.T, opt TemplateOptions) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteIntakeTemplate(&buf, opt); err != nil {
		t.Fatal(err)
	}
	return openBytes(t, buf.Bytes())
}

func intakeOptions() TemplateOptions {
	return TemplateOptions{
		Company:     "广州耕海科技开发有限公司",
		Departments: []string{"质管部", "采购部", "仓储部", "销售部", "财务部", "行政部"},
		Channels:    []string{"政策", "内部", "外部"},
		Categories:  []string{"法规政策", "标准/技术文件/淘汰品种", "监管通报", "供应商质量", "经营品种", "验收储存出库", "用户投诉"},
		Classes:     []string{"A类", "B类", "C类"},
		Statuses:    []string{"待处理", "处理中", "待反馈", "已关闭"},
	}
}

func TestIntakeTemplateSheets(t *testing.T) {
	f := writeIntake(t, intakeOptions())
	if got := f.GetSheetList(); strings.Join(got, ",") != "质量信息登记,填写说明,选项" {
		t.Errorf("sheets = %v", got)
	}
	if v, _ := f.GetSheetVisible(OptionsSheet); v {
		t.Error("the options sheet is visible")
	}
	if v, _ := f.GetSheetVisible(GuideSheet); !v {
		t.Error("the guide sheet is hidden")
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("active sheet = %d, want the intake sheet", f.GetActiveSheetIndex())
	}
}

func TestIntakeTemplateHeader(t *testing.T) {
	f := writeIntake(t, intakeOptions())
	rows, err := f.GetRows(IntakeSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows, want title and header only (no example row)", len(rows))
	}
	want := "编号 接收日期 信息渠道 信息类别 等级 标题 内容 报告部门 涉及部门 处理措施 反馈结果 状态 关闭日期 备注"
	if got := strings.Join(rows[1], " "); got != want {
		t.Errorf("header:\n got %s\nwant %s", got, want)
	}
	if !strings.Contains(rows[0][0], "广州耕海科技开发有限公司") {
		t.Errorf("title = %q", rows[0][0])
	}
}

func TestIntakeTemplateValidations(t *testing.T) {
	f := writeIntake(t, intakeOptions())
	dvs, err := f.GetDataValidations(IntakeSheet)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*excelize.DataValidation{}
	for _, dv := range dvs {
		got[dv.Sqref] = dv
	}
	lists := map[string]string{
		"C3:C1002": "信息渠道列表", "D3:D1002": "信息类别列表", "E3:E1002": "等级列表",
		"L3:L1002": "状态列表", "H3:H1002": "部门列表",
	}
	for sqref, name := range lists {
		dv := got[sqref]
		if dv == nil || dv.Type != "list" || dv.Formula1 != name {
			t.Errorf("%s: validation %+v, want a list from %s", sqref, dv, name)
		}
	}
	for _, sqref := range []string{"B3:B1002", "M3:M1002"} {
		if dv := got[sqref]; dv == nil || dv.Type != "date" {
			t.Errorf("%s: validation %+v, want a date check", sqref, dv)
		}
	}
	assertListRange(t, f, "部门列表", "'选项'!$E$2:$E$7")
	assertListRange(t, f, "信息类别列表", "'选项'!$B$2:$B$8")
}

func assertListRange(t *testing.T, f *excelize.File, name, ref string) {
	t.Helper()
	assertDefinedName(t, f, name, ref)
	first, _ := f.GetCellValue(OptionsSheet, strings.Split(ref, "!")[1][1:2]+"2")
	if first == "" {
		t.Errorf("%s: first value empty", name)
	}
}

// A list too long for an inline drop-down (255 characters) still works,
// because the values live in cells.
func TestIntakeTemplateLongList(t *testing.T) {
	opt := intakeOptions()
	opt.Departments = nil
	for i := 0; i < 60; i++ {
		opt.Departments = append(opt.Departments, "第"+string(rune('一'+i))+"分公司质量管理部")
	}
	f := writeIntake(t, opt)
	assertDefinedName(t, f, "部门列表", "'选项'!$E$2:$E$61")
	if v, _ := f.GetCellValue(OptionsSheet, "E61"); v != opt.Departments[59] {
		t.Errorf("E61 = %q", v)
	}
}

func TestIntakeTemplateFormats(t *testing.T) {
	f := writeIntake(t, intakeOptions())
	id, _ := f.GetColStyle(IntakeSheet, "B")
	st, _ := f.GetStyle(id)
	if st.CustomNumFmt == nil || *st.CustomNumFmt != dateFormat {
		t.Errorf("接收日期 column format = %v", st.CustomNumFmt)
	}
	id, _ = f.GetColStyle(IntakeSheet, "A")
	if st, _ := f.GetStyle(id); st.NumFmt != 49 {
		t.Errorf("编号 column number format = %d, want text (49)", st.NumFmt)
	}
}

func TestIntakeTemplateGuide(t *testing.T) {
	f := writeIntake(t, intakeOptions())
	rows, _ := f.GetRows(GuideSheet)
	var all strings.Builder
	for _, r := range rows {
		all.WriteString(strings.Join(r, " ") + "\n")
	}
	text := all.String()
	for _, want := range []string{"顿号“、”", "C类：只涉及一个部门", "B类：涉及两个或以上部门", "A类：对质量有重大影响", "新登记的信息不填编号", "用户投诉"} {
		if !strings.Contains(text, want) {
			t.Errorf("guide lacks %q", want)
		}
	}
	for _, label := range record.FieldLabels {
		if !strings.Contains(text, label) {
			t.Errorf("guide does not explain %s", label)
		}
	}
}
