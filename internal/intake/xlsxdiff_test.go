package intake

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The differential test: workbooks built byte by byte from the fuzz
// input, read by excelize (Rows/Columns with RawCellValue, as qdoc read
// them before) and by xlsxRows, must give the same sheets and the same
// rows, row by row, and fail at the same call.
//
// Known, deliberate differences are kept out of the inputs rather than
// tolerated in the comparison:
//   - Malformed XML: excelize ends the sheet silently; xlsxRows ends it
//     the same way and also reports the error (xmlErr), which is checked
//     against encoding/xml here.
//   - Strict name-space URLs inside text are rewritten by excelize (it
//     replaces them in the raw bytes of workbook.xml and sharedStrings.xml);
//     the generator never writes them in text.
//   - Two sheet names equal but for case: excelize picks either at random.

// choices turns fuzz bytes into generator decisions; past the end every
// decision is 0, so a short input makes a small workbook.
type choices struct {
	b    []byte
	i    int
	odds int // 1 in odds decisions is rare; 0: never
}

func (c *choices) n(k int) int {
	if c.i >= len(c.b) || k <= 1 {
		c.i++
		return 0
	}
	v := int(c.b[c.i]) % k
	c.i++
	return v
}

func (c *choices) more() bool { return c.i < len(c.b) }

// rare is a decision for faults and oddities, taken seldom enough (as the
// input sets) that most rows of a generated sheet are read before one of
// them fails.
func (c *choices) rare() bool { return c.odds > 0 && c.more() && c.n(c.odds) == 0 }

func (c *choices) pick(opts ...string) string { return opts[c.n(len(opts))] }

// bookOpts are the workbook-level variants: bits of the first choice.
type bookOpts struct {
	strict, prefixed, second, noTypes, absTarget, oddNames, hidden, declare bool

	badTypes string // a [Content_Types].xml that fails to decode
}

func optsOf(b byte) bookOpts {
	return bookOpts{strict: b&1 != 0, prefixed: b&2 != 0, second: b&4 != 0, noTypes: b&8 != 0,
		absTarget: b&16 != 0, oddNames: b&32 != 0, hidden: b&64 != 0, declare: b&128 == 0}
}

func (o bookOpts) mainNS() string {
	if o.strict {
		return nsStrictMain
	}
	return nsMain
}

func (o bookOpts) relNS() string {
	if o.strict {
		return "http://purl.oclc.org/ooxml/officeDocument/relationships"
	}
	return nsRelationships
}

// genText writes cell or string text: entities, character references,
// CDATA, escapes Excel writes (_xHHHH_), odd white space, Chinese.
func genText(c *choices, w *strings.Builder) {
	for k := c.n(5); k >= 0 && c.more(); k-- {
		switch c.n(16) {
		case 0:
			w.WriteString(c.pick("a", "标题", "内容 1", "46206", "-1.5E+3", "TRUE", "#N/A", "0", ""))
		case 1:
			w.WriteString(c.pick("&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#65;", "&#x4E2D;", "&#x1F600;", "&#9;", "&#10;", "&#13;"))
		case 2:
			w.WriteString(c.pick("<![CDATA[<b>&amp;]]>", "<![CDATA[]]>", "<![CDATA[ x\r\n]]>"))
		case 3:
			w.WriteString(c.pick(" ", "  ", "\t", "\n", "\r\n", "\r", " \n "))
		case 4:
			w.WriteString(c.pick("_x000D_", "_x0001_", "_x005F_x0041_", "_xD800_", "_x00e9_", "_x41_", "_X0041_", "_x004"))
		case 5:
			w.WriteString(c.pick("<!-- note -->", "<?pi x?>"))
			if c.rare() {
				w.WriteString(c.pick("&#xFFFE;", "&nbsp;", "]]>", "\x01", "&#0;", "&#x110000;"))
			}
		case 6:
			w.WriteString(c.pick("\u3000全角\u3000", "\ufeffbom", "e\u0301", "\U0001F600"))
		default:
			w.WriteString(c.pick("x", "y", "12", "3.25", "销售部", "2026-07-03", "A", " "))
		}
	}
}

// genT writes a <t> element, maybe with xml:space or a prefix.
func genT(c *choices, w *strings.Builder, p string) {
	attr := c.pick("", "", ` xml:space="preserve"`, ` xml:space="default"`)
	if c.n(6) == 0 {
		w.WriteString("<" + p + "t" + attr + "/>")
		return
	}
	w.WriteString("<" + p + "t" + attr + ">")
	genText(c, w)
	if c.n(8) == 0 {
		w.WriteString("<" + p + "x>nested</" + p + "x>")
		genText(c, w)
	}
	w.WriteString("</" + p + "t>")
}

// genSI writes the inside of a string item: plain text, rich-text runs
// (with run properties, some with values encoding/xml refuses), phonetic
// runs and properties.
func genSI(c *choices, w *strings.Builder, p string) {
	for k := c.n(4); k >= 0 && c.more(); k-- {
		switch c.n(9) {
		case 0, 1, 2:
			genT(c, w, p)
		case 3, 4, 5:
			w.WriteString("<" + p + "r>")
			if c.n(2) == 0 {
				w.WriteString("<" + p + "rPr>")
				for j := c.n(4); j >= 0; j-- {
					if c.rare() {
						w.WriteString(c.pick(`<sz val="big"/>`, `<b val="yes"/>`, `<color theme="x"/>`, `<family val="1.5"/>`, `<color tint="x"/>`))
						continue
					}
					w.WriteString(c.pick(`<b/>`, `<sz val="11"/>`, `<sz val=" 10.5 "/>`, `<color theme="1"/>`, `<color rgb="FFFF0000"/>`,
						`<rFont val="宋体"/>`, `<family val="2"/>`, `<charset val="134"/>`, `<scheme val="minor"/>`, `<i val="0"/>`,
						`<u/>`, `<vertAlign val="superscript"/>`, `<b val=" true "/>`, `<sz val=""/>`))
				}
				w.WriteString("</" + p + "rPr>")
			}
			if c.n(5) != 0 {
				genT(c, w, p)
			}
			if c.n(6) == 0 {
				genT(c, w, p)
			}
			w.WriteString("</" + p + "r>")
		case 6:
			attrs := c.pick(` sb="0" eb="1"`, ``, ` sb=" 2 " eb="3"`)
			if c.rare() {
				attrs = c.pick(` sb="x"`, ` eb="-1"`, ` sb="4294967296"`)
			}
			w.WriteString("<" + p + "rPh" + attrs + ">")
			genT(c, w, p)
			w.WriteString("</" + p + "rPh>")
		case 7:
			id := c.pick("1", "", " 2")
			if c.rare() {
				id = "x"
			}
			w.WriteString("<" + p + "phoneticPr fontId=\"" + id + "\" type=\"noConversion\"/>")
		default:
			w.WriteString(c.pick("<extLst/>", "<!-- c -->", "\n  ", "<foo><t>hidden</t></foo>"))
		}
	}
}

// genSST writes a shared-strings part.
func genSST(c *choices, o bookOpts) []byte {
	var w strings.Builder
	p := c.pick("", "", "x:")
	ns := o.mainNS()
	if c.rare() {
		ns = c.pick("urn:other", "", nsMain)
	}
	w.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	xmlns := `xmlns="` + ns + `"`
	if p != "" {
		xmlns = `xmlns:x="` + ns + `"`
	}
	counts := c.pick(` count="9" uniqueCount="9"`, ``)
	if c.rare() {
		counts = ` count="x"`
	}
	w.WriteString("<" + p + "sst " + xmlns + counts + ">")
	for k := c.n(12) + 1; k > 0 && c.more(); k-- {
		if c.n(10) == 0 {
			w.WriteString("<" + p + "si/>")
			continue
		}
		w.WriteString("<" + p + "si>")
		genSI(c, &w, p)
		w.WriteString("</" + p + "si>")
	}
	w.WriteString("</" + p + "sst>")
	return []byte(w.String())
}

func colName(n int) string {
	s, _ := excelize.ColumnNumberToName(n)
	return s
}

// genSheet writes a worksheet: rows with and without numbers, gaps,
// repeats and bad numbers; cells with and without references, of every
// type, with values, formulas and inline strings.
func genSheet(c *choices, o bookOpts) []byte {
	var w strings.Builder
	p := ""
	if o.prefixed || c.n(6) == 0 {
		p = "x:"
	}
	if o.declare {
		w.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + c.pick("\r\n", "\n", ""))
	}
	xmlns := `xmlns="` + o.mainNS() + `"`
	if p != "" {
		xmlns = `xmlns:x="` + o.mainNS() + `"`
	}
	w.WriteString("<" + p + "worksheet " + xmlns + ` xmlns:r="` + o.relNS() + `">`)
	w.WriteString(c.pick("", `<dimension ref="A1:C3"/>`, "\n  ", `<sheetViews><sheetView workbookViewId="0"/></sheetViews>`))
	if c.rare() {
		w.WriteString("<" + p + "sheetData/>")
	} else {
		w.WriteString("<" + p + "sheetData>")
		row := 0
		for k := c.n(40) + 1; k > 0 && c.more(); k-- {
			genRow(c, &w, p, &row)
		}
		w.WriteString("</" + p + "sheetData>")
	}
	w.WriteString(c.pick("", `<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>`, "\n"))
	if c.rare() {
		w.WriteString("<extLst><row r=\"90\"><c><v>late</v></c></row></extLst>")
	}
	w.WriteString("</" + p + "worksheet>")
	return []byte(w.String())
}

func genRow(c *choices, w *strings.Builder, p string, row *int) {
	*row++
	r := fmt.Sprint(*row)
	switch {
	case c.rare():
		r = c.pick("abc", "0", "-1", "1048577", " 3", "+3", "", "99999999999999999999", "3.0", "1048576")
	case c.rare():
		r = c.pick(fmt.Sprint(*row-1), fmt.Sprint(*row-2), "1")
	case c.n(6) == 0:
		*row += c.n(5) + 1
		r = fmt.Sprint(*row)
	case c.n(5) == 0:
		r = "" // no r: excelize counts on from the last row
	}
	attrs := ""
	if r != "" || c.n(4) == 0 {
		attrs = ` r="` + r + `"`
	}
	attrs += c.pick("", ` spans="1:3"`, ` ht="20" customHeight="1"`, ` hidden="1"`, ` s="2" customFormat="1"`)
	if c.n(16) == 0 {
		w.WriteString("<" + p + "row" + attrs + "/>")
		return
	}
	w.WriteString("<" + p + "row" + attrs + ">" + c.pick("", "", "\n   ", " "))
	col := 0
	for k := c.n(6); k >= 0 && c.more(); k-- {
		genCell(c, w, p, *row, &col)
	}
	w.WriteString("</" + p + "row>" + c.pick("", "", "\n", "<!-- r -->"))
}

func genCell(c *choices, w *strings.Builder, p string, row int, col *int) {
	*col++
	cp := p
	if c.rare() {
		cp = c.pick("", "y:", "x:")
	}
	var attrs strings.Builder
	switch {
	case c.rare():
		fmt.Fprintf(&attrs, ` r="%s"`, c.pick("a1", "$B$1", "A0", "1A", "AAAA1", "XFD1", "XFE1", "A1048577", "", "A+1", "B 1", "A1B2", "$1", "表1", "c2", "$b$2"))
	case c.n(5) == 0:
		*col += c.n(4) + 1
		fmt.Fprintf(&attrs, ` r="%s%d"`, colName(*col), row)
	case c.n(4) == 0:
		// no r: the next column
	default:
		fmt.Fprintf(&attrs, ` r="%s%d"`, colName(*col), row)
	}
	if c.n(3) == 0 {
		attrs.WriteString(c.pick(` s="1"`, ` s="0"`, ` s="12"`))
	}
	if c.rare() {
		attrs.WriteString(c.pick(` s=""`, ` s="x"`, ` s="-2"`, ` s=" 1"`))
	}
	t := c.pick("", "", "s", "s", "inlineStr", "inlineStr", "str", "n", "b", "e", "d", "bogus")
	if t != "" || c.n(6) == 0 {
		attrs.WriteString(` t="` + t + `"`)
	}
	if c.rare() {
		attrs.WriteString(c.pick(` x:r="C9"`, ` xmlns:y="`+nsMain+`"`, ` xmlns="urn:other"`, ` r="A1"`, ` t="s"`))
	}
	if c.n(16) == 0 {
		w.WriteString("<" + cp + "c" + attrs.String() + "/>")
		return
	}
	w.WriteString("<" + cp + "c" + attrs.String() + ">")
	for k := c.n(3); k >= 0 && c.more(); k-- {
		switch c.n(10) {
		case 0, 1, 2:
			w.WriteString("<" + cp + "v>")
			if t == "s" && c.n(3) != 0 {
				w.WriteString(c.pick("0", "1", "2", " 3 ", "+1", "-1", "x", "99", "", "007", "1e1"))
			} else {
				genText(c, w)
			}
			w.WriteString("</" + cp + "v>")
		case 3:
			fa := c.pick("", ` t="shared" ref="A1:A3" si="0"`, ` ca="1"`, ` dt2D=" true "`, ` si=" 2 "`)
			if c.rare() {
				fa = c.pick(` si="x"`, ` aca="maybe"`, ` bx="2"`)
			}
			w.WriteString("<" + cp + "f" + fa + ">SUM(A1:A2)</" + cp + "f>")
		case 4:
			w.WriteString("<" + cp + "f/>")
		case 5, 6, 7:
			w.WriteString("<" + cp + "is>")
			genSI(c, w, cp)
			w.WriteString("</" + cp + "is>")
		case 8:
			w.WriteString(c.pick(" ", "<!-- c -->", "\n"))
			if c.rare() {
				w.WriteString(c.pick("<extLst/>", "<foo><v>inner</v></foo>", "<c><v>nested</v></c>", "<row/>", "</sheetData>"))
			}
		default:
			genText(c, w)
		}
	}
	w.WriteString("</" + cp + "c>")
}

// corrupt damages a part at a place and in a way the choices pick, or
// leaves it.
func corrupt(c *choices, part []byte) []byte {
	if len(part) == 0 || !c.rare() {
		return part
	}
	at := (c.n(256)*256 + c.n(256)) % len(part)
	switch c.n(4) {
	case 0:
		return part[:at]
	case 1:
		junk := c.pick("<", "&", "</x>", "]]>", "\x00", "\xff", "<a", `"`, "&bogus;")
		return append(append(append([]byte{}, part[:at]...), junk...), part[at:]...)
	case 2:
		return append(append([]byte{}, part[:at]...), part[min(len(part), at+c.n(8)+1):]...)
	default:
		out := bytes.Clone(part)
		out[at] = byte(c.n(256))
		return out
	}
}

// buildBook zips a workbook around the sheet and shared-strings parts.
func buildBook(o bookOpts, sheet, sst []byte, names []string) []byte {
	wp, rel, wbNS := "", o.relNS(), o.mainNS()
	if o.prefixed {
		wp = "x:"
	}
	var wb strings.Builder
	wb.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	if wp != "" {
		fmt.Fprintf(&wb, `<x:workbook xmlns:x="%s" xmlns:r="%s">`, wbNS, rel)
	} else {
		fmt.Fprintf(&wb, `<workbook xmlns="%s" xmlns:r="%s">`, wbNS, rel)
	}
	wb.WriteString("<" + wp + "sheets>")
	for i, n := range names {
		state := ""
		if o.hidden && i == 0 {
			state = ` state="hidden"`
		}
		fmt.Fprintf(&wb, `<%ssheet name="%s" sheetId="%d"%s r:id="rId%d"/>`, wp, n, i+1, state, i+1)
	}
	wb.WriteString("</" + wp + "sheets></" + wp + "workbook>")

	relType := nsRelationships
	if o.strict {
		relType = "http://purl.oclc.org/ooxml/officeDocument/relationships"
	}
	var wr strings.Builder
	wr.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i := range names {
		target := fmt.Sprintf("worksheets/sheet%d.xml", i+1)
		if o.absTarget {
			target = "/xl/" + target
		}
		fmt.Fprintf(&wr, `<Relationship Id="rId%d" Type="%s/worksheet" Target="%s"/>`, i+1, relType, target)
	}
	fmt.Fprintf(&wr, `<Relationship Id="rId99" Type="%s/sharedStrings" Target="sharedStrings.xml"/></Relationships>`, relType)

	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	add := func(name string, data []byte) {
		w, _ := zw.Create(name)
		_, _ = w.Write(data)
	}
	if o.badTypes != "" {
		add("[Content_Types].xml", []byte(o.badTypes))
	} else if !o.noTypes {
		add("[Content_Types].xml", []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`))
	}
	add("_rels/.rels", []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="`+relType+`/officeDocument" Target="xl/workbook.xml"/></Relationships>`))
	add("xl/workbook.xml", []byte(wb.String()))
	add("xl/_rels/workbook.xml.rels", []byte(wr.String()))
	add("xl/worksheets/sheet1.xml", sheet)
	if len(names) > 1 {
		add("xl/worksheets/sheet2.xml", []byte(`<worksheet xmlns="`+wbNS+`"><sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c t="inlineStr"><is><t>second</t></is></c></row></sheetData></worksheet>`))
	}
	if sst != nil {
		add("xl/sharedStrings.xml", sst)
	}
	_ = zw.Close()
	return b.Bytes()
}

// diffBook builds a workbook from the fuzz input and compares the readers.
func diffBook(t *testing.T, prog, sheet, sst []byte) { compareBooks(t, genBook(prog, sheet, sst)) }

// genBook builds a workbook: prog drives the generator; a non-nil sheet
// or sst replaces the generated part with those bytes as they are.
func genBook(prog, sheet, sst []byte) []byte {
	c := &choices{b: prog}
	o := optsOf(byte(c.n(256)))
	c.odds = []int{0, 200, 60, 16}[c.n(4)]
	if c.rare() {
		o.badTypes = c.pick("<Types", `<Types xmlns="urn:x"/>`, "<Other/>", "")
	}
	names := []string{"Sheet1"}
	if o.oddNames {
		names[0] = c.pick("登记表", "a:b", "'q'", strings.Repeat("长", 32), "Sheet 1", "")
	}
	if o.second {
		names = append(names, c.pick("Other", "其他", "sheet1x"))
	}
	if sheet == nil {
		sheet = corrupt(c, genSheet(c, o))
	}
	if sst == nil && c.n(4) != 0 {
		sst = corrupt(c, genSST(c, o))
	}
	return buildBook(o, sheet, sst, names)
}

const diffMaxRows = 3000 // a sheet may jump to row 1,048,576: the first rows are enough

func compareBooks(t *testing.T, data []byte) {
	x, xerr := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue: true, UnzipSizeLimit: DefaultXLSXBytes, UnzipXMLSizeLimit: maxXMLPart,
	})
	if x != nil {
		defer x.Close()
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	b, berr := openBook(zr, DefaultXLSXBytes)
	if (xerr != nil) != (berr != nil) {
		t.Fatalf("open: excelize %v, ours %v", xerr, berr)
	}
	if xerr != nil {
		return
	}
	if got, want := fmt.Sprintf("%q", b.sheets), fmt.Sprintf("%q", x.GetSheetList()); got != want {
		t.Fatalf("sheets %s, excelize %s", got, want)
	}
	for _, sheet := range b.sheets {
		compareSheet(t, x, b, sheet, zr)
	}
}

func compareSheet(t *testing.T, x *excelize.File, b *book, sheet string, zr *zip.Reader) {
	xr, xerr := x.Rows(sheet)
	or, oerr := b.rows(sheet)
	if (xerr != nil) != (oerr != nil) {
		t.Fatalf("sheet %q: excelize Rows %v, ours %v", sheet, xerr, oerr)
	}
	if xerr != nil {
		return
	}
	defer xr.Close()
	defer or.Close()
	var reuse []string
	for i := 1; i <= diffMaxRows; i++ {
		xn, on := xr.Next(), or.Next()
		if xn != on {
			t.Fatalf("sheet %q row %d: excelize Next %v, ours %v (xml error %v)", sheet, i, xn, on, or.xmlErr())
		}
		if !xn {
			if (xr.Error() != nil) != (or.Error() != nil) {
				t.Fatalf("sheet %q end: excelize %v, ours %v", sheet, xr.Error(), or.Error())
			}
			break
		}
		xc, xcerr := xr.Columns()
		oc, ocerr := or.Columns(reuse)
		if (xcerr != nil) != (ocerr != nil) || fmt.Sprintf("%q", xc) != fmt.Sprintf("%q", oc) {
			if z := b.parts[b.sheetMap[sheet]]; z != nil && testing.Verbose() {
				rc, _ := z.Open()
				part, _ := io.ReadAll(rc)
				t.Logf("sheet part:\n%s", part)
			}
			t.Fatalf("sheet %q row %d:\nexcelize %q %v\nours     %q %v (xml error %v)", sheet, i, xc, xcerr, oc, ocerr, or.xmlErr())
		}
		if xcerr != nil {
			break // qdoc stops at a row's error
		}
		if i%2 == 0 {
			reuse = oc
		}
	}
	checkXMLErr(t, sheet, or, b.parts[b.sheetMap[sheet]])
}

// checkXMLErr holds the scanner's verdict on a sheet to encoding/xml's:
// where the scanner read the part to its end it must agree on whether the
// part is well formed, and an error it reports must be one encoding/xml
// finds too.
func checkXMLErr(t *testing.T, sheet string, or *xlsxRows, z *zip.File) {
	if z == nil || !or.sc.done && or.sc.err == nil {
		return
	}
	rc, err := z.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	data, _ := io.ReadAll(rc)
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charsetReader
	var goErr error
	for goErr == nil {
		_, goErr = d.Token()
	}
	if goFail := goErr != io.EOF; goFail != (or.sc.err != nil) {
		t.Fatalf("sheet %q: encoding/xml says %v, scanner %v", sheet, goErr, or.sc.err)
	}
}

// diffSeeds are programs for the generator: each byte a decision.
func diffSeeds() [][]byte {
	var seeds [][]byte
	for i := range 48 {
		p := make([]byte, 400+i*100)
		x := uint32(i*2654435761 + 1)
		for j := range p {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			p[j] = byte(x)
		}
		p[0] = byte(i * 37) // every workbook variant
		seeds = append(seeds, p)
	}
	return seeds
}

// rawSheets are hand-written worksheets for the cases generation reaches
// rarely.
var rawSheets = []string{
	`<worksheet xmlns="` + nsMain + `"><sheetData><row r="3"><c r="C3"><v>1</v></c></row><row r="3"><c r="A3"><v>2</v></c></row><row r="1"><c><v>3</v></c></row><row><c><v>4</v></c></row></sheetData></worksheet>`,
	`<worksheet xmlns="` + nsMain + `"><sheetData><row><c><v>1</v></c><c r="D1"><v>4</v></c><c><v>5</v></c></row><row r="abc"><c><v>x</v></c></row></sheetData></worksheet>`,
	`<worksheet xmlns="` + nsMain + `"><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c><c r="B2"><v>3</v></sheetData></worksheet>`,
	`<worksheet xmlns="` + nsMain + `"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><f>A1</f></c><c r="C1" t="str"><f>"x"</f><v>x</v></c></row></sheetData></worksheet>`,
	`<worksheet xmlns="` + nsMain + `"><sheetData/><row r="5"><c><v>after</v></c></row></worksheet>`,
	`<worksheet xmlns="` + nsMain + `"><sheetData><row r="1048576"><c><v>last</v></c></row><row><c><v>over</v></c></row></sheetData></worksheet>`,
	`<worksheet xmlns="` + nsMain + `"><sheetData><row r="2"><c r="B2" s="bad" t="inlineStr"><is><t>dropped</t></is></c><c r="C2" t="s" s="1"><v>0</v></c></row></sheetData></worksheet>`,
	`<worksheet xmlns="` + nsMain + `"><sheetData><row r="1"><c t="inlineStr"><is><r><rPr><sz val="x"/></rPr><t>a</t></r><r><t>b</t></r></is></c><c><v>z</v></c></row></sheetData></worksheet>`,
	`<worksheet xmlns="` + nsMain + `"><sheetData><row r="1"><c xmlns="urn:a"><v>1</v><c xmlns="urn:b"/><v>2</v></c><c><v>3</v></c></row></sheetData></worksheet>`,
	`<?xml version="1.0" encoding="gbk"?><worksheet xmlns="` + nsMain + `"><sheetData><row r="1"><c t="str"><v>` + "\xb1\xea\xcc\xe2" + `</v></c></row></sheetData></worksheet>`,
	"<worksheet><sheetData><row r=\"1\"><c t=\"str\"><v>a\r\nb</v></c></row></sheetData></worksheet>\x00",
	``,
}

var rawSSTs = []string{
	`<sst xmlns="` + nsMain + `"><si><t>a</t><t>b</t><r><t>c</t><t>d</t></r><rPh sb="0" eb="1"><t>ピン</t></rPh></si><si><r><t xml:space="preserve"> e </t></r></si></sst>`,
	`<sst xmlns="urn:wrong"><si><t>a</t></si></sst>`,
	`<sst xmlns="` + nsMain + `" count="x"><si><t>a</t></si></sst>`,
	`<sst xmlns="` + nsMain + `"><si><t>a</t></si></sst><garbage`,
	`<sst xmlns="` + nsMain + `"><si><t>a</t></si>`,
	`<!-- only a comment -->`,
	``,
}

func FuzzXLSXMatchesExcelize(f *testing.F) {
	for _, p := range diffSeeds() {
		f.Add(p, []byte(nil), []byte(nil))
	}
	for i, s := range rawSheets {
		f.Add([]byte{byte(i * 7)}, []byte(s), []byte(rawSSTs[i%len(rawSSTs)]))
	}
	f.Fuzz(func(t *testing.T, prog, sheet, sst []byte) {
		if len(sheet) == 0 {
			sheet = nil
		}
		if len(sst) == 0 {
			sst = nil
		}
		diffBook(t, prog, sheet, sst)
	})
}

func TestXLSXMatchesExcelize(t *testing.T) {
	for i, p := range diffSeeds() {
		t.Run(fmt.Sprint("gen", i), func(t *testing.T) { diffBook(t, p, nil, nil) })
	}
	for i, s := range rawSheets {
		for j, sst := range rawSSTs {
			t.Run(fmt.Sprint("raw", i, "-", j), func(t *testing.T) { diffBook(t, []byte{byte(i * 7)}, []byte(s), []byte(sst)) })
		}
	}
	// A damaged [Content_Types].xml fails the first row excelize reads.
	for _, types := range []string{"<Types", `<Types xmlns="urn:x"/>`, "<Other/>", " "} {
		compareBooks(t, buildBook(bookOpts{badTypes: types}, []byte(rawSheets[0]), []byte(rawSSTs[0]), []string{"A", "B"}))
	}
}
