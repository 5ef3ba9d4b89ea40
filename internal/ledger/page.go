package ledger

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// paperA4 is A4 in the ECMA-376 paperSize enumeration.
const paperA4 = 9

// pageSetup makes the sheet print as the department files it: A4 landscape,
// every column on one page width, as many pages down as needed, the header
// row on each page, company/title/form code above and page numbers below.
// It runs before the stream writer is created, which copies these settings.
func (lw *fm31Writer) pageSetup() error {
	sheet := lw.l.Sheet
	if err := lw.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if err := lw.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: ptr(paperA4), Orientation: ptr("landscape"),
		FitToWidth: ptr(1), FitToHeight: ptr(0), // 0 = as many pages down as needed
	}); err != nil {
		return err
	}
	if err := lw.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: ptr(0.4), Right: ptr(0.4), Top: ptr(0.75), Bottom: ptr(0.6),
		Header: ptr(0.3), Footer: ptr(0.3), Horizontally: ptr(true),
	}); err != nil {
		return err
	}
	if err := lw.f.SetHeaderFooter(sheet, lw.headerFooter()); err != nil {
		return err
	}
	return lw.f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: fmt.Sprintf("%s!$%d:$%d", quoteSheet(sheet), headerRow, headerRow),
	})
}

func (lw *fm31Writer) headerFooter() *excelize.HeaderFooterOptions {
	o := lw.opt
	return &excelize.HeaderFooterOptions{
		OddHeader: "&L" + hfText(o.Company) + "&C" + hfText(o.Title) + "&R" + hfText(o.FormCode),
		OddFooter: or(lw.l.Footer, defaultFooter),
	}
}

// defaultFooter is the page footer of a layout that sets none: 第 x 页 共 y 页.
const defaultFooter = "&C第 &P 页 共 &N 页"

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// hfText escapes a value for a page header: "&" starts a control code
// there, so a company named "A&B" must be written "A&&B".
func hfText(s string) string {
	return strings.ReplaceAll(s, "&", "&&")
}

// quoteSheet quotes a sheet name for a formula reference.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

func ptr[T any](v T) *T { return &v }
