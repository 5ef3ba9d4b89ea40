package intake

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"
	"unicode/utf16"
)

// book is an open workbook: the sheet list and where each sheet's rows
// are, found as excelize v2.11.1 finds them (OpenReader, GetSheetList,
// Rows), and the shared strings, read once when a row first needs them.
//
// Unlike excelize it does not read every part into memory on opening: a
// part is read when needed, and a worksheet is streamed. What follows
// from that, and the other deliberate differences:
//   - Malformed XML in a worksheet is an error (see xlsxRows), where
//     excelize ended the sheet silently.
//   - Parts the rows do not depend on (styles, theme, calcChain, docProps,
//     pictures) are not read, so damage there no longer refuses the
//     workbook; nor does an unparsable attribute in workbook.xml outside
//     <sheets>, which excelize decoded whole.
//   - A part that is read and fails its checksum is damaged; excelize
//     ignored checksums.
//   - The shared strings are decoded strictly however large (excelize
//     switched to a lenient reader above 16 MB), and refused if the table
//     would take more memory than the workbook limit.
//   - Strict name-space URLs are translated in workbook.xml and the rels
//     as excelize does, but in shared strings only where they are a name
//     space: excelize also rewrote them inside cell text.
//   - Of two sheet names equal but for case (which Excel does not allow)
//     the exact match wins; excelize picked one at random.
type book struct {
	parts    map[string]*zip.File // by name, \ read as /; a later duplicate wins
	sheets   []string             // GetSheetList: workbook order, hidden sheets too
	sheetMap map[string]string    // sheet name → worksheet part (getSheetMap)

	sstPart *zip.File
	limit   int64
	sst     []string
	sstErr  error
	sstRead bool
}

// Name spaces, with excelize's Strict-to-Transitional translation
// (namespaceStrictToTransitional): a Strict OOXML workbook reads as the
// Transitional one.
const (
	nsRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	relOfficeDoc    = nsRelationships + "/officeDocument"
)

var strictToTransitional = strings.NewReplacer(
	// The longer Strict names first, so that a prefix of one does not
	// translate it wrongly (excelize's order is a map's, so random).
	"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument", relOfficeDoc,
	"http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
	"http://purl.oclc.org/ooxml/officeDocument/relationships/comments", nsRelationships+"/comments",
	"http://purl.oclc.org/ooxml/officeDocument/relationships/chart", nsRelationships+"/chart",
	"http://purl.oclc.org/ooxml/officeDocument/relationships/image", nsRelationships+"/image",
	"http://purl.oclc.org/ooxml/officeDocument/relationships", nsRelationships,
	"http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
	"http://purl.oclc.org/ooxml/officeDocument/extendedProperties", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
	"http://purl.oclc.org/ooxml/drawingml/main", "http://schemas.openxmlformats.org/drawingml/2006/main",
	nsStrictMain, nsMain,
)

// The parts of excelize's xlsxRelationships, xlsxWorkbook and xlsxTypes
// that the rows depend on, with the same tags.
type (
	xmlRels struct {
		XMLName xml.Name `xml:"http://schemas.openxmlformats.org/package/2006/relationships Relationships"`
		Rels    []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:",attr"`
			Type   string `xml:",attr"`
		} `xml:"Relationship"`
	}
	xmlWorkbook struct {
		XMLName xml.Name `xml:"http://schemas.openxmlformats.org/spreadsheetml/2006/main workbook"`
		Sheets  struct {
			Sheet []struct {
				Name    string `xml:"name,attr,omitempty"`
				SheetID int    `xml:"sheetId,attr,omitempty"`
				ID      string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
			} `xml:"sheet"`
		} `xml:"sheets"`
	}
	xmlContentTypes struct {
		XMLName   xml.Name   `xml:"http://schemas.openxmlformats.org/package/2006/content-types Types"`
		Defaults  []struct{} `xml:"Default"`
		Overrides []struct{} `xml:"Override"`
	}
)

// openBook reads the workbook's sheet list. An error means the workbook
// is damaged: excelize refuses it too.
func openBook(zr *zip.Reader, limit int64) (*book, error) {
	b := &book{parts: map[string]*zip.File{}, limit: limit}
	for _, z := range zr.File {
		name := strings.ReplaceAll(z.Name, `\`, "/")
		switch strings.ToLower(name) {
		case "[content_types].xml":
			name = "[Content_Types].xml"
		case "xl/sharedstrings.xml":
			name, b.sstPart = "xl/sharedStrings.xml", z
		}
		b.parts[name] = z
	}
	wbPath := b.workbookPath()
	var wb xmlWorkbook
	if err := b.decode(wbPath, &wb); err != nil {
		return nil, err // io.EOF too: no workbook
	}
	relsPath := "_rels/" + path.Base(wbPath) + ".rels"
	if dir := path.Dir(wbPath); dir != "." {
		relsPath = strings.TrimPrefix(dir+"/_rels/"+path.Base(wbPath)+".rels", "/")
	}
	var rels xmlRels
	if err := b.decode(relsPath, &rels); err != nil && err != io.EOF {
		return nil, err
	}
	b.sheetMap = map[string]string{}
	for _, s := range wb.Sheets.Sheet {
		b.sheets = append(b.sheets, s.Name)
		for _, r := range rels.Rels {
			if p := worksheetPath(wbPath, r.Target); r.ID == s.ID && b.parts[p] != nil {
				b.sheetMap[s.Name] = p
			}
		}
	}
	return b, nil
}

// workbookPath is the officeDocument target of the package's
// relationships (excelize's getWorkbookPath); "" if there is none.
func (b *book) workbookPath() string {
	var rels xmlRels
	if b.decode("_rels/.rels", &rels) != nil {
		return ""
	}
	for _, r := range rels.Rels {
		if r.Type == relOfficeDoc {
			return strings.TrimPrefix(r.Target, "/")
		}
	}
	return ""
}

// worksheetPath resolves a relationship target of the workbook part
// (excelize's getWorksheetPath, on a system with / paths).
func worksheetPath(wbPath, target string) string {
	p := path.Dir(wbPath) + "/" + target
	if strings.HasPrefix(target, "/") {
		p = target
	}
	return strings.TrimPrefix(strings.ReplaceAll(path.Clean(p), `\`, "/"), "/")
}

// decode reads a small part with encoding/xml as excelize does: Strict
// name spaces translated, a missing or empty part io.EOF.
func (b *book) decode(name string, v any) error {
	z := b.parts[name]
	if z == nil {
		return io.EOF
	}
	rc, err := z.Open()
	if err != nil {
		return &partReadError{err}
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxXMLPart))
	if err != nil {
		return &partReadError{err}
	}
	if bytes.Contains(data, []byte("purl.oclc.org")) {
		data = []byte(strictToTransitional.Replace(string(data)))
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charsetReader
	return d.Decode(v)
}

var errNoSheet = errors.New("sheet does not exist or cannot be streamed")

// rows starts streaming a sheet. It returns errNoSheet where excelize's
// Rows fails (a name Excel would not allow, a sheet without a worksheet
// part); the caller passes over such a sheet, as it did with excelize.
// Any other error means the part cannot be read.
func (b *book) rows(sheet string) (*xlsxRows, error) {
	p, ok := b.sheetPath(sheet)
	if !ok || !validSheetName(sheet) {
		return nil, errNoSheet
	}
	z := b.parts[p]
	rc, err := z.Open()
	if err != nil {
		return nil, &partReadError{err}
	}
	return &xlsxRows{sc: newXMLScanner(rc, nil), rc: rc, part: z, strings: b.sharedStrings}, nil
}

// sheetPath finds a sheet's part, its name matched without regard to
// case as excelize matches it. (excelize picks at random between two
// names that differ only in case; Excel does not allow them.)
func (b *book) sheetPath(sheet string) (string, bool) {
	if p, ok := b.sheetMap[sheet]; ok {
		return p, true
	}
	for _, name := range b.sheets {
		if p, ok := b.sheetMap[name]; ok && strings.EqualFold(name, sheet) {
			return p, true
		}
	}
	return "", false
}

// validSheetName is excelize's checkSheetName.
func validSheetName(name string) bool {
	n := 0
	for _, r := range name {
		n += utf16.RuneLen(r)
	}
	return name != "" && n <= 31 && !strings.HasPrefix(name, "'") && !strings.HasSuffix(name, "'") &&
		!strings.ContainsAny(name, `:\/?*[]`)
}

// sharedStrings reads the shared-strings table the first time a row asks
// for it, as excelize does, and fails the same way: a damaged table fails
// every row read; a damaged [Content_Types].xml, which excelize reads
// then to register the table, fails the first.
func (b *book) sharedStrings() ([]string, error) {
	if b.sstRead {
		return b.sst, b.sstErr
	}
	b.sstRead = true
	if b.sst, b.sstErr = b.readSST(); b.sstErr != nil {
		return nil, b.sstErr
	}
	var types xmlContentTypes
	if err := b.decode("[Content_Types].xml", &types); err != nil && err != io.EOF {
		return b.sst, err
	}
	return b.sst, nil
}

func (b *book) readSST() ([]string, error) {
	if b.sstPart == nil {
		return nil, nil
	}
	rc, err := b.sstPart.Open()
	if err != nil {
		return nil, &partReadError{err}
	}
	defer rc.Close()
	return parseSST(newXMLScanner(rc, nil), int64(min(b.sstPart.UncompressedSize64, 1<<62)), b.limit)
}
