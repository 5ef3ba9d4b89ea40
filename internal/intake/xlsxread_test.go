package intake

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The reader's own tests. FuzzXLSXMatchesExcelize compares it with
// excelize on generated workbooks; these pin down what a clerk's file
// gives, and where the reader deliberately differs.

const header3 = `<row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c><c r="B1" t="inlineStr"><is><t>内容</t></is></c><c r="C1" t="inlineStr"><is><t>等级</t></is></c></row>`

func sheetXML(prefix string, rows ...string) string {
	ns := `xmlns="` + nsMain + `"`
	if prefix != "" {
		ns = `xmlns:` + strings.TrimSuffix(prefix, ":") + `="` + nsMain + `"`
	}
	p := prefix
	body := strings.Join(rows, "")
	if p != "" {
		body = strings.NewReplacer("<row", "<"+p+"row", "</row", "</"+p+"row", "<c ", "<"+p+"c ", "</c>", "</"+p+"c>",
			"<v>", "<"+p+"v>", "</v>", "</"+p+"v>", "<is>", "<"+p+"is>", "</is>", "</"+p+"is>", "<t>", "<"+p+"t>", "</t>", "</"+p+"t>").Replace(body)
	}
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<` + p + `worksheet ` + ns + `><` + p + `sheetData>` + body + `</` + p + `sheetData></` + p + `worksheet>`
}

func readBook(t *testing.T, o bookOpts, sheet, sst string) (*File, error) {
	t.Helper()
	var s []byte
	if sst != "" {
		s = []byte(sst)
	}
	p := writeBytes(t, t.TempDir(), "r.xlsx", buildBook(o, []byte(sheet), s, []string{"登记"}))
	return Read(p, Limits{})
}

func TestReadXLSXStringsAsExcelWritesThem(t *testing.T) {
	sst := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<sst xmlns="` + nsMain + `" count="4" uniqueCount="4">` +
		`<si><t>包装破损</t></si>` +
		// Rich text: the runs' text, without the phonetic guide.
		`<si><r><rPr><b/><sz val="11"/><color theme="1"/><rFont val="宋体"/><family val="3"/><charset val="134"/></rPr><t>客户</t></r>` +
		`<r><t xml:space="preserve"> 反映 </t></r><rPh sb="0" eb="2"><t>きゃく</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>` +
		`<si><t>a&amp;b &lt;c&gt; &#x4E2D;&#25991;_x000D_</t></si>` +
		`<si><t><![CDATA[<原样>]]></t></si>` +
		`</sst>`
	sheet := sheetXML("",
		header3,
		`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="inlineStr"><is><r><t>B</t></r><r><rPr><i/></rPr><t>级</t></r></is></c></row>`,
		`<row r="4"><c r="A4" t="s"><v> 2 </v></c><c r="B4" t="s"><v>3</v></c><c r="C4" t="str"><f>"A"</f><v>A</v></c></row>`,
		// No r attributes: the next row, the next column.
		`<row><c t="inlineStr"><is><t>第五行</t></is></c><c><v>46206</v></c><c t="b"><v>1</v></c></row>`)
	f, err := readBook(t, bookOpts{}, sheet, sst)
	if err != nil {
		t.Fatal(err)
	}
	got := ""
	for _, r := range f.Rows {
		got += fmt.Sprintf("%d:%s|%s|%s\n", r.Line, r.Values["title"], r.Values["content"], r.Values["class"])
	}
	want := "2:包装破损|客户 反映|B级\n4:a&b <c> 中文|<原样>|A\n5:第五行|46206|1\n"
	if got != want {
		t.Errorf("rows:\n%swant:\n%s", got, want)
	}
}

func TestReadXLSXPrefixedAndStrict(t *testing.T) {
	for _, o := range []bookOpts{{prefixed: true}, {strict: true}, {strict: true, prefixed: true}} {
		ns := nsMain
		if o.strict {
			ns = nsStrictMain
		}
		sheet := strings.ReplaceAll(sheetXML("x:", header3, `<row r="2"><c r="A2" t="inlineStr"><is><t>t</t></is></c><c r="B2" t="inlineStr"><is><t>c</t></is></c></row>`), nsMain, ns)
		f, err := readBook(t, o, sheet, "")
		if err != nil {
			t.Fatalf("%+v: %v", o, err)
		}
		if f.Sheet != "登记" || len(f.Rows) != 1 || f.Rows[0].Values["title"] != "t" || f.Rows[0].Values["content"] != "c" {
			t.Errorf("%+v: sheet %q rows %+v", o, f.Sheet, f.Rows)
		}
	}
}

// excelize stopped at malformed XML without a word, losing the rows after
// it; the reader refuses the sheet.
func TestReadXLSXMalformedSheet(t *testing.T) {
	rows := []string{header3, `<row r="2"><c r="A2" t="inlineStr"><is><t>t</t></is></c></row>`, `<row r="3"><c r="A3" t="inlineStr"><is><t>x&nbsp;</t></is></c></row>`, `<row r="4"><c r="A4" t="inlineStr"><is><t>lost</t></is></c></row>`}
	for name, sheet := range map[string]string{
		"entity":    sheetXML("", rows...),
		"truncated": sheetXML("", rows[:2]...)[:len(sheetXML("", rows[:2]...))-20],
		"mismatch":  strings.Replace(sheetXML("", rows[:2]...), "</row></sheetData>", "</rows></sheetData>", 1),
		"control":   strings.Replace(sheetXML("", rows[:2]...), "<t>t</t>", "<t>t\x01</t>", 1),
		"after":     strings.Replace(sheetXML("", rows[:2]...), "</worksheet>", "</worksheet><", 1),
	} {
		_, err := readBook(t, bookOpts{}, sheet, "")
		if err == nil || !strings.Contains(err.Error(), "工作表 '登记' 无法读取") || !strings.Contains(err.Error(), "XML syntax error") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// A part whose deflate stream or checksum is bad is a damaged workbook, as
// it was when excelize inflated every part on opening.
func TestReadXLSXDamagedPart(t *testing.T) {
	good := xlsxBytes(t, sheetData{"S", [][]any{{"标题", "内容", "等级"}, {"t", "c", "A"}}})
	for _, bad := range []string{"checksum", "deflate"} {
		data := rawPart(t, good, "xl/worksheets/sheet1.xml", bad)
		p := writeBytes(t, t.TempDir(), "d.xlsx", data)
		if e := readErr(t, p, Limits{}); !strings.Contains(e.Msg, "损坏") {
			t.Errorf("%s: %s", bad, e.Msg)
		}
	}
}

// rawPart rewrites a zip with one part's checksum wrong, or its deflate
// data cut short.
func rawPart(t *testing.T, data []byte, part, how string) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(t, err)
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, z := range zr.File {
		rc, err := z.OpenRaw()
		must(t, err)
		var raw bytes.Buffer
		_, err = raw.ReadFrom(rc)
		must(t, err)
		h := z.FileHeader
		if z.Name == part {
			switch how {
			case "checksum":
				h.CRC32 ^= 1
			case "deflate":
				body := raw.Bytes()
				raw.Reset()
				raw.Write(body[:len(body)/2])
				h.CompressedSize64 = uint64(raw.Len())
			}
		}
		w, err := zw.CreateRaw(&h)
		must(t, err)
		_, err = w.Write(raw.Bytes())
		must(t, err)
	}
	must(t, zw.Close())
	return b.Bytes()
}

func TestReadXLSXWithoutWorkbookPart(t *testing.T) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	must(t, err)
	_, err = w.Write([]byte(sheetXML("", header3)))
	must(t, err)
	must(t, zw.Close())
	p := writeBytes(t, t.TempDir(), "w.xlsx", b.Bytes())
	if e := readErr(t, p, Limits{}); !strings.Contains(e.Msg, "损坏") {
		t.Errorf("msg = %s", e.Msg)
	}
}

// The shared strings are held in memory: a table that would take more
// than the workbook limit is refused, though its part is within it.
func TestReadXLSXSharedStringsLimit(t *testing.T) {
	var sst strings.Builder
	sst.WriteString(`<sst xmlns="` + nsMain + `">`)
	for range 6000 {
		sst.WriteString("<si/>")
	}
	sst.WriteString("</sst>")
	sheet := sheetXML("", `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`)
	p := writeBytes(t, t.TempDir(), "s.xlsx", buildBook(bookOpts{}, []byte(sheet), []byte(sst.String()), []string{"S"}))
	if e := readErr(t, p, Limits{XLSXBytes: 64 << 10}); !strings.Contains(e.Msg, "共享字符串") || !strings.Contains(e.Msg, "0.1 MB") {
		t.Errorf("msg = %s", e.Msg)
	}
	if _, err := Read(p, Limits{}); err == nil || !strings.Contains(err.Error(), "找不到表头") {
		t.Errorf("within the default limit: %v", err)
	}
}

func TestCellNameToCoordinatesMatchesExcelize(t *testing.T) {
	names := []string{"A1", "a1", "$A$1", "XFD1048576", "XFE1", "A1048577", "AA10", "A0", "1A", "A", "", "$1", "A+1", "A-1", "A 1",
		"A1B2", "AAAA1", "表1", "A$1", "$$A1", "A01", "A99999999999999999999", "zz3", "\xff1", "Aé1"}
	for _, n := range names {
		c, r, err := cellNameToCoordinates([]byte(n))
		wc, wr, werr := excelize.CellNameToCoordinates(n)
		if (err != nil) != (werr != nil) || err == nil && (c != wc || r != wr) {
			t.Errorf("%q: (%d, %d, %v), excelize (%d, %d, %v)", n, c, r, err, wc, wr, werr)
		}
	}
}

func TestAtoiMatchesStrconv(t *testing.T) {
	for _, s := range []string{"0", "-0", "+7", "-", "+", "", "12a", "007", " 1", "999999999999999999", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1_000"} {
		n, err := atoi([]byte(s))
		wn, werr := strconv.Atoi(s)
		if n != wn || (err != nil) != (werr != nil) {
			t.Errorf("%q: %d %v, strconv %d %v", s, n, err, wn, werr)
		}
	}
}

func TestBstrUnmarshal(t *testing.T) {
	for in, want := range map[string]string{
		"plain": "plain", "_x000D_": "\r", "a_x0041_b": "aAb", "_x005F_x0041_": "_x0041_", "_x005f_": "_",
		"_xD800_": "", "_x00e9__x00E9_": "éé", "_x41_": "_x41_", "_X0041_": "_X0041_", "__x0041_": "_A", "_x004": "_x004",
	} {
		if got := string(bstrUnmarshal(nil, []byte(in))); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

func TestReadXLSXDeepNesting(t *testing.T) {
	// encoding/xml refuses to decode an element nested over 10,000 deep;
	// excelize then kept the cell without its value.
	deep := strings.Repeat("<x>", 10001) + `<c t="inlineStr"><is><t>deep</t></is></c>` + strings.Repeat("</x>", 10001)
	sheet := sheetXML("", header3, `<row r="2"><c r="A2" t="inlineStr"><is><t>t</t></is></c>`+deep+`<c r="B2" t="inlineStr"><is><t>c</t></is></c></row>`)
	compareBooks(t, buildBook(bookOpts{}, []byte(sheet), nil, []string{"S"}))
}
