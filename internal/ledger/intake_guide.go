package ledger

import (
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/qdoc/qdoc/internal/record"
)

// Date validation bounds as Excel date numbers: 2000-01-01 to 2099-12-31.
const (
	minDateSerial = 36526
	maxDateSerial = 73050
)

// intakeValidations adds the drop-downs and the date checks. They warn
// rather than stop: intake also accepts aliases (B, 投诉, 2.7) and dates
// typed as text, and checks every value itself.
func intakeValidations(f *excelize.File, opt TemplateOptions) error {
	for _, l := range opt.lists() {
		if len(l.values) == 0 {
			continue
		}
		dv := intakeDV(l.field)
		dv.SetSqrefDropList(l.name)
		dv.SetError(excelize.DataValidationErrorStyleWarning, "不在列表中",
			record.FieldLabels[l.field]+"请从下拉列表中选择；确定要保留这个值吗？")
		if err := f.AddDataValidation(IntakeSheet, dv); err != nil {
			return err
		}
	}
	for _, key := range []string{"received", "closed"} {
		if err := dateValidation(f, key); err != nil {
			return err
		}
	}
	return titleValidation(f)
}

// intakeDV is a validation covering the template rows of a field's column.
func intakeDV(field string) *excelize.DataValidation {
	col := slices.Index(record.Fields, field) + 1
	dv := excelize.NewDataValidation(true)
	dv.Sqref = cellName(col, 3) + ":" + cellName(col, 2+templateRows)
	return dv
}

func dateValidation(f *excelize.File, key string) error {
	dv := intakeDV(key)
	if err := dv.SetRange(minDateSerial, maxDateSerial, excelize.DataValidationTypeDate,
		excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleWarning, "日期格式",
		record.FieldLabels[key]+"请填写日期，如 2026-07-03、2026/7/3 或 2026年7月3日")
	return f.AddDataValidation(IntakeSheet, dv)
}

func titleValidation(f *excelize.File) error {
	dv := intakeDV("title")
	if err := dv.SetRange(1, record.MaxTitle, excelize.DataValidationTypeTextLength,
		excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleWarning, "标题太长",
		fmt.Sprintf("标题最多 %d 字；详细情况请写在“内容”栏", record.MaxTitle))
	return f.AddDataValidation(IntakeSheet, dv)
}

// guideRows explain each column to the clerk, in column order, with the
// workspace's own value lists.
func guideRows(opt TemplateOptions) [][3]string {
	pick := func(vals []string) string {
		if len(vals) == 0 {
			return "按质量管理员的规定填写。"
		}
		return "从下拉列表选择：" + strings.Join(vals, "、") + "。"
	}
	return [][3]string{
		{"编号", "新登记时留空", "新登记的信息不填编号，系统运行后自动编号（如 LDMD-FM-30-2026-0001）。修改已登记的信息时，照抄系统给出的编号，系统按编号更新该条信息。不要自己编号。"},
		{"接收日期", "必填", "收到信息的日期，写成 2026-07-03、2026/7/3 或 2026年7月3日。不能晚于今天。"},
		{"信息渠道", "必填", pick(opt.Channels)},
		{"信息类别", "必填", pick(opt.Categories)},
		{"等级", "必填", pick(opt.Classes) + "C类：只涉及一个部门；B类：涉及两个或以上部门；A类：对质量有重大影响，由各部门共同处理，信息传递反馈单发给所有部门。等级必须与“涉及部门”一致，否则该文件不予导入。"},
		{"标题", "必填", fmt.Sprintf("一句话概括，最多 %d 字。", record.MaxTitle)},
		{"内容", "必填", "信息的具体内容。以 = + - @ 开头的文字按原样保存，不会变成公式。"},
		{"报告部门", "必填", "提出或收到这条信息的部门。" + pick(opt.Departments)},
		{"涉及部门", "必填", "需要处理的部门，多个部门用顿号“、”分隔，如：采购部、仓储部。C类只填一个部门，B类填两个或以上，A类填所有相关部门（至少两个）。"},
		{"处理措施", "选填", "评价意见和处理措施。"},
		{"反馈结果", "选填", "各部门的反馈结果。"},
		{"状态", "选填", pick(opt.Statuses)},
		{"关闭日期", "选填", "处理完毕的日期，不能早于接收日期。"},
		{"备注", "选填", "其他说明。"},
	}
}

// guideNotes come before the column table: the rules a clerk breaks most.
var guideNotes = []string{
	"1. 每行登记一条质量信息，从第 3 行开始填写；不要修改第 1 行标题和第 2 行表头。",
	"2. 本表不含示例行，请直接填写真实信息。填好后保存，放入工作区的 inbox 文件夹，再运行 qdoc run。",
	"3. 同一文件中有任何一行不合格，整个文件都不会导入；系统会说明是第几行、哪一栏、应如何改正。改正后再次运行即可，已导入的信息不会重复登记。",
	"4. 已登记的信息不会因为从表中删除而删除；需要作废时，请告知质量管理员。",
}

// guideSheet writes the 填写说明 sheet.
func guideSheet(f *excelize.File, opt TemplateOptions) error {
	if _, err := f.NewSheet(GuideSheet); err != nil {
		return err
	}
	for i, n := range guideNotes {
		if err := f.SetCellStr(GuideSheet, cellName(1, i+1), n); err != nil {
			return err
		}
	}
	top := len(guideNotes) + 2
	if err := guideTable(f, top, guideRows(opt)); err != nil {
		return err
	}
	for col, w := range map[string]float64{"A": 12, "B": 14, "C": 90} {
		if err := f.SetColWidth(GuideSheet, col, col, w); err != nil {
			return err
		}
	}
	return nil
}

func guideTable(f *excelize.File, top int, body [][3]string) error {
	rows := append([][3]string{{"栏目", "是否必填", "填写方法"}}, body...)
	wrap, err := f.NewStyle(&excelize.Style{Border: thinBorder(),
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	for i, r := range rows {
		row := top + i
		if err := f.SetSheetRow(GuideSheet, cellName(1, row), &[]string{r[0], r[1], r[2]}); err != nil {
			return err
		}
		if err := f.SetRowHeight(GuideSheet, row, rowHeight(textLines(r[2], 90), 11)); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(GuideSheet, cellName(1, top), cellName(3, top+len(rows)-1), wrap); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Border: thinBorder(), Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	return f.SetCellStyle(GuideSheet, cellName(1, top), cellName(3, top), bold)
}
