package intake

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Strings in a workbook: the shared-strings table and inline strings.
// Both are an <si>/<is> element that excelize decodes into its xlsxSI
// struct with encoding/xml and reads with xlsxSI.String. The code here
// reads the same elements with the scanner and gives the same text and
// the same errors; the excelize types it follows are named on each part.

// siText is what xlsxSI.String reads from a decoded string item: the text
// of its last <t>, and of the last <t> in each rich-text run <r>. Phonetic
// runs (<rPh>) are decoded for their errors only: their text is not part
// of the value.
type siText struct {
	t    []byte
	tSet bool   // a <t> was met (xlsxSI.T != nil)
	runs []byte // the runs' text, in order
	cur  []byte // the element being read
	run  []byte
}

func (x *siText) reset() {
	x.t, x.tSet, x.runs = x.t[:0], false, x.runs[:0]
}

// value is xlsxSI.String: the text with _xHHHH_ escapes decoded, appended
// to dst.
func (x *siText) value(dst []byte) []byte {
	if len(x.runs) == 0 {
		return bstrUnmarshal(dst, x.t)
	}
	x.cur = append(append(x.cur[:0], x.t...), x.runs...)
	return bstrUnmarshal(dst, x.cur)
}

// decodeSI reads the element just started into x, as encoding/xml
// decodes xlsxSI: T *xlsxT `xml:"t"`, R []xlsxR `xml:"r"`,
// RPh []*xlsxPhoneticRun `xml:"rPh"`, PhoneticPr *xlsxPhoneticPr. A later
// <t> replaces an earlier one; runs add up, also over several <is> in one
// cell, which decode into the same struct.
func (s *xmlScanner) decodeSI(x *siText) error {
	for {
		switch s.next() {
		case tokNone:
			return s.endErr()
		case tokEnd:
			return nil
		case tokStart:
			var err error
			switch string(s.local()) {
			case "t":
				if err = s.checkDepth(); err == nil {
					x.tSet = true
					if x.cur, err = s.elemText(x.cur[:0]); err == nil {
						x.t = append(x.t[:0], x.cur...)
					}
				}
			case "r":
				err = s.decodeRun(x)
			case "rPh":
				err = s.decodePhoneticRun(x)
			case "phoneticPr":
				if err = s.checkDepth(); err == nil {
					err = s.attrsThenSkip(phoneticPrAttrs)
				}
			default:
				err = s.skip()
			}
			if err != nil {
				return err
			}
		}
	}
}

// decodeRun reads an <r> (xlsxR: RPr *xlsxRPr, T *xlsxT). A run that
// fails to decode is dropped from R, as encoding/xml drops a slice
// element; the error still ends the string item.
func (s *xmlScanner) decodeRun(x *siText) error {
	if err := s.checkDepth(); err != nil {
		return err
	}
	tSet := false
	x.run = x.run[:0]
	for {
		switch s.next() {
		case tokNone:
			return s.endErr()
		case tokEnd:
			if tSet {
				x.runs = append(x.runs, x.run...)
			}
			return nil
		case tokStart:
			var err error
			switch string(s.local()) {
			case "rPr":
				err = s.decodeRunProps()
			case "t":
				if err = s.checkDepth(); err == nil {
					tSet = true
					if x.cur, err = s.elemText(x.cur[:0]); err == nil {
						x.run = append(x.run[:0], x.cur...)
					}
				}
			default:
				err = s.skip()
			}
			if err != nil {
				return err
			}
		}
	}
}

// decodePhoneticRun reads an <rPh> (xlsxPhoneticRun: Sb, Eb uint32
// attributes, T string `xml:"t"`) for its errors.
func (s *xmlScanner) decodePhoneticRun(x *siText) error {
	if err := s.checkDepth(); err != nil {
		return err
	}
	if err := checkAttrs(s, phoneticRunAttrs); err != nil {
		return err
	}
	for {
		switch s.next() {
		case tokNone:
			return s.endErr()
		case tokEnd:
			return nil
		case tokStart:
			var err error
			if string(s.local()) == "t" {
				if err = s.checkDepth(); err == nil {
					x.cur, err = s.elemText(x.cur[:0])
				}
			} else {
				err = s.skip()
			}
			if err != nil {
				return err
			}
		}
	}
}

// decodeRunProps reads an <rPr> (xlsxRPr) for its errors: each property
// is an element whose attributes have Go types.
func (s *xmlScanner) decodeRunProps() error {
	if err := s.checkDepth(); err != nil {
		return err
	}
	for {
		switch s.next() {
		case tokNone:
			return s.endErr()
		case tokEnd:
			return nil
		case tokStart:
			var err error
			if kinds, ok := runPropAttrs[string(s.local())]; ok {
				if err = s.checkDepth(); err == nil {
					if kinds == nil && boolProps[string(s.local())] {
						err = s.decodeValBool()
					} else {
						err = s.attrsThenSkip(kinds)
					}
				}
			} else {
				err = s.skip()
			}
			if err != nil {
				return err
			}
		}
	}
}

// errAttrValBool is excelize's ErrAttrValBool.
var errAttrValBool = errors.New("unexpected child of attrValBool")

// decodeValBool reads a boolean run property (<b/>, <i val="0"/>) as
// excelize's attrValBool.UnmarshalXML does: a child element is an error;
// then the first val attribute, if any, must be empty or a strconv.ParseBool
// value, untrimmed.
func (s *xmlScanner) decodeValBool() error {
	var attrErr error
	for i := range s.spans {
		if string(s.attrLocal(i)) == "val" {
			if v := s.attrValue(i); len(v) > 0 {
				_, attrErr = strconv.ParseBool(string(v))
			}
			break
		}
	}
	for {
		switch s.next() {
		case tokNone:
			return s.endErr()
		case tokStart:
			return errAttrValBool
		case tokEnd:
			return attrErr
		}
	}
}

// attrsThenSkip decodes an element with typed attributes and no element
// fields: the attributes are checked, the content passed over.
func (s *xmlScanner) attrsThenSkip(kinds map[string]attrKind) error {
	if err := checkAttrs(s, kinds); err != nil {
		return err
	}
	return s.skip()
}

// attrKind is the Go type of an attribute field, which decides what
// encoding/xml refuses in it.
type attrKind uint8

const (
	attrInt attrKind = iota + 1
	attrUint32
	attrFloat
	attrBool
)

var (
	valInt   = map[string]attrKind{"val": attrInt}
	valFloat = map[string]attrKind{"val": attrFloat}
	// runPropAttrs are xlsxRPr's fields: attrValString (no check),
	// attrValInt, attrValFloat, xlsxColor, and attrValBool (nil here too,
	// but decoded by its own UnmarshalXML: boolProps).
	runPropAttrs = map[string]map[string]attrKind{
		"rFont": nil, "u": nil, "vertAlign": nil, "scheme": nil,
		"charset": valInt, "family": valInt, "sz": valFloat,
		"b": nil, "i": nil, "strike": nil, "outline": nil,
		"shadow": nil, "condense": nil, "extend": nil,
		"color": {"auto": attrBool, "indexed": attrInt, "theme": attrInt, "tint": attrFloat},
	}
	boolProps = map[string]bool{"b": true, "i": true, "strike": true, "outline": true,
		"shadow": true, "condense": true, "extend": true}
	phoneticRunAttrs = map[string]attrKind{"sb": attrUint32, "eb": attrUint32}
	phoneticPrAttrs  = map[string]attrKind{"fontId": attrInt}
	sstAttrs         = map[string]attrKind{"count": attrInt, "uniqueCount": attrInt}
	formulaAttrs     = map[string]attrKind{"aca": attrBool, "dt2D": attrBool, "dtr": attrBool,
		"del1": attrBool, "del2": attrBool, "ca": attrBool, "bx": attrBool, "si": attrInt}
)

// checkAttrs refuses an attribute value that encoding/xml cannot store in
// its field (copyValue): attributes match fields by local name, an empty
// value is zero, others are parsed after trimming spaces.
func checkAttrs(s *xmlScanner, kinds map[string]attrKind) error {
	for i := range s.spans {
		k := kinds[string(s.attrLocal(i))]
		raw := s.attrValue(i)
		if k == 0 || len(raw) == 0 || plainDigits(raw) && k != attrBool {
			continue
		}
		v := strings.TrimSpace(string(raw))
		var err error
		switch k {
		case attrInt:
			_, err = strconv.ParseInt(v, 10, strconv.IntSize)
		case attrUint32:
			_, err = strconv.ParseUint(v, 10, 32)
		case attrFloat:
			_, err = strconv.ParseFloat(v, 64)
		case attrBool:
			_, err = strconv.ParseBool(v)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// plainDigits reports a short run of decimal digits, which every numeric
// attribute type takes: the common case, checked without allocating.
func plainDigits(b []byte) bool {
	if len(b) > 9 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// bstrUnmarshal appends s to dst with Excel's _xHHHH_ escapes decoded, as
// excelize's bstrUnmarshal does: _x005F_ is an underscore, a surrogate
// code is dropped, matches do not overlap.
func bstrUnmarshal(dst, s []byte) []byte {
	first := bytes.Index(s, []byte("_x"))
	if first < 0 {
		return append(dst, s...)
	}
	cursor := 0
	for i := first; i+7 <= len(s); {
		if s[i] != '_' || s[i+1] != 'x' || s[i+6] != '_' || !isHex4(s[i+2:i+6]) {
			i++
			continue
		}
		dst = append(dst, s[cursor:i]...)
		if r, _ := strconv.ParseUint(string(s[i+2:i+6]), 16, 32); r == 0x5F {
			dst = append(dst, '_')
		} else if r < 0xD800 || r > 0xDFFF {
			dst = utf8.AppendRune(dst, rune(r))
		}
		i += 7
		cursor = i
	}
	return append(dst, s[cursor:]...)
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// Shared strings.

const (
	nsMain          = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsStrictMain    = "http://purl.oclc.org/ooxml/spreadsheetml/main"
	stringEntrySize = 16 // a string header: what each table entry costs beyond its text
)

// stringsLimitError is a shared-strings table that would take more memory
// than the workbook is allowed to unzip to.
type stringsLimitError struct{ limit int64 }

func (e *stringsLimitError) Error() string {
	return "shared strings table exceeds the " + mb(e.limit) + " limit"
}

// parseSST reads a shared-strings part as excelize's sharedStringsReader
// decodes it into xlsxSST: the first element must be <sst> in the
// spreadsheet name space (Strict taken as Transitional), count and
// uniqueCount must be integers, and any error anywhere in it fails the
// whole table. A part without any element is an empty table. Reading
// stops at the end of <sst>. The table's text and entries are bounded by
// limit bytes.
func parseSST(s *xmlScanner, sizeHint, limit int64) ([]string, error) {
	for {
		k := s.next()
		if k == tokNone {
			return nil, s.err
		}
		if k == tokStart {
			break
		}
	}
	if string(s.local()) != "sst" {
		return nil, fmt.Errorf("expected element type <sst> but have <%s>", s.local())
	}
	if ns := s.nsOf(s.name(), true); ns != nsMain && ns != nsStrictMain {
		return nil, fmt.Errorf("expected element <sst> in name space %s but have %q", nsMain, ns)
	}
	if err := checkAttrs(s, sstAttrs); err != nil {
		return nil, err
	}
	var (
		arena strings.Builder // all the text, one allocation
		ends  []int
		x     siText
		size  int64
		val   []byte
	)
	arena.Grow(int(min(sizeHint, limit)))
	for {
		switch s.next() {
		case tokNone:
			return nil, s.endErr()
		case tokEnd:
			all := arena.String()
			table := make([]string, len(ends))
			start := 0
			for i, end := range ends {
				table[i], start = all[start:end], end
			}
			return table, nil
		case tokStart:
			if string(s.local()) != "si" {
				if err := s.skip(); err != nil {
					return nil, err
				}
				continue
			}
			if err := s.checkDepth(); err != nil {
				return nil, err
			}
			x.reset()
			if err := s.decodeSI(&x); err != nil {
				return nil, err
			}
			val = x.value(val[:0])
			if size += int64(len(val)) + stringEntrySize; size > limit {
				return nil, &stringsLimitError{limit}
			}
			arena.Write(val)
			ends = append(ends, arena.Len())
		}
	}
}

// trimmedIndex is strconv.Atoi(strings.TrimSpace(v)) as excelize reads a
// shared-string index: a malformed one is 0.
func trimmedIndex(v []byte) int {
	n, _ := atoi(bytes.TrimSpace(v))
	return n
}
