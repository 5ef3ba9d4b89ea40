package intake

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// An xlsx is a zip. Deflate cannot do better than about 1032:1, so a part
// above bombRatio is a run of one byte — a zip bomb, not a worksheet —
// once it is big enough to matter.
const (
	bombRatio   = 1000
	bombMinSize = 1 << 20
	maxZipParts = 10000
	maxXMLPart  = 16 << 20 // the most read of a part that is not streamed (workbook.xml, rels)
)

// oleMagic starts a Compound File: an encrypted (password-protected)
// workbook or an old .xls renamed to .xlsx.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

func readXLSX(f *File, size int64, lim Limits) error {
	if size > lim.XLSXBytes {
		return tooLarge(f.Path, size, lim.XLSXBytes)
	}
	fh, err := os.Open(f.Path)
	if err != nil {
		return fileErr(f.Path, err, "无法打开文件（cannot open the file: %v）", err)
	}
	defer fh.Close()
	if err := checkMagic(f.Path, fh); err != nil {
		return err
	}
	zr, err := zip.NewReader(fh, size)
	if err != nil {
		return damaged(f.Path, err)
	}
	if err := checkZip(f.Path, zr, lim.XLSXBytes); err != nil {
		return err
	}
	return readWorkbook(f, zr, lim)
}

func checkMagic(path string, r io.ReaderAt) error {
	head := make([]byte, len(oleMagic))
	if _, err := r.ReadAt(head, 0); err == nil && bytes.Equal(head, oleMagic) {
		return fileErr(path, nil, "这是加密（设了打开密码）的工作簿或旧版 .xls 文件，请在 Excel 中取消密码并另存为 .xlsx（encrypted workbook or old .xls: remove the password and save as .xlsx）")
	}
	return nil
}

// checkZip refuses a workbook from its central directory alone, before
// anything is decompressed. archive/zip fails a part that inflates beyond
// its declared size, so the declared sizes can be trusted.
func checkZip(path string, zr *zip.Reader, limit int64) error {
	if len(zr.File) > maxZipParts {
		return fileErr(path, nil, "工作簿内部文件数过多（%d 个），疑似恶意文件，已拒绝（too many zip parts: %d）", len(zr.File), len(zr.File))
	}
	var total uint64
	for _, z := range zr.File {
		u, c := z.UncompressedSize64, max(z.CompressedSize64, 1)
		if u >= bombMinSize && u/c > bombRatio {
			size := mb(int64(min(u, 1<<62)))
			return fileErr(path, nil, "疑似压缩炸弹：内部文件 %s 解压后 %s，压缩比超过 %d:1，已拒绝；若这确是正常工作簿，请用 Excel 打开后重新保存（zip bomb suspected: %s inflates to %s, ratio over %d:1）",
				z.Name, size, bombRatio, z.Name, size, bombRatio)
		}
		total += u
		if total > uint64(limit) {
			return fileErr(path, nil, "工作簿解压后超过上限 %s；请拆分文件，或在 config.yaml 中调高上限（workbook exceeds %s uncompressed）", mb(limit), mb(limit))
		}
	}
	return nil
}

// damaged explains a workbook that is not a readable zip. If Excel's lock
// file sits beside it, Excel is most likely still saving it: the run
// should skip it now and read it next time rather than reject it.
func damaged(path string, cause error) *Error {
	if excelLockExists(path) {
		e := fileErr(path, cause, "工作簿正在被 Excel 保存或打开（文件尚未写完），本次跳过，下次运行时会重试（the workbook is still being written by Excel; it will be retried on the next run）")
		e.Retry = true
		return e
	}
	return fileErr(path, cause, "文件已损坏或不是有效的 .xlsx 工作簿，请用 Excel 打开后重新保存（damaged or not an xlsx workbook: %v）", cause)
}

// excelLockExists looks for the owner files Excel, WPS and LibreOffice
// keep beside an open workbook. Excel replaces the first two characters
// of long names with "~$" and prefixes short ones, so both forms count.
func excelLockExists(path string) bool {
	dir, name := filepath.Split(path)
	names := []string{"~$" + name, ".~lock." + name + "#"}
	if r := []rune(name); len(r) > 2 {
		names = append(names, "~$"+string(r[2:]))
	}
	for _, n := range names {
		if _, err := os.Lstat(filepath.Join(dir, n)); err == nil {
			return true
		}
	}
	return false
}

func readWorkbook(f *File, zr *zip.Reader, lim Limits) error {
	b, err := openBook(zr, lim.XLSXBytes)
	if err != nil {
		return damaged(f.Path, err)
	}
	var more []string // later sheets that hold rows too
	for _, sheet := range b.sheets {
		if f.Sheet == "" {
			err = readSheet(f, b, sheet)
		} else {
			err = laterSheet(f, b, sheet, &more)
		}
		if err != nil {
			return err
		}
	}
	if f.Sheet == "" {
		return noHeader(f.Path, "任何工作表的")
	}
	if len(more) > 0 {
		return manySheets(f, more)
	}
	return nil
}

func noHeader(path, where string) *Error {
	return fileErr(path, nil, "在%s前 %d 行中找不到表头。表头行应至少有 %d 个列名，且包含「标题」或「内容」；可用的列名：%s（no header row found in the first %d rows）",
		where, headerScanRows, headerMinMatches, headerHint(), headerScanRows)
}

// manySheets refuses a workbook whose rows are spread over several
// sheets: reading one and dropping the others would lose entries without
// a trace, and which one the clerk meant cannot be guessed.
func manySheets(f *File, more []string) *Error {
	names := "'" + strings.Join(more, "'、'") + "'"
	return fileErr(f.Path, nil, "工作表 '%s' 和 %s 都有表头和数据行，qdoc 每个文件只读取一个工作表，为免漏登，整个文件未导入；请把所有行放到同一个工作表中，或把每个工作表另存为单独的文件放入 inbox/（sheets '%s' and %s both hold intake rows; only one sheet per file is read, so the file was not imported: put all rows in one sheet, or save each sheet as its own file in inbox/）",
		f.Sheet, names, f.Sheet, names)
}

// readSheet reads the sheet's rows into f if it has a header; a sheet
// without one (instructions, lists for drop-downs) is passed over.
func readSheet(f *File, b *book, sheet string) error {
	it, head, at, err := openSheet(f, b, sheet)
	if it == nil || err != nil || at < 0 {
		return err
	}
	defer it.rows.Close()
	f.Sheet, f.HeaderLine = sheet, at+1
	g, err := newGrid(f, head[at])
	if err != nil {
		return err
	}
	gr := newGridReader(f, g, g.letters)
	for i := at + 1; i < len(head); i++ {
		gr.add(i+1, head[i])
	}
	return it.rest(gr)
}

// laterSheet looks at a sheet after the one read: a header with data
// under it is added to more (the file will be refused); a header alone,
// as a copied template leaves it, is only a warning. It reads no further
// than the first data row, so a large sheet costs little.
func laterSheet(f *File, b *book, sheet string, more *[]string) error {
	it, head, at, err := openSheet(f, b, sheet)
	if it == nil || err != nil || at < 0 {
		return err
	}
	defer it.rows.Close()
	known := knownCols(head[at])
	for i := at + 1; i < len(head); i++ {
		if hasData(head[i], known) {
			*more = append(*more, sheet)
			return nil
		}
	}
	for {
		cells, ok, err := it.next(it.cells)
		if err != nil {
			return sheetErr(f.Path, sheet, err)
		}
		it.cells = cells
		if !ok {
			break
		}
		if hasData(cells, known) {
			*more = append(*more, sheet)
			return nil
		}
	}
	f.Warnings = append(f.Warnings, fmt.Sprintf("工作表 '%s' 也有表头（第 %d 行）但没有数据行，已忽略；只读取了工作表 '%s'", sheet, at+1, f.Sheet))
	return nil
}

// openSheet starts streaming a sheet and finds its header among the first
// rows: at is its index in head, or -1. A nil iterator means the sheet has
// no rows to stream (a chart sheet, or one excelize could not stream).
func openSheet(f *File, b *book, sheet string) (*sheetRows, [][]string, int, error) {
	rows, err := b.rows(sheet)
	if errors.Is(err, errNoSheet) {
		return nil, nil, -1, nil
	}
	if err != nil {
		return nil, nil, -1, damaged(f.Path, err)
	}
	it := &sheetRows{rows: rows, merges: loadMerges(rows.part)}
	head, err := it.head(headerScanRows)
	if err != nil {
		rows.Close()
		return nil, nil, -1, sheetErr(f.Path, sheet, err)
	}
	at := findHeader(head)
	if at < 0 {
		rows.Close()
		return nil, nil, -1, nil
	}
	return it, head, at, nil
}

// knownCols marks the columns of a header row that name a field.
func knownCols(header []string) []bool {
	known := make([]bool, len(header))
	for i, h := range header {
		known[i] = fieldOf(cleanText(h)) != ""
	}
	return known
}

// hasData reports whether a row has text under a known column: what the
// grid reader would take as a data row.
func hasData(cells []string, known []bool) bool {
	for i, c := range cells {
		if i < len(known) && known[i] && cleanText(c) != "" {
			return true
		}
	}
	return false
}

// sheetErr explains a sheet that cannot be read. A part that cannot be
// decompressed is a damaged file, as when excelize read it whole on
// opening; too many shared strings is a file too large; malformed XML is
// a sheet to re-save.
func sheetErr(path, sheet string, err error) *Error {
	var pe *partReadError
	if errors.As(err, &pe) {
		return damaged(path, pe.err)
	}
	var le *stringsLimitError
	if errors.As(err, &le) {
		return fileErr(path, err, "工作簿的共享字符串表超过上限 %s；请拆分文件，或在 config.yaml 中调高上限（%v）", mb(le.limit), err)
	}
	return fileErr(path, err, "工作表 '%s' 无法读取，请用 Excel 打开后重新保存（cannot read sheet %s: %v）", sheet, sheet, err)
}

// sheetRows streams a worksheet's rows, numbered as Excel numbers them.
// The iterator yields every row number, gaps included, so the count of
// Next calls is the row number.
type sheetRows struct {
	rows   *xlsxRows
	merges *merges
	line   int
	cells  []string // reused by rest, whose rows are not kept
}

// next returns the next row's cells, appended to reuse[:0].
func (s *sheetRows) next(reuse []string) ([]string, bool, error) {
	if !s.rows.Next() {
		return nil, false, errors.Join(s.rows.Error(), s.rows.xmlErr())
	}
	s.line++
	cells, err := s.rows.Columns(reuse)
	if err == nil {
		// A syntax error ends the row early; excelize would return what
		// it had read and stop, losing the rest of the sheet unsaid.
		err = s.rows.xmlErr()
	}
	if err != nil {
		return nil, false, err
	}
	s.merges.blank(s.line, cells)
	return cells, true, nil
}

func (s *sheetRows) head(n int) ([][]string, error) {
	var head [][]string
	for len(head) < n {
		cells, ok, err := s.next(nil)
		if err != nil || !ok {
			return head, err
		}
		head = append(head, cells)
	}
	return head, nil
}

func (s *sheetRows) rest(gr *gridReader) error {
	for {
		cells, ok, err := s.next(s.cells)
		if err != nil {
			return sheetErr(gr.f.Path, gr.f.Sheet, err)
		}
		if !ok {
			return nil
		}
		s.cells = cells
		gr.add(s.line, cells)
	}
}
