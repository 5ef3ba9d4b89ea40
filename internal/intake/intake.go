// Package intake reads quality-information intake files — the clerk's Excel
// register (xlsx), CSV exports (UTF-8 or GBK) and YAML lists — into raw rows
// that remember where each value came from, and writes the clerk-facing
// rejection workbook. It locates the header and columns and extracts text;
// it does not judge values (internal/record does).
package intake

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

// Limits caps what Read will take in, so a hostile or accidental huge file
// is refused before it is decompressed or parsed. Zero means the default.
type Limits struct {
	XLSXBytes int64 // uncompressed size of an xlsx workbook (all zip entries)
	TextBytes int64 // size of a csv or yaml file
}

// Default limits, as the issue states them (64 MB xlsx, 16 MB text).
const (
	DefaultXLSXBytes = 64 << 20
	DefaultTextBytes = 16 << 20
)

func (l Limits) withDefaults() Limits {
	if l.XLSXBytes <= 0 {
		l.XLSXBytes = DefaultXLSXBytes
	}
	if l.TextBytes <= 0 {
		l.TextBytes = DefaultTextBytes
	}
	return l
}

// Row is one data row of an intake file.
type Row struct {
	// Line is the row number as Excel shows it (xlsx, and csv opened in
	// Excel — equal to the text line unless a cell holds a line break), or
	// the line of the list item (yaml). 1-based.
	Line int
	// Values maps English field keys to raw text, trimmed, control
	// characters removed. Blank fields are absent.
	Values map[string]string
	// Cols maps each field the source has a place for to that place: the
	// column letter (xlsx), header text (csv), or key as written (yaml).
	// For xlsx and csv the map is shared by all rows of a file: read only.
	Cols map[string]string
}

// File is an intake file read into rows.
type File struct {
	Path, Name string   // Name is the base name
	Kind       string   // "xlsx", "csv", "yaml"
	Sheet      string   // xlsx: the sheet used
	HeaderLine int      // row (xlsx, csv) or line (yaml) of the header / entries key
	Rows       []Row    // data rows; fully blank rows are skipped
	Warnings   []string // things ignored, in Chinese, each naming the place
	Encoding   string   // csv: "UTF-8", "UTF-8 BOM" or "GBK"
	RowCount   int      // data rows read, whether kept in Rows or handed to a sink

	// sink, when set (ReadEach), receives each row instead of Rows, so a
	// 100,000-row register is read in bounded memory.
	sink func(Row)

	// grid describes the columns of an xlsx or csv file, so the reject
	// report can put every value back where the clerk typed it.
	grid *grid
}

// Error is a whole-file error: the file cannot be taken in at all. Msg is
// plain Chinese with the English after it, and says what to do.
type Error struct {
	Path  string
	Msg   string
	Retry bool  // the file is still being written (Excel has it open); try again next run
	Err   error // the underlying cause, if any, for errors.Is
}

func (e *Error) Error() string { return e.Path + ": " + e.Msg }

func (e *Error) Unwrap() error { return e.Err }

func fileErr(path string, cause error, format string, args ...any) *Error {
	return &Error{Path: path, Msg: fmt.Sprintf(format, args...), Err: cause}
}

// kinds maps file extensions (lower case) to the reader kind.
var kinds = map[string]string{".xlsx": "xlsx", ".csv": "csv", ".yaml": "yaml", ".yml": "yaml"}

// Read reads one intake file into memory. Any failure is an *Error.
func Read(path string, lim Limits) (*File, error) { return read(path, lim, nil) }

// ReadEach reads one intake file, handing each data row to fn in order
// instead of keeping it: memory stays bounded however many rows it has.
// The returned File has no Rows. Any failure is an *Error.
func ReadEach(path string, lim Limits, fn func(Row)) (*File, error) { return read(path, lim, fn) }

func (f *File) emit(r Row) {
	f.RowCount++
	if f.sink != nil {
		f.sink(r)
		return
	}
	f.Rows = append(f.Rows, r)
}

// total is the number of data rows the file has, kept or not.
func (f *File) total() int { return max(f.RowCount, len(f.Rows)) }

func read(path string, lim Limits, sink func(Row)) (*File, error) {
	lim = lim.withDefaults()
	kind := kinds[strings.ToLower(filepath.Ext(path))]
	if kind == "" {
		return nil, fileErr(path, nil, "不是登记文件，只接受 .xlsx、.csv、.yaml（not an intake file: use .xlsx, .csv or .yaml）")
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, fileErr(path, err, "无法读取文件，请确认文件存在且有读取权限（cannot read the file: %v）", err)
	}
	if !st.Mode().IsRegular() {
		return nil, fileErr(path, nil, "不是普通文件（not a regular file）")
	}
	f := &File{Path: path, Name: filepath.Base(path), Kind: kind, sink: sink}
	switch kind {
	case "xlsx":
		err = readXLSX(f, st.Size(), lim)
	case "csv":
		err = readCSV(f, st.Size(), lim)
	default:
		err = readYAML(f, st.Size(), lim)
	}
	if err != nil {
		return nil, err
	}
	return f, nil
}

// cleanText trims a value and drops control characters other than line
// feed and tab: they come from copy-paste out of other systems, are
// invisible in Excel, and would break the ledger's XML or a PDF.
func cleanText(s string) string {
	if strings.IndexFunc(s, isJunk) >= 0 {
		s = strings.Map(func(r rune) rune {
			if isJunk(r) {
				return -1
			}
			return r
		}, s)
	}
	return strings.TrimSpace(s)
}

func isJunk(r rune) bool {
	return r != '\n' && r != '\t' && (unicode.IsControl(r) || r == '\uFEFF')
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

func tooLarge(path string, size, limit int64) *Error {
	return fileErr(path, nil, "文件过大（%s），超过上限 %s；请拆分文件，或在 config.yaml 中调高上限（file too large: %s, limit %s）",
		mb(size), mb(limit), mb(size), mb(limit))
}
