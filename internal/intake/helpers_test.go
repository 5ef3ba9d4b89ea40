package intake

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// fullHeader is the register's header as the template writes it.
var fullHeader = []any{"编号", "接收日期", "信息渠道", "信息类别", "等级", "标题", "内容", "报告部门", "涉及部门", "处理措施", "反馈结果", "状态", "关闭日期", "备注"}

// sheetData is one sheet of a test workbook: rows from row 1.
type sheetData struct {
	name string
	rows [][]any
}

// xlsxBytes builds a workbook in memory; tests generate their inputs rather
// than commit binaries.
func xlsxBytes(t testing.TB, sheets ...sheetData) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	for i, s := range sheets {
		if i == 0 {
			must(t, x.SetSheetName("Sheet1", s.name))
		} else if _, err := x.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if len(row) > 0 {
				must(t, x.SetSheetRow(s.name, cell, &row))
			}
		}
	}
	var b bytes.Buffer
	must(t, x.Write(&b))
	return b.Bytes()
}

func writeXLSX(t testing.TB, dir, name string, sheets ...sheetData) string {
	t.Helper()
	return writeBytes(t, dir, name, xlsxBytes(t, sheets...))
}

func writeBytes(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	must(t, os.WriteFile(p, data, 0o644))
	return p
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// mustRead reads a file that must be accepted.
func mustRead(t testing.TB, path string) *File {
	t.Helper()
	f, err := Read(path, Limits{})
	if err != nil {
		t.Fatalf("Read(%s): %v", filepath.Base(path), err)
	}
	return f
}

// readErr reads a file that must be refused with an *Error.
func readErr(t testing.TB, path string, lim Limits) *Error {
	t.Helper()
	f, err := Read(path, lim)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("Read(%s) = %v, %v; want *Error", filepath.Base(path), f, err)
	}
	if f != nil {
		t.Fatalf("Read returned both a file and an error")
	}
	return e
}
