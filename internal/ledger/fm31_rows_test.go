package ledger

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qdoc/qdoc/internal/record"
)

// The entry rows are written by hand into excelize's frame; these tests
// check the result as a whole: excelize reads it, the filter covers exactly
// the rows, and every part is well-formed XML.

// writeSource writes a ledger from src and reopens it.
func writeSource(t *testing.T, src Source, want int) []byte {
	t.Helper()
	var buf bytes.Buffer
	n, err := WriteFM31(&buf, testOptions(), src)
	if err != nil {
		t.Fatal(err)
	}
	if n != want {
		t.Fatalf("rows = %d, want %d", n, want)
	}
	return buf.Bytes()
}

func TestFM31FilterOverRows(t *testing.T) {
	for _, n := range []int{0, 1, 300} { // 300 rows pass several buffer flushes
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			raw := writeSource(t, bigSource(n), n)
			f := openBytes(t, raw)
			rows, err := f.GetRows("质量信息台帐")
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 2+n {
				t.Fatalf("%d rows, want title + header + %d", len(rows), n)
			}
			if n > 0 && rows[len(rows)-1][0] != fmt.Sprint(n) {
				t.Errorf("last row's seq = %q", rows[len(rows)-1][0])
			}
			ref := fmt.Sprintf("$A$2:$S$%d", 2+n)
			assertDefinedName(t, f, "_xlnm._FilterDatabase", "'质量信息台帐'!"+ref)
			sheet := sheetXML(t, raw)
			if strings.Count(sheet, "<autoFilter ") != 1 || !strings.Contains(sheet, `<autoFilter ref="`+ref+`"`) {
				t.Errorf("sheet's auto-filter is not %s: %s", ref, sheet[strings.Index(sheet, "</sheetData>"):])
			}
			assertWellFormed(t, raw)
		})
	}
}

// Every row's height is the one its tallest wrapped cell needs.
func TestFM31EveryRowHeight(t *testing.T) {
	es := testEntries()
	es[0].Content = strings.Repeat("三行的内容", 8) // 80 units: 3 lines of 29
	es[1].Measures = "第一行\n第二行"
	f, _ := writeLedger(t, es)
	l, _ := LoadLayout("")
	for i, e := range es {
		lines := 1
		r := &rowCtx{e: e, seq: i + 1, opt: ptr(testOptions()), w: &l.Words}
		for _, c := range l.Columns {
			if c.Wrap {
				lines = max(lines, textLines(cellText(cellFuncs[c.Key](r)), c.Width))
			}
		}
		got, err := f.GetRowHeight("质量信息台帐", 3+i)
		if err != nil {
			t.Fatal(err)
		}
		if want := rowHeight(lines, l.FontSize); got != want {
			t.Errorf("row %d: height %v, want %v (%d lines)", 3+i, got, want, lines)
		}
	}
	if h, _ := f.GetRowHeight("质量信息台帐", 3); h != rowHeight(3, l.FontSize) {
		t.Errorf("three-line row height = %v", h)
	}
}

// Odd text reaches the cell as written, less what XML cannot hold, which
// becomes U+FFFD as excelize makes it; a date before 1900, which has no
// serial, is written as text as excelize writes it.
func TestFM31OddTextReadsBack(t *testing.T) {
	texts := []string{
		"=1+2", "<b>&amp;</b> \"q\" 'a'", " lead", "trail\t", "\r\nCRLF\r\n",
		"a\x00b\x0bc\x1fd", "\uFFFE\uFFFF", "bad\xffutf8\xe4\xb8", "😀 emoji",
		"_x0041_", "_x005F_x0041_", "_x0041_x0042_", "_xD800_", "]]>",
	}
	var es []*record.Entry
	for i, s := range texts {
		es = append(es, entry(i+1, s))
	}
	es[0].Received = time.Date(1899, 7, 1, 0, 0, 0, 0, time.UTC)
	f, raw := writeLedger(t, es)
	tc := col(t, "title")
	for i, s := range texts {
		cell := fmt.Sprintf("%s%d", tc, 3+i)
		if got := get(t, f, cell); got != sanitized(s) {
			t.Errorf("%s = %q, want %q", cell, got, sanitized(s))
		}
	}
	if got := get(t, f, col(t, "received")+"3"); got != "1899-07-01T00:00:00Z" {
		t.Errorf("date before 1900 = %q", got)
	}
	assertWellFormed(t, raw)
}

// Text over Excel's 32,767-character limit is cut there, in UTF-16 units
// as Excel counts, without splitting a character.
func TestFM31LongText(t *testing.T) {
	e1, e2 := entry(1, strings.Repeat("长", 40000)), entry(2, "a"+strings.Repeat("😀", 20000))
	f, _ := writeLedger(t, []*record.Entry{e1, e2})
	tc := col(t, "title")
	if got := get(t, f, tc+"3"); got != strings.Repeat("长", maxCellChars) {
		t.Errorf("CJK text cut to %d characters", utf8Len(got))
	}
	if got := get(t, f, tc+"4"); got != "a"+strings.Repeat("😀", (maxCellChars-1)/2) {
		t.Errorf("emoji text cut to %d characters", utf8Len(got))
	}
}

func utf8Len(s string) int { return len([]rune(s)) }

// An empty cell keeps its style, so its border prints.
func TestFM31EmptyDateCellKeepsBorder(t *testing.T) {
	f, _ := writeLedger(t, testEntries())
	st := style(t, f, col(t, "closed")+"9") // the open entry
	if st.Border == nil || len(st.Border) != 4 {
		t.Errorf("empty closed-date cell border = %v", st.Border)
	}
}

// Memory must not grow with the rows: the sheet is streamed, not buffered.
func TestFM31MemoryFlat(t *testing.T) {
	e := entry(1, "标题")
	e.Content = strings.Repeat("客户反映包装破损。", 20)
	same := func(n int) Source {
		return func(fn func(*record.Entry) error) error {
			for range n {
				if err := fn(e); err != nil {
					return err
				}
			}
			return nil
		}
	}
	alloc := func(n int) uint64 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		if _, err := WriteFM31(io.Discard, testOptions(), same(n)); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	alloc(10) // the first ledger fills the pools
	small, big := alloc(1000), alloc(11000)
	if perRow := (float64(big) - float64(small)) / 10000; perRow > 256 {
		t.Errorf("%.0f bytes allocated per row; a row's XML is over 1,000", perRow)
	}
}

// An error writing the file stops the ledger and is returned.
func TestFM31WriteError(t *testing.T) {
	boom := errors.New("disk full")
	_, err := WriteFM31(failWriter{boom}, testOptions(), bigSource(100))
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want %v", err, boom)
	}
}

type failWriter struct{ err error }

func (w failWriter) Write([]byte) (int, error) { return 0, w.err }

// assertWellFormed parses every XML part of the package.
func assertWellFormed(t *testing.T, raw []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(rc)
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s: %v", zf.Name, err)
				break
			}
		}
		rc.Close()
	}
}

// A sheet holds 1,048,576 rows; an entry past the last is an error, not a
// file Excel cannot open.
func TestFM31RowLimit(t *testing.T) {
	l, err := LoadLayout("")
	if err != nil {
		t.Fatal(err)
	}
	opt := testOptions()
	fr, err := newFrame(l, &opt)
	if err != nil {
		t.Fatal(err)
	}
	rw := newRowWriter(l, &opt, fr.styles)
	rw.x.w = bufio.NewWriter(io.Discard)
	rw.rows = excelize.TotalRows - headerRow - 1
	if err := rw.add(entry(1, "last row")); err != nil {
		t.Fatalf("the sheet's last row: %v", err)
	}
	if err := rw.add(entry(2, "one too many")); err == nil || !strings.Contains(err.Error(), "1048576") {
		t.Errorf("err = %v, want the row limit", err)
	}
}
