package pdftext

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Limits on what a hostile file can make the reader do.
const (
	maxStream   = 64 << 20  // bytes one stream may decode to
	maxDecoded  = 256 << 20 // bytes all streams may decode to together
	maxTreeNest = 64        // depth of the page tree
)

// doc is a parsed PDF: dictionaries and raw stream data by object number,
// streams decoded on first use.
type doc struct {
	dicts   map[int]string
	raw     map[int][]byte
	decoded map[int][]byte
	budget  int // bytes streams may still decode to
	root    int
	cmaps   map[int]map[uint16]string // ToUnicode by Type0 font object
}

var (
	objRe     = regexp.MustCompile(`(?s)(\d+) 0 obj\r?\n(<<.*?>>)\r?\n(stream\r?\n|endobj)`)
	lengthRe  = regexp.MustCompile(`/Length (\d+)\b(\s+\d+ R\b)?`)
	descRe    = regexp.MustCompile(`/DescendantFonts\s*\[\s*(\d+) 0 R\s*\]`)
	endRe     = regexp.MustCompile(`^(\r\n|\n|\r)?endstream\b`)
	rootRe    = regexp.MustCompile(`(?s)^.*\btrailer\s*<<.*?/Root (\d+) 0 R`)
	kidsRe    = regexp.MustCompile(`/Kids \[((?:\s*\d+ 0 R)*)\s*\]`)
	refsRe    = regexp.MustCompile(`(\d+) 0 R`)
	fontsRe   = regexp.MustCompile(`/Font\s*<<([^<>]*)>>`)
	fontRefRe = regexp.MustCompile(`/([^\s/<>\[\]()]+)\s+(\d+) 0 R`)
	bfcharRe  = regexp.MustCompile(`(?s)(\d+) beginbfchar\b(.*?)\bendbfchar\b`)
	bfrangeRe = regexp.MustCompile(`(?s)(\d+) beginbfrange\b(.*?)\bendbfrange\b`)
	rangeRe   = regexp.MustCompile(`^\s*(<[0-9A-Fa-f]*>)\s*(<[0-9A-Fa-f]*>)\s*(?:(<[0-9A-Fa-f]*>)|\[([^\]]*)\])`)
)

// parse reads the objects of data and the trailer's /Root.
func parse(data []byte) (*doc, error) {
	d := &doc{dicts: map[int]string{}, raw: map[int][]byte{}, decoded: map[int][]byte{},
		budget: maxDecoded, cmaps: map[int]map[uint16]string{}}
	pos := 0
	for {
		m := objRe.FindSubmatchIndex(data[pos:])
		if m == nil {
			break
		}
		n, err := strconv.Atoi(string(data[pos+m[2] : pos+m[3]]))
		if err != nil {
			return nil, fmt.Errorf("pdftext: bad object number %q", data[pos+m[2]:pos+m[3]])
		}
		if _, dup := d.dicts[n]; dup {
			return nil, fmt.Errorf("pdftext: object %d defined twice", n)
		}
		dict := string(data[pos+m[4] : pos+m[5]])
		d.dicts[n] = dict
		isStream := data[pos+m[6]] == 's'
		pos += m[1]
		if !isStream {
			continue
		}
		l := lengthRe.FindStringSubmatch(dict)
		if l == nil {
			return nil, fmt.Errorf("pdftext: stream %d has no direct /Length", n)
		}
		if l[2] != "" {
			return nil, fmt.Errorf("pdftext: stream %d has an indirect /Length", n)
		}
		length, err := strconv.Atoi(l[1])
		if err != nil || length > len(data)-pos {
			return nil, fmt.Errorf("pdftext: stream %d: /Length %s runs past the end of the file", n, l[1])
		}
		d.raw[n] = data[pos : pos+length]
		pos += length
		end := endRe.FindIndex(data[pos:])
		if end == nil {
			return nil, fmt.Errorf("pdftext: stream %d: no endstream after /Length %d bytes", n, length)
		}
		pos += end[1]
	}
	if len(d.dicts) == 0 {
		return nil, errors.New("pdftext: no objects: not a PDF")
	}
	r := rootRe.FindSubmatch(data[pos:])
	if r == nil {
		return nil, errors.New("pdftext: no trailer with /Root after the objects")
	}
	root, err := strconv.Atoi(string(r[1]))
	if err != nil {
		return nil, fmt.Errorf("pdftext: bad /Root %q", r[1])
	}
	d.root = root
	return d, nil
}

// stream returns the decoded data of stream object n.
func (d *doc) stream(n int) ([]byte, error) {
	if s, ok := d.decoded[n]; ok {
		return s, nil
	}
	raw, ok := d.raw[n]
	if !ok {
		return nil, fmt.Errorf("pdftext: stream %d is missing", n)
	}
	var out []byte
	switch filter := d.dicts[n]; {
	case !strings.Contains(filter, "/Filter"):
		out = raw
	case name(filter, "Filter") == "FlateDecode":
		var err error
		if out, err = d.inflate(raw); err != nil {
			return nil, fmt.Errorf("pdftext: stream %d: %w", n, err)
		}
	default:
		return nil, fmt.Errorf("pdftext: stream %d: unsupported /Filter (only a single /FlateDecode)", n)
	}
	d.decoded[n] = out
	return out, nil
}

func (d *doc) inflate(raw []byte) ([]byte, error) {
	r, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("inflate: %w", err)
	}
	limit := min(maxStream, d.budget)
	out, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("inflate: %w", err)
	}
	if len(out) > limit {
		return nil, fmt.Errorf("inflate: more than %d bytes", limit)
	}
	d.budget -= len(out)
	return out, nil
}

// pages returns the page objects in order.
func (d *doc) pages() ([]int, error) {
	catalog, ok := d.dicts[d.root]
	if !ok || name(catalog, "Type") != "Catalog" {
		return nil, fmt.Errorf("pdftext: /Root %d is not a catalog", d.root)
	}
	tree, ok := ref(catalog, "Pages")
	if !ok {
		return nil, errors.New("pdftext: catalog has no /Pages")
	}
	var out []int
	if err := d.walk(tree, 0, map[int]bool{}, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// walk appends the pages under node n of the page tree to out.
func (d *doc) walk(n, depth int, seen map[int]bool, out *[]int) error {
	if seen[n] {
		return fmt.Errorf("pdftext: page tree visits object %d twice", n)
	}
	if depth > maxTreeNest {
		return fmt.Errorf("pdftext: page tree nested deeper than %d", maxTreeNest)
	}
	seen[n] = true
	dict, ok := d.dicts[n]
	if !ok {
		return fmt.Errorf("pdftext: page tree object %d is missing", n)
	}
	switch name(dict, "Type") {
	case "Page":
		*out = append(*out, n)
		return nil
	case "Pages":
		kids := kidsRe.FindStringSubmatch(dict)
		if kids == nil {
			return fmt.Errorf("pdftext: page tree node %d has no /Kids array of references", n)
		}
		for _, m := range refsRe.FindAllStringSubmatch(kids[1], -1) {
			kid, err := strconv.Atoi(m[1])
			if err != nil {
				return fmt.Errorf("pdftext: bad kid %q of page tree node %d", m[1], n)
			}
			if err := d.walk(kid, depth+1, seen, out); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("pdftext: page tree object %d is neither /Pages nor /Page", n)
}

// fontResources returns the fonts a page dictionary names in its
// /Resources, by resource name.
func fontResources(page string) map[string]int {
	out := map[string]int{}
	fonts := fontsRe.FindStringSubmatch(page)
	if fonts == nil {
		return out
	}
	for _, m := range fontRefRe.FindAllStringSubmatch(fonts[1], -1) {
		if n, err := strconv.Atoi(m[2]); err == nil {
			out[m[1]] = n
		}
	}
	return out
}

// runs decodes the strings page object p shows, in drawing order. It keeps
// the current font through q/Q, Tf and Tj, and refuses the other ways of
// showing text.
func (d *doc) runs(p int) ([]string, error) {
	page := d.dicts[p]
	c, ok := ref(page, "Contents")
	if !ok {
		return nil, errors.New("no /Contents stream")
	}
	content, err := d.stream(c)
	if err != nil {
		return nil, err
	}
	fonts := fontResources(page)
	var (
		runs     []string
		operands []string
		cur      map[uint16]string // the current font's ToUnicode; nil before Tf
		saved    []map[uint16]string
	)
	for _, tok := range strings.Fields(string(content)) {
		if strings.ContainsRune("0123456789+-./<>[](){}", rune(tok[0])) {
			operands = append(operands, tok)
			continue
		}
		switch tok {
		case "q":
			saved = append(saved, cur)
		case "Q":
			if len(saved) == 0 {
				return nil, errors.New("Q without q")
			}
			cur, saved = saved[len(saved)-1], saved[:len(saved)-1]
		case "Tf":
			if len(operands) < 2 || !strings.HasPrefix(operands[len(operands)-2], "/") {
				return nil, errors.New("Tf without a font name and size")
			}
			res := operands[len(operands)-2][1:]
			n, ok := fonts[res]
			if !ok {
				return nil, fmt.Errorf("Tf selects /%s, which the page's /Resources lack", res)
			}
			if cur, err = d.cmap(n); err != nil {
				return nil, fmt.Errorf("font /%s: %w", res, err)
			}
		case "Tj":
			if cur == nil {
				return nil, errors.New("Tj before any Tf")
			}
			if len(operands) == 0 {
				return nil, errors.New("Tj without a string")
			}
			run, err := decodeRun(operands[len(operands)-1], cur)
			if err != nil {
				return nil, err
			}
			runs = append(runs, run)
		case "TJ", "'", `"`, "BI", "Do":
			return nil, fmt.Errorf("unsupported operator %s", tok)
		}
		operands = operands[:0]
	}
	if len(operands) > 0 {
		return nil, fmt.Errorf("content ends with operands %q and no operator", operands)
	}
	if len(saved) > 0 {
		return nil, errors.New("q without Q")
	}
	return runs, nil
}

// decodeRun maps a hex string of two-byte codes through cmap.
func decodeRun(tok string, cmap map[uint16]string) (string, error) {
	if len(tok) < 2 || tok[0] != '<' || tok[len(tok)-1] != '>' {
		return "", fmt.Errorf("Tj shows %.40q; only <hex> strings are supported", tok)
	}
	codes, err := hex.DecodeString(tok[1 : len(tok)-1])
	if err != nil || len(codes)%2 != 0 {
		return "", fmt.Errorf("Tj shows %.40q, not whole two-byte codes in hex", tok)
	}
	var s strings.Builder
	for i := 0; i < len(codes); i += 2 {
		code := uint16(codes[i])<<8 | uint16(codes[i+1])
		text, ok := cmap[code]
		if !ok {
			return "", fmt.Errorf("glyph %d is shown but has no ToUnicode entry", code)
		}
		s.WriteString(text)
	}
	return s.String(), nil
}

// cmap reads the ToUnicode CMap of the Type0 font in object n: code → text.
func (d *doc) cmap(n int) (map[uint16]string, error) {
	if m, ok := d.cmaps[n]; ok {
		return m, nil
	}
	dict, ok := d.dicts[n]
	if !ok {
		return nil, fmt.Errorf("font object %d is missing", n)
	}
	if name(dict, "Subtype") != "Type0" || name(dict, "Encoding") != "Identity-H" {
		return nil, fmt.Errorf("font object %d is not a Type0 font with /Identity-H encoding", n)
	}
	tu, ok := ref(dict, "ToUnicode")
	if !ok {
		return nil, fmt.Errorf("font object %d has no /ToUnicode", n)
	}
	data, err := d.stream(tu)
	if err != nil {
		return nil, err
	}
	m, err := parseCMap(data)
	if err != nil {
		return nil, fmt.Errorf("ToUnicode %d: %w", tu, err)
	}
	d.cmaps[n] = m
	return m, nil
}

// parseCMap reads the bfchar and bfrange entries of a ToUnicode CMap
// whose codes are two bytes.
func parseCMap(data []byte) (map[uint16]string, error) {
	out := map[uint16]string{}
	for _, block := range bfcharRe.FindAllSubmatch(data, -1) {
		toks := strings.Fields(string(block[2]))
		if count, err := strconv.Atoi(string(block[1])); err != nil || count != len(toks)/2 || len(toks)%2 != 0 {
			return nil, fmt.Errorf("bfchar block declares %s entries but holds %d tokens", block[1], len(toks))
		}
		for i := 0; i < len(toks); i += 2 {
			code, err := code2(toks[i])
			if err != nil {
				return nil, fmt.Errorf("bad bfchar code %.40q", toks[i])
			}
			text, err := utf16Token(toks[i+1])
			if err != nil {
				return nil, fmt.Errorf("bfchar text %.40q: %w", toks[i+1], err)
			}
			out[code] = text
		}
	}
	for _, block := range bfrangeRe.FindAllSubmatch(data, -1) {
		if err := parseRanges(string(block[1]), string(block[2]), out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// parseRanges reads the body of one bfrange block: each entry is a code
// range and either the text of its first code (the rest counting up from
// it) or an array with one text per code.
func parseRanges(count, body string, out map[uint16]string) error {
	n := 0
	for body = strings.TrimSpace(body); body != ""; body = strings.TrimSpace(body) {
		m := rangeRe.FindStringSubmatch(body)
		if m == nil {
			return fmt.Errorf("bad bfrange entry %.40q", body)
		}
		body = body[len(m[0]):]
		lo, err1 := code2(m[1])
		hi, err2 := code2(m[2])
		if err1 != nil || err2 != nil || hi < lo || lo>>8 != hi>>8 {
			return fmt.Errorf("bad bfrange codes %s %s", m[1], m[2])
		}
		n++
		if m[3] != "" {
			text, err := utf16Token(m[3])
			if err != nil {
				return fmt.Errorf("bfrange text %.40q: %w", m[3], err)
			}
			r := []rune(text)
			for c := int(lo); c <= int(hi); c++ {
				out[uint16(c)] = string(r[:len(r)-1]) + string(r[len(r)-1]+rune(c-int(lo)))
			}
			continue
		}
		texts := strings.Fields(m[4])
		if len(texts) != int(hi-lo)+1 {
			return fmt.Errorf("bfrange %s %s has %d texts for %d codes", m[1], m[2], len(texts), int(hi-lo)+1)
		}
		for i, tok := range texts {
			text, err := utf16Token(tok)
			if err != nil {
				return fmt.Errorf("bfrange text %.40q: %w", tok, err)
			}
			out[lo+uint16(i)] = text
		}
	}
	if c, err := strconv.Atoi(count); err != nil || c != n {
		return fmt.Errorf("bfrange block declares %s entries but holds %d", count, n)
	}
	return nil
}

// code2 reads a two-byte character code such as <01A2>.
func code2(tok string) (uint16, error) {
	src, err := hexToken(tok)
	if err != nil || len(src) != 2 {
		return 0, fmt.Errorf("bad code %.40q", tok)
	}
	return uint16(src[0])<<8 | uint16(src[1]), nil
}

// utf16Token reads a hex string of UTF-16BE text.
func utf16Token(tok string) (string, error) {
	dst, err := hexToken(tok)
	if err != nil {
		return "", err
	}
	return decodeUTF16BE(dst)
}

func hexToken(tok string) ([]byte, error) {
	if len(tok) < 2 || tok[0] != '<' || tok[len(tok)-1] != '>' {
		return nil, errors.New("not a hex string")
	}
	return hex.DecodeString(tok[1 : len(tok)-1])
}

// decodeUTF16BE decodes non-empty, well-formed UTF-16BE.
func decodeUTF16BE(b []byte) (string, error) {
	if len(b) == 0 || len(b)%2 != 0 {
		return "", fmt.Errorf("%d bytes are not UTF-16 text", len(b))
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	for i := 0; i < len(u); i++ {
		switch {
		case utf16.IsSurrogate(rune(u[i])) && i+1 < len(u) && utf16.DecodeRune(rune(u[i]), rune(u[i+1])) != '\uFFFD':
			i++
		case utf16.IsSurrogate(rune(u[i])):
			return "", fmt.Errorf("unpaired surrogate %04X", u[i])
		}
	}
	return string(utf16.Decode(u)), nil
}

// refRes and nameRes are the patterns of ref and name, by key.
var (
	refRes  = map[string]*regexp.Regexp{}
	nameRes = map[string]*regexp.Regexp{}
)

func init() {
	for _, k := range []string{"Pages", "Contents", "ToUnicode", "FontDescriptor", "FontFile2"} {
		refRes[k] = regexp.MustCompile(`/` + k + `\s+(\d+) 0 R\b`)
	}
	for _, k := range []string{"Type", "Subtype", "Encoding", "Filter", "CIDToGIDMap"} {
		nameRes[k] = regexp.MustCompile(`/` + k + `\s*/([^\s/<>\[\]()]+)`)
	}
}

// ref returns the object dict refers to under key, as in /Contents 4 0 R.
func ref(dict, key string) (int, bool) {
	m := refRes[key].FindStringSubmatch(dict)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}

// descendant returns the one descendant of a Type0 font, as in
// /DescendantFonts [5 0 R].
func descendant(dict string) (int, bool) {
	m := descRe.FindStringSubmatch(dict)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}

// name returns the first name value of key in dict, as in /Type /Page.
func name(dict, key string) string {
	m := nameRes[key].FindStringSubmatch(dict)
	if m == nil {
		return ""
	}
	return m[1]
}
