package ledger

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/qdoc/qdoc/internal/record"
)

// TemplateOptions are the value lists the intake template offers.
type TemplateOptions struct {
	Departments                             []string
	Channels, Categories, Classes, Statuses []string // labels to offer
	Company                                 string
}

// Sheet names of the intake template. The intake reader finds the header
// row by its names, so the title row above it does no harm.
const (
	IntakeSheet  = "质量信息登记"
	GuideSheet   = "填写说明"
	OptionsSheet = "选项"
)

// templateRows is how many rows carry drop-downs and formats: a quarter's
// intake is a few dozen rows, so 1000 leaves years of room.
const templateRows = 1000

// intakeWidths are the template's column widths by field key.
var intakeWidths = map[string]float64{
	"number": 22, "received": 12, "channel": 9, "category": 16, "class": 7,
	"title": 26, "content": 40, "reporter": 11, "departments": 20,
	"measures": 30, "feedback": 26, "status": 9, "closed": 12, "remarks": 18,
}

// optionList is one drop-down: the field it applies to, the named range
// holding its values on the hidden sheet, and the values.
type optionList struct {
	field, name string
	values      []string
}

func (o TemplateOptions) lists() []optionList {
	return []optionList{
		{"channel", "信息渠道列表", o.Channels},
		{"category", "信息类别列表", o.Categories},
		{"class", "等级列表", o.Classes},
		{"status", "状态列表", o.Statuses},
		{"reporter", "部门列表", o.Departments},
	}
}

// WriteIntakeTemplate writes the empty intake workbook 质量信息登记表.xlsx
// that `qdoc init` puts in a new workspace. It holds no example row: a
// clerk would leave it in and the next run would import it.
func WriteIntakeTemplate(w io.Writer, opt TemplateOptions) error {
	f := excelize.NewFile()
	defer f.Close()
	steps := []func(*excelize.File, TemplateOptions) error{
		intakeSheet, guideSheet, optionsSheet, intakeValidations,
	}
	for _, step := range steps {
		if err := step(f, opt); err != nil {
			return fmt.Errorf("intake template: %w", err)
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// intakeSheet writes the title and header rows and the column formats.
func intakeSheet(f *excelize.File, opt TemplateOptions) error {
	if err := f.SetSheetName("Sheet1", IntakeSheet); err != nil {
		return err
	}
	if err := intakeTitle(f, opt.Company); err != nil {
		return err
	}
	hdr, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Family: "宋体", Size: 11},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Border:    thinBorder(),
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
	})
	if err != nil {
		return err
	}
	for i, key := range record.Fields {
		if err := intakeColumn(f, i+1, key, hdr); err != nil {
			return err
		}
	}
	return f.SetPanes(IntakeSheet, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"})
}

func intakeTitle(f *excelize.File, company string) error {
	st, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Family: "宋体", Size: 14},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
	})
	if err != nil {
		return err
	}
	last := cellName(len(record.Fields), 1)
	if err := f.SetCellStr(IntakeSheet, "A1", company+"  质量信息登记表"); err != nil {
		return err
	}
	if err := f.MergeCell(IntakeSheet, "A1", last); err != nil {
		return err
	}
	if err := f.SetRowHeight(IntakeSheet, 1, 26); err != nil {
		return err
	}
	return f.SetCellStyle(IntakeSheet, "A1", last, st)
}

// intakeColumn writes one header cell and formats the column below it:
// dates as yyyy-mm-dd, everything else as text so Excel does not turn
// "2.7" into a number or "1-2" into a date.
func intakeColumn(f *excelize.File, col int, key string, hdr int) error {
	name, _ := excelize.ColumnNumberToName(col)
	if err := f.SetColWidth(IntakeSheet, name, name, intakeWidths[key]); err != nil {
		return err
	}
	st := &excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}
	if dateKeys[key] {
		st.NumFmt, st.CustomNumFmt = 0, ptr(dateFormat)
	}
	id, err := f.NewStyle(st)
	if err != nil {
		return err
	}
	if err := f.SetColStyle(IntakeSheet, name, id); err != nil {
		return err
	}
	cell := cellName(col, 2)
	if err := f.SetCellStr(IntakeSheet, cell, record.FieldLabels[key]); err != nil {
		return err
	}
	return f.SetCellStyle(IntakeSheet, cell, cell, hdr)
}

// optionsSheet puts each value list in a column of a hidden sheet and names
// its range. Lists referenced from cells have no length limit, unlike an
// inline list, which Excel caps at 255 characters.
func optionsSheet(f *excelize.File, opt TemplateOptions) error {
	if _, err := f.NewSheet(OptionsSheet); err != nil {
		return err
	}
	for i, l := range opt.lists() {
		if err := optionColumn(f, i+1, l); err != nil {
			return err
		}
	}
	return f.SetSheetVisible(OptionsSheet, false)
}

func optionColumn(f *excelize.File, col int, l optionList) error {
	if err := f.SetCellStr(OptionsSheet, cellName(col, 1), record.FieldLabels[l.field]); err != nil {
		return err
	}
	for i, v := range l.values {
		if err := f.SetCellStr(OptionsSheet, cellName(col, i+2), v); err != nil {
			return err
		}
	}
	if len(l.values) == 0 {
		return nil
	}
	name, _ := excelize.ColumnNumberToName(col)
	return f.SetDefinedName(&excelize.DefinedName{
		Name:     l.name,
		RefersTo: fmt.Sprintf("%s!$%s$2:$%s$%d", quoteSheet(OptionsSheet), name, name, len(l.values)+1),
	})
}

func thinBorder() []excelize.Border {
	var b []excelize.Border
	for _, side := range []string{"left", "right", "top", "bottom"} {
		b = append(b, excelize.Border{Type: side, Color: "000000", Style: 1})
	}
	return b
}
