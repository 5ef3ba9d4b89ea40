package ledger

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"sync"
)

// The ledger's xlsx package is the frame excelize writes, a workbook with
// every setting and no entry rows, copied part by part into a new zip, with
// the rows written into the sheet part on the way and the auto-filter set
// over them. So the rows go straight from the entries into the deflate
// stream, and memory stays flat however many there are.

// The frame's parts that the rows change. excelize.NewFile names its first
// sheet's part sheet1.xml whatever the sheet is later called.
const (
	sheetPart    = "xl/worksheets/sheet1.xml"
	workbookPart = "xl/workbook.xml"
)

// sheetDataEnd is where the rows go in the frame's sheet XML. Text in the
// XML is escaped, so the tag cannot come from a title or a label.
const sheetDataEnd = "</sheetData>"

// rowsFunc writes the entry rows to w and returns how many it wrote.
type rowsFunc func(w *bufio.Writer) (int, error)

// writePackage writes the frame to w with the rows in its sheet. The parts
// keep the frame's order (excelize writes the sheet first), except that
// workbook.xml, whose filter range needs the row count, comes after the
// sheet should the frame list it before. An error from rows is returned as
// is.
func writePackage(w io.Writer, fr *frame, rows rowsFunc) error {
	zr, err := zip.NewReader(bytes.NewReader(fr.zip), int64(len(fr.zip)))
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, fastDeflate)
	n, sheetDone := 0, false
	var workbook *zip.File
	for _, zf := range zr.File {
		switch {
		case zf.Name == sheetPart:
			if n, err = writeSheet(zw, zf, fr, rows); err != nil {
				return err
			}
			sheetDone = true
			if workbook != nil {
				err = writeWorkbook(zw, workbook, fr, n)
			}
		case zf.Name == workbookPart && !sheetDone:
			workbook = zf
		case zf.Name == workbookPart:
			err = writeWorkbook(zw, zf, fr, n)
		default:
			err = zw.Copy(zf)
		}
		if err != nil {
			return err
		}
	}
	if !sheetDone {
		return fmt.Errorf("FM-31 ledger: excelize wrote no %s", sheetPart)
	}
	return zw.Close()
}

// writeSheet writes the sheet part: the frame's XML up to the end of its
// rows, the entry rows, and the rest with the filter over them.
func writeSheet(zw *zip.Writer, zf *zip.File, fr *frame, rows rowsFunc) (int, error) {
	xml, err := readPart(zf)
	if err != nil {
		return 0, err
	}
	head, tail, ok := bytes.Cut(xml, []byte(sheetDataEnd))
	if !ok {
		return 0, fmt.Errorf("FM-31 ledger: no %s in excelize's %s", sheetDataEnd, zf.Name)
	}
	filter := func(rows int) string { return `<autoFilter ref="` + fr.filterRef(rows) + `"` }
	if err := checkOnce(tail, filter(0), zf.Name); err != nil {
		return 0, err
	}
	pw, err := zw.Create(zf.Name)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriterSize(pw, 64<<10)
	bw.Write(head)
	n, err := rows(bw)
	if err != nil {
		return n, err
	}
	bw.WriteString(sheetDataEnd)
	bw.Write(bytes.Replace(tail, []byte(filter(0)), []byte(filter(n)), 1))
	return n, bw.Flush()
}

// writeWorkbook writes workbook.xml with the _xlnm._FilterDatabase defined
// name, which Excel wants to match the sheet's auto-filter, over n rows.
func writeWorkbook(zw *zip.Writer, zf *zip.File, fr *frame, n int) error {
	xml, err := readPart(zf)
	if err != nil {
		return err
	}
	name := func(rows int) string { return "!" + fr.filterRef(rows) + "</definedName>" }
	if err := checkOnce(xml, name(0), zf.Name); err != nil {
		return err
	}
	pw, err := zw.Create(zf.Name)
	if err != nil {
		return err
	}
	_, err = pw.Write(bytes.Replace(xml, []byte(name(0)), []byte(name(n)), 1))
	return err
}

func readPart(zf *zip.File) ([]byte, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(rc)
	return b, errors.Join(err, rc.Close())
}

// checkOnce makes sure the text to be patched is where it is expected, so
// that an excelize upgrade writing it differently fails here rather than
// giving a ledger whose filter stops at the header.
func checkOnce(b []byte, s, part string) error {
	if n := bytes.Count(b, []byte(s)); n != 1 {
		return fmt.Errorf("FM-31 ledger: %q found %d times in excelize's %s, want once", s, n, part)
	}
	return nil
}

// fastDeflate compresses the parts written here at flate.BestSpeed rather
// than archive/zip's level 5. Deflate is most of the time it takes to write
// a ledger; BestSpeed takes about a third less time for a file about 40%
// larger (10,000 entries: 1.3 MB instead of 0.9 MB), which nobody notices.
// Writers are pooled: each holds about a megabyte of tables, and fresh
// memory is slow to fault in.
func fastDeflate(w io.Writer) (io.WriteCloser, error) {
	if fw, ok := flateWriters.Get().(*flate.Writer); ok {
		fw.Reset(w)
		return pooledFlate{fw}, nil
	}
	fw, err := flate.NewWriter(w, flate.BestSpeed)
	return pooledFlate{fw}, err
}

var flateWriters sync.Pool

// pooledFlate returns its writer to the pool when closed.
type pooledFlate struct{ *flate.Writer }

func (p pooledFlate) Close() error {
	err := p.Writer.Close()
	flateWriters.Put(p.Writer)
	return err
}
