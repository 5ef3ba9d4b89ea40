package doc

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/qdoc/qdoc/internal/record"
)

// importHeaders are the column headers of a document list, by field; the
// first is the one printed in messages. Matching ignores case, spaces,
// full-width forms and decorations such as * or （必填）.
var importHeaders = []struct {
	key   string
	names []string
}{
	{"number", []string{"文件编号", "编号", "number"}},
	{"title", []string{"文件名称", "名称", "title"}},
	{"version", []string{"版本", "版本号", "版本/修订", "version"}},
	{"owner", []string{"归口部门", "编制部门", "责任部门", "owner"}},
	{"holders", []string{"持有部门", "发放部门", "发放范围", "holders"}},
	{"issued", []string{"发放日期", "发布日期", "issued"}},
	{"effective", []string{"生效日期", "实施日期", "effective"}},
	{"review_every", []string{"复审周期", "评审周期", "定期评审周期", "review_every"}},
}

// importRow is one data row of a document list.
type importRow struct {
	line   int
	values map[string]string
}

// importFile is a document list read into rows, with where each field is.
type importFile struct {
	name  string
	cols  map[string]string // field → column letter (xlsx) or header (csv)
	rows  []importRow
	warns []string
}

func headerField(h string) string {
	f := strings.Trim(record.Fold(h), "*:：")
	if i := strings.IndexAny(f, "(（"); i > 0 {
		f = f[:i]
	}
	for _, hd := range importHeaders {
		for _, n := range hd.names {
			if record.Fold(n) == f {
				return hd.key
			}
		}
	}
	return ""
}

func fieldName(key string) string {
	for _, hd := range importHeaders {
		if hd.key == key {
			return hd.names[0]
		}
	}
	return key
}

// readImport reads an xlsx or csv document list. limitMB caps an xlsx's
// uncompressed size and a csv's size.
func readImport(path string, limitMB int) (*importFile, error) {
	f := &importFile{name: filepath.Base(path)}
	var grid [][]string
	var err error
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx":
		grid, err = readXLSXGrid(path, int64(limitMB)<<20)
	case ".csv":
		grid, err = readCSVGrid(path, int64(limitMB)<<20)
	default:
		return nil, usage("%s：文件清单须是 .xlsx 或 .csv", path)
	}
	if err != nil {
		return nil, err
	}
	return f, f.take(grid)
}

func readXLSXGrid(path string, limit int64) ([][]string, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, usage("%s：无法读取（%v）", path, err)
	}
	defer fh.Close()
	x, err := excelize.OpenReader(fh, excelize.Options{UnzipSizeLimit: limit, UnzipXMLSizeLimit: min(limit, 16<<20)})
	if err != nil {
		return nil, rule("%s：不是可读的 xlsx 文件，或解压后超过上限（%v）；请用 Excel 另存为 .xlsx", path, err)
	}
	defer x.Close()
	for _, sheet := range x.GetSheetList() {
		rows, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, rule("%s 工作表 %s：无法读取（%v）", path, sheet, err)
		}
		if findImportHeader(rows) >= 0 {
			return rows, nil
		}
	}
	return nil, noImportHeader(path)
}

func readCSVGrid(path string, limit int64) ([][]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, usage("%s：无法读取（%v）", path, err)
	}
	if int64(len(b)) > limit {
		return nil, rule("%s：文件超过 %d MB", path, limit>>20)
	}
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(b) { // Excel on Chinese Windows saves CSV as GBK
		if b, err = simplifiedchinese.GBK.NewDecoder().Bytes(b); err != nil {
			return nil, rule("%s：既不是 UTF-8 也不是 GBK 编码", path)
		}
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord, r.LazyQuotes = -1, true
	grid, err := r.ReadAll()
	if err != nil && err != io.EOF {
		return nil, rule("%s：CSV 格式错误（%v）", path, err)
	}
	return grid, nil
}

func noImportHeader(path string) error {
	var names []string
	for _, h := range importHeaders {
		names = append(names, h.names[0])
	}
	return rule("%s：前 20 行中找不到表头；表头行应含 文件编号 及至少两个其他列（%s）", path, strings.Join(names, "、"))
}

// findImportHeader is the index of the header row among the first 20, or -1.
func findImportHeader(rows [][]string) int {
	for i := 0; i < len(rows) && i < 20; i++ {
		seen := map[string]bool{}
		for _, c := range rows[i] {
			if k := headerField(c); k != "" {
				seen[k] = true
			}
		}
		if seen["number"] && len(seen) >= 3 {
			return i
		}
	}
	return -1
}

// take turns a grid into rows keyed by field, naming columns by letter.
func (f *importFile) take(grid [][]string) error {
	at := findImportHeader(grid)
	if at < 0 {
		return noImportHeader(f.name)
	}
	f.cols = map[string]string{}
	keys := make([]string, len(grid[at]))
	for j, h := range grid[at] {
		col, _ := excelize.ColumnNumberToName(j + 1)
		k := headerField(h)
		switch {
		case k == "" && strings.TrimSpace(h) != "":
			f.warns = append(f.warns, fmt.Sprintf("%s 第 %d 行 %s 列「%s」不是已知的列，已忽略", f.name, at+1, col, h))
		case k != "" && f.cols[k] != "":
			return rule("%s 第 %d 行：「%s」有两列（%s 列和 %s 列）；请删去一列", f.name, at+1, fieldName(k), f.cols[k], col)
		case k != "":
			keys[j], f.cols[k] = k, col
		}
	}
	for i := at + 1; i < len(grid); i++ {
		f.addRow(i+1, keys, grid[i])
	}
	return nil
}

func (f *importFile) addRow(line int, keys, cells []string) {
	vals := map[string]string{}
	for j, c := range cells {
		if c = strings.TrimSpace(c); j < len(keys) && keys[j] != "" && c != "" {
			vals[keys[j]] = c
		}
	}
	if len(vals) > 0 {
		f.rows = append(f.rows, importRow{line: line, values: vals})
	}
}
