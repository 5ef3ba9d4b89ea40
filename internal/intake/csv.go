package intake

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// csvDelimiters are tried in order; Excel on Chinese Windows writes commas,
// other locales semicolons, and tab-separated text is sometimes saved as .csv.
var csvDelimiters = []rune{',', ';', '\t'}

func readCSV(f *File, size int64, lim Limits) error {
	data, err := readCapped(f.Path, size, lim.TextBytes)
	if err != nil {
		return err
	}
	text, enc, err := decodeText(f.Path, data)
	if err != nil {
		return err
	}
	f.Encoding = enc
	for _, d := range csvDelimiters {
		if ok, err := readDelimited(f, text, d); ok || err != nil {
			return err
		}
	}
	return noHeader(f.Path, "文件")
}

// readCapped reads a whole text file, refusing it past limit. The size is
// checked before reading and again while reading, as the file may grow.
func readCapped(path string, size, limit int64) ([]byte, error) {
	if size > limit {
		return nil, tooLarge(path, size, limit)
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, fileErr(path, err, "无法打开文件（cannot open the file: %v）", err)
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, limit+1))
	if err != nil {
		return nil, fileErr(path, err, "读取文件出错（cannot read the file: %v）", err)
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(path, int64(len(data)), limit)
	}
	return data, nil
}

// decodeText finds the encoding without being told: a UTF-8 BOM, valid
// UTF-8, or else GBK, which is what Excel on Chinese Windows saves as "CSV
// (逗号分隔)". GBK decoding that yields replacement characters means the
// bytes were neither, and guessing further would store garbage.
func decodeText(path string, data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return "", "", fileErr(path, nil, "文件是 UTF-16（Unicode 文本）编码，请在 Excel 中另存为「CSV UTF-8（逗号分隔）」（UTF-16 text: save as CSV UTF-8）")
	case bytes.HasPrefix(data, utf8BOM) && utf8.Valid(data[3:]):
		return string(data[3:]), "UTF-8 BOM", nil
	case utf8.Valid(data):
		return string(data), "UTF-8", nil
	}
	out, err := simplifiedchinese.GBK.NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", "", fileErr(path, err, "无法识别文件编码（既不是 UTF-8 也不是 GBK），请在 Excel 中另存为「CSV UTF-8（逗号分隔）」（unknown text encoding: save as CSV UTF-8）")
	}
	return string(out), "GBK", nil
}

// csvRows reads records with the row number Excel shows for each: the text
// line, less the line breaks inside quoted cells before it (Excel shows a
// cell with a line break as one row).
type csvRows struct {
	r     *csv.Reader
	extra int // line breaks inside cells so far
	line  int
}

func newCSVRows(text string, delim rune) *csvRows {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = delim, true, -1
	return &csvRows{r: r}
}

func (c *csvRows) next() ([]string, bool, error) {
	rec, err := c.r.Read()
	if errors.Is(err, io.EOF) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	start, _ := c.r.FieldPos(0)
	c.line = start - c.extra
	for _, s := range rec {
		c.extra += strings.Count(s, "\n")
	}
	return rec, true, nil
}

// readDelimited reads text as delimited by d; ok is false when no header
// is found that way.
func readDelimited(f *File, text string, d rune) (ok bool, err error) {
	rows := newCSVRows(text, d)
	var head [][]string
	var lines []int
	for len(head) < headerScanRows {
		rec, more, err := rows.next()
		if err != nil {
			return false, csvErr(f.Path, rows, err)
		}
		if !more {
			break
		}
		head, lines = append(head, rec), append(lines, rows.line)
	}
	at := findHeader(head)
	if at < 0 {
		return false, nil
	}
	f.HeaderLine = lines[at]
	g, err := newGrid(f, head[at])
	if err != nil {
		return false, err
	}
	gr := newGridReader(f, g, g.headers)
	for i := at + 1; i < len(head); i++ {
		gr.add(lines[i], head[i])
	}
	return true, rows.rest(gr)
}

func (c *csvRows) rest(gr *gridReader) error {
	for {
		rec, more, err := c.next()
		if err != nil {
			return csvErr(gr.f.Path, c, err)
		}
		if !more {
			return nil
		}
		gr.add(c.line, rec)
	}
}

func csvErr(path string, c *csvRows, err error) *Error {
	return fileErr(path, err, "CSV 格式错误（约第 %d 行），请用 Excel 打开后重新另存为 CSV（malformed CSV: %v）", c.line+1, err)
}
