package intake

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
)

// xmlScanner is a pull tokenizer for worksheet and shared-strings parts.
// encoding/xml allocates a token, a name and an attribute slice per
// element and copies every text; on a 10,000-row register that was
// ~200 MB of garbage, and on a VM where each fresh page costs ~12 µs,
// allocation is wall-clock time. The scanner hands out slices of its own
// buffer instead, valid until the next call.
//
// What it accepts, refuses and returns is encoding/xml's Decoder.Token
// in Strict mode, as excelize drives it (CharsetReader for a declared
// non-UTF-8 encoding): the same token sequence, the same names after
// name-space translation, the same decoded text, and an error at the same
// token. FuzzXMLScannerMatchesEncodingXML holds it to that.
type xmlScanner struct {
	rd    io.Reader
	rdErr error // the reader's terminal error (io.EOF at the end), once seen
	buf   []byte
	pos   int // next byte to read
	end   int // end of the data in buf
	mark  int // start of the current token: buf[mark:] is kept on refill

	err  error // sticky: a syntax or read error; nil at a clean end
	done bool  // no more tokens (clean end or err)

	// The current token, as offsets into buf (or names, or scratch): the
	// accessors name, local, text and attr* return slices of it, valid
	// until the next call of next.
	kind     tokKind
	nm       nameSpan // tokStart, tokEnd; tokProcInst: target in local
	nmInOpen bool     // nm is in names (the end of a self-closing element)
	// Its text (tokText: decoded; tokComment, tokProcInst, tokDirective:
	// as read), and where readText last left text: relative to mark, or
	// in scratch.
	text0, text1  int
	textInScratch bool

	depth     int // open elements, the current start included
	needClose bool
	open      []openElem
	names     []byte // raw names of the open elements
	ns        []nsBinding
	unbind    int // bindings of the element just ended, dropped on the next call

	scratch []byte     // decoded attribute values and text
	spans   []attrSpan // the current start tag's attributes
}

type tokKind uint8

const (
	tokNone tokKind = iota // no token: end of input, or err
	tokStart
	tokEnd
	tokText
	tokComment
	tokProcInst
	tokDirective
)

type xmlName struct{ prefix, local []byte }

// nameSpan locates a prefix and a local name.
type nameSpan struct{ p0, p1, l0, l1 int }

type openElem struct {
	off, plen, llen int // the raw name in names: prefix then local
	nbind           int // name-space bindings the element made
}

type nsBinding struct{ prefix, url string }

// attrSpan locates one attribute: its name relative to mark, its value
// there or (decoded) in scratch.
type attrSpan struct {
	nameSpan
	v0, v1    int
	inScratch bool
}

func (s *xmlScanner) local() []byte {
	if s.nmInOpen {
		return s.names[s.nm.l0:s.nm.l1]
	}
	return s.buf[s.mark+s.nm.l0 : s.mark+s.nm.l1]
}

func (s *xmlScanner) prefix() []byte {
	if s.nmInOpen {
		return s.names[s.nm.p0:s.nm.p1]
	}
	return s.buf[s.mark+s.nm.p0 : s.mark+s.nm.p1]
}

func (s *xmlScanner) name() xmlName { return xmlName{s.prefix(), s.local()} }

func (s *xmlScanner) text() []byte {
	if s.textInScratch {
		return s.scratch[s.text0:s.text1]
	}
	return s.buf[s.mark+s.text0 : s.mark+s.text1]
}

func (s *xmlScanner) attrLocal(i int) []byte {
	a := &s.spans[i]
	return s.buf[s.mark+a.l0 : s.mark+a.l1]
}

func (s *xmlScanner) attrName(i int) xmlName {
	a := &s.spans[i]
	return xmlName{s.buf[s.mark+a.p0 : s.mark+a.p1], s.buf[s.mark+a.l0 : s.mark+a.l1]}
}

func (s *xmlScanner) attrValue(i int) []byte {
	a := &s.spans[i]
	if a.inScratch {
		return s.scratch[a.v0:a.v1]
	}
	return s.buf[s.mark+a.v0 : s.mark+a.v1]
}

const xmlURL = "http://www.w3.org/XML/1998/namespace"

// xmlSyntaxError is a malformed part: the scanner refuses it where
// encoding/xml would.
type xmlSyntaxError struct{ msg string }

func (e *xmlSyntaxError) Error() string { return "XML syntax error: " + e.msg }

// partReadError is a part that cannot be read at all (a corrupt deflate
// stream, a checksum mismatch): the workbook is damaged, not the sheet.
type partReadError struct{ err error }

func (e *partReadError) Error() string { return e.err.Error() }
func (e *partReadError) Unwrap() error { return e.err }

// newXMLScanner reads r through buf (64 KB if nil); the buffer grows to
// hold the longest token.
func newXMLScanner(r io.Reader, buf []byte) *xmlScanner {
	if cap(buf) == 0 {
		buf = make([]byte, 64<<10)
	}
	return &xmlScanner{rd: r, buf: buf[:cap(buf)]}
}

func (s *xmlScanner) syntax(msg string) {
	if s.err == nil {
		s.err = &xmlSyntaxError{msg}
	}
}

// fill reads more input, keeping buf[mark:]. It reports whether there is
// at least one more byte at pos.
func (s *xmlScanner) fill() bool {
	for s.pos >= s.end {
		if s.rdErr != nil {
			return false
		}
		if s.mark > 0 && (s.end == len(s.buf) || s.mark >= len(s.buf)/2) {
			n := copy(s.buf, s.buf[s.mark:s.end])
			s.pos -= s.mark
			s.end = n
			s.mark = 0
		}
		if s.end == len(s.buf) {
			nb := make([]byte, 2*len(s.buf))
			copy(nb, s.buf[:s.end])
			s.buf = nb
		}
		n, err := s.rd.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.rdErr = err
		}
	}
	return true
}

// getc returns the next byte; at the end of input ok is false (and err
// is set if the input ended badly).
func (s *xmlScanner) getc() (byte, bool) {
	if s.pos < s.end {
		b := s.buf[s.pos]
		s.pos++
		return b, true
	}
	return s.getcSlow()
}

func (s *xmlScanner) getcSlow() (b byte, ok bool) {
	if s.err != nil || !s.fill() {
		if s.err == nil && s.rdErr != io.EOF {
			s.err = &partReadError{s.rdErr}
		}
		return 0, false
	}
	b = s.buf[s.pos]
	s.pos++
	return b, true
}

// mustgetc is getc where the end of input is a syntax error.
func (s *xmlScanner) mustgetc() (byte, bool) {
	if s.pos < s.end {
		b := s.buf[s.pos]
		s.pos++
		return b, true
	}
	b, ok := s.getcSlow()
	if !ok {
		s.syntax("unexpected EOF")
	}
	return b, ok
}

func (s *xmlScanner) ungetc() { s.pos-- }

func (s *xmlScanner) space() {
	for s.pos < s.end {
		if b := s.buf[s.pos]; b != ' ' && b != '\r' && b != '\n' && b != '\t' {
			return
		}
		s.pos++
	}
	for {
		b, ok := s.getc()
		if !ok {
			return
		}
		if b != ' ' && b != '\r' && b != '\n' && b != '\t' {
			s.ungetc()
			return
		}
	}
}

// next advances to the next token (Decoder.Token). At the end of input,
// or on an error, it returns tokNone for good; err tells which.
func (s *xmlScanner) next() tokKind {
	if s.done {
		return tokNone
	}
	// An end element's name is translated with its own bindings still in
	// force, as Decoder.Token does; they go now.
	s.ns = s.ns[:len(s.ns)-s.unbind]
	s.unbind = 0
	if s.needClose {
		s.needClose = false
		top := s.open[len(s.open)-1]
		s.nm = nameSpan{top.off, top.off + top.plen, top.off + top.plen, top.off + top.plen + top.llen}
		s.nmInOpen = true
		s.kind = tokEnd
		s.pop()
		return tokEnd
	}
	s.nmInOpen = false
	s.kind = s.raw()
	switch s.kind {
	case tokNone:
		if s.err == nil && len(s.open) > 0 {
			s.syntax("unexpected EOF")
		}
		s.done = true
	case tokStart:
		s.push()
	case tokEnd:
		if !s.matchEnd() {
			s.kind = tokNone
			s.done = true
		} else {
			s.pop()
		}
	}
	return s.kind
}

// push records a start element and the name-space bindings its
// attributes make.
func (s *xmlScanner) push() {
	nb := 0
	for i := range s.spans {
		// Most attributes are not bindings; their names are not looked at.
		if a := &s.spans[i]; a.p1-a.p0 != len("xmlns") && a.l1-a.l0 != len("xmlns") {
			continue
		}
		switch n := s.attrName(i); {
		case string(n.prefix) == "xmlns":
			s.ns = append(s.ns, nsBinding{string(n.local), string(s.attrValue(i))})
			nb++
		case len(n.prefix) == 0 && string(n.local) == "xmlns":
			s.ns = append(s.ns, nsBinding{"", string(s.attrValue(i))})
			nb++
		}
	}
	off := len(s.names)
	n := s.name()
	s.names = append(s.names, n.prefix...)
	s.names = append(s.names, n.local...)
	s.open = append(s.open, openElem{off, len(n.prefix), len(n.local), nb})
	s.depth++
}

func (s *xmlScanner) matchEnd() bool {
	if len(s.open) == 0 {
		s.syntax("unexpected end element </" + string(s.local()) + ">")
		return false
	}
	top := s.open[len(s.open)-1]
	p := s.names[top.off : top.off+top.plen]
	l := s.names[top.off+top.plen : top.off+top.plen+top.llen]
	if string(l) != string(s.local()) || string(p) != string(s.prefix()) {
		s.syntax("element <" + string(l) + "> closed by </" + string(s.local()) + ">")
		return false
	}
	return true
}

func (s *xmlScanner) pop() {
	top := s.open[len(s.open)-1]
	s.open = s.open[:len(s.open)-1]
	s.names = s.names[:top.off]
	s.unbind = top.nbind
	s.depth--
}

// nsOf translates a name's prefix to its name space as Decoder.Token
// does: bound prefixes to their URL, xml to its URL, unbound ones to
// themselves; an unprefixed attribute has none.
func (s *xmlScanner) nsOf(n xmlName, elem bool) string { return nsIn(s.ns, n, elem) }

// nsIn is nsOf under the given bindings.
func nsIn(ns []nsBinding, n xmlName, elem bool) string {
	switch {
	case string(n.prefix) == "xmlns":
		return "xmlns"
	case len(n.prefix) == 0 && !elem:
		return ""
	case string(n.prefix) == "xml":
		return xmlURL
	case len(n.prefix) == 0 && string(n.local) == "xmlns":
		return ""
	}
	for i := len(ns) - 1; i >= 0; i-- {
		if ns[i].prefix == string(n.prefix) {
			return ns[i].url
		}
	}
	return string(n.prefix)
}

// raw reads one token without checking nesting (Decoder.rawToken).
func (s *xmlScanner) raw() tokKind {
	if s.err != nil {
		return tokNone
	}
	s.mark = s.pos
	s.scratch = s.scratch[:0]
	b, ok := s.getc()
	if !ok {
		return tokNone
	}
	if b != '<' {
		s.ungetc()
		if !s.readText(-1, false) {
			return tokNone
		}
		return tokText
	}
	if b, ok = s.mustgetc(); !ok {
		return tokNone
	}
	switch b {
	case '/':
		return s.endTag()
	case '?':
		return s.procInst()
	case '!':
		return s.bang()
	}
	s.ungetc()
	return s.startTag()
}

func (s *xmlScanner) endTag() tokKind {
	p0, p1, l0, l1, ok := s.nsname()
	if !ok {
		s.syntax("expected element name after </")
		return tokNone
	}
	s.space()
	b, ok := s.mustgetc()
	if !ok {
		return tokNone
	}
	if b != '>' {
		s.syntax("invalid characters between </" + string(s.buf[s.mark+l0:s.mark+l1]) + " and >")
		return tokNone
	}
	s.nm = nameSpan{p0, p1, l0, l1}
	return tokEnd
}

func (s *xmlScanner) startTag() tokKind {
	p0, p1, l0, l1, ok := s.nsname()
	if !ok {
		s.syntax("expected element name after <")
		return tokNone
	}
	s.spans = s.spans[:0]
	empty := false
	for {
		s.space()
		b, ok := s.mustgetc()
		if !ok {
			return tokNone
		}
		if b == '/' {
			if b, ok = s.mustgetc(); !ok {
				return tokNone
			}
			if b != '>' {
				s.syntax("expected /> in element")
				return tokNone
			}
			empty = true
			break
		}
		if b == '>' {
			break
		}
		s.ungetc()
		var a attrSpan
		if a.nameSpan.p0, a.nameSpan.p1, a.nameSpan.l0, a.nameSpan.l1, ok = s.nsname(); !ok {
			s.syntax("expected attribute name in element")
			return tokNone
		}
		s.space()
		if b, ok = s.mustgetc(); !ok {
			return tokNone
		}
		if b != '=' {
			s.syntax("attribute name without = in element")
			return tokNone
		}
		s.space()
		if b, ok = s.mustgetc(); !ok {
			return tokNone
		}
		if b != '"' && b != '\'' {
			s.syntax("unquoted or missing attribute value in element")
			return tokNone
		}
		if !s.readText(int(b), false) {
			return tokNone
		}
		a.v0, a.v1, a.inScratch = s.text0, s.text1, s.textInScratch
		s.spans = append(s.spans, a)
	}
	s.nm = nameSpan{p0, p1, l0, l1}
	s.needClose = empty
	return tokStart
}

// readText reads character data (Decoder.text): up to the next < in
// content (not consuming it), up to the closing quote of an attribute
// value (quote >= 0), or up to ]]> in a CDATA section. It decodes
// entities and line ends and checks every character, as encoding/xml does.
func (s *xmlScanner) readText(quote int, cdata bool) bool {
	start := s.pos - s.mark
	var stop int // end of the raw text, relative to mark
	switch {
	case cdata:
		from := start
		for {
			if i := bytes.Index(s.buf[s.mark+from:s.end], cdataEnd); i >= 0 {
				stop = from + i
				s.pos = s.mark + stop + len(cdataEnd)
				break
			}
			from = max(start, s.end-s.mark-2)
			s.pos = s.end
			if !s.more() {
				s.syntax("unexpected EOF in CDATA section")
				return false
			}
		}
	case quote >= 0:
		for {
			raw := s.buf[s.pos:s.end]
			if i := bytes.IndexByte(raw, byte(quote)); i >= 0 {
				if bytes.IndexByte(raw[:i], '<') >= 0 {
					s.syntax("unescaped < inside quoted string")
					return false
				}
				stop = s.pos + i - s.mark
				s.pos += i + 1
				break
			}
			if bytes.IndexByte(raw, '<') >= 0 {
				s.syntax("unescaped < inside quoted string")
				return false
			}
			s.pos = s.end
			if !s.more() {
				s.syntax("unexpected EOF")
				return false
			}
		}
	default:
		for {
			if i := bytes.IndexByte(s.buf[s.pos:s.end], '<'); i >= 0 {
				s.pos += i
				break
			}
			s.pos = s.end
			if !s.more() {
				if s.err != nil {
					return false
				}
				break
			}
		}
		stop = s.pos - s.mark
	}
	raw := s.buf[s.mark+start : s.mark+stop]
	class := &textClass
	switch {
	case cdata:
		class = &cdataClass
	case quote >= 0:
		class = &attrClass
	}
	s.text0, s.text1, s.textInScratch = start, stop, false
	valid, plain := checkChars(raw, class)
	if !plain {
		n := len(s.scratch)
		if !s.decodeText(raw, quote, cdata) {
			return false
		}
		s.text0, s.text1, s.textInScratch = n, len(s.scratch), true
		valid, _ = checkChars(s.scratch[n:], &validClass)
	}
	if !valid {
		s.syntax("illegal character or invalid UTF-8 in text")
		return false
	}
	return true
}

var cdataEnd = []byte("]]>")

// more reads more input at pos == end, reporting whether there is any; a
// read error is kept in err.
func (s *xmlScanner) more() bool {
	if s.fill() {
		return true
	}
	if s.err == nil && s.rdErr != io.EOF {
		s.err = &partReadError{s.rdErr}
	}
	return false
}

// decodeText appends raw to scratch with entities replaced and line ends
// normalised, byte for byte as Decoder.text does.
func (s *xmlScanner) decodeText(raw []byte, quote int, cdata bool) bool {
	var b0, b1 byte
	for i := 0; i < len(raw); i++ {
		b := raw[i]
		if quote < 0 && !cdata && b0 == ']' && b1 == ']' && b == '>' {
			s.syntax("unescaped ]]> not in CDATA section")
			return false
		}
		if b == '&' && !cdata {
			j := bytes.IndexByte(raw[i+1:], ';')
			if j < 0 {
				s.syntax("invalid character entity (no semicolon)")
				return false
			}
			r, ok := entityRune(raw[i+1 : i+1+j])
			if !ok {
				s.syntax("invalid character entity &" + string(raw[i+1:i+1+j]) + ";")
				return false
			}
			s.scratch = utf8.AppendRune(s.scratch, r)
			i += j + 1
			b0, b1 = 0, 0
			continue
		}
		switch {
		case b == '\r':
			s.scratch = append(s.scratch, '\n')
		case b1 == '\r' && b == '\n':
		default:
			s.scratch = append(s.scratch, b)
		}
		b0, b1 = b1, b
	}
	return true
}

// entityRune decodes the inside of &...; as encoding/xml does: the five
// predefined names, or a decimal or (lower-case x) hexadecimal character
// reference. A surrogate decodes to U+FFFD, as string(rune(n)) does.
func entityRune(e []byte) (rune, bool) {
	switch string(e) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if len(e) < 2 || e[0] != '#' {
		return 0, false
	}
	digits, base := e[1:], 10
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	for _, c := range digits {
		if !('0' <= c && c <= '9' || base == 16 && ('a' <= c && c <= 'f' || 'A' <= c && c <= 'F')) {
			return 0, false
		}
	}
	n, err := strconv.ParseUint(string(digits), base, 64)
	if err != nil || n > unicode.MaxRune {
		return 0, false
	}
	r := rune(n)
	if !utf8.ValidRune(r) {
		r = utf8.RuneError
	}
	return r, true
}

// Byte classes for checkChars.
const (
	cPlain   = iota
	cSpecial // needs decoding: & in text and attributes, \r, ] in text
	cBad     // a control character XML does not allow
	cHigh    // part of a multi-byte character
	cEF      // may start U+FFFE or U+FFFF
)

var textClass, attrClass, cdataClass, validClass = charClasses("&\r]"), charClasses("&\r"), charClasses("\r"), charClasses("")

func charClasses(special string) (t [256]uint8) {
	for c := range 0x20 {
		if c != '\t' && c != '\n' && c != '\r' {
			t[c] = cBad
		}
	}
	for c := 0x80; c < 0x100; c++ {
		t[c] = cHigh
	}
	t[0xEF] = cEF
	for _, c := range []byte(special) {
		t[c] = cSpecial
	}
	return t
}

// checkChars reports whether text is made of XML characters in UTF-8
// (encoding/xml's isInCharacterRange: no controls but tab and line ends,
// no U+FFFE or U+FFFF; UTF-8 rules out surrogates) and, if plain is
// false, that it has bytes its class marks special, and valid is not
// known yet.
func checkChars(text []byte, class *[256]uint8) (valid, plain bool) {
	high := false
	for i, c := range text {
		switch class[c] {
		case cSpecial:
			return false, false
		case cBad:
			return false, true
		case cHigh:
			high = true
		case cEF:
			high = true
			if i+2 < len(text) && text[i+1] == 0xBF && text[i+2]&0xFE == 0xBE {
				return false, true
			}
		}
	}
	return !high || utf8.Valid(text), true
}

// nameByte marks the bytes readName takes: name bytes, and all of a
// multi-byte character (checked after).
var nameByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= utf8.RuneSelf || isNameByte(byte(c))
	}
	return t
}()

func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-'
}

// readName reads the bytes of a name (Decoder.readName): its span
// relative to mark, or ok false if none starts here.
func (s *xmlScanner) readName() (n0, n1 int, ok bool) {
	i := s.pos
	for i < s.end && nameByte[s.buf[i]] {
		i++
	}
	if i < s.end {
		if i == s.pos {
			return 0, 0, false
		}
		n0, s.pos = s.pos-s.mark, i
		return n0, i - s.mark, true
	}
	// The name may go on past the buffer: byte by byte.
	b, ok := s.mustgetc()
	if !ok {
		return 0, 0, false
	}
	if b < utf8.RuneSelf && !isNameByte(b) {
		s.ungetc()
		return 0, 0, false
	}
	n0 = s.pos - 1 - s.mark
	for {
		if b, ok = s.mustgetc(); !ok {
			return 0, 0, false
		}
		if b < utf8.RuneSelf && !isNameByte(b) {
			s.ungetc()
			return n0, s.pos - s.mark, true
		}
	}
}

// readCheckedName reads a name and checks it (Decoder.name).
func (s *xmlScanner) readCheckedName() (n0, n1 int, ok bool) {
	if n0, n1, ok = s.readName(); !ok {
		return 0, 0, false
	}
	if !isXMLName(s.buf[s.mark+n0 : s.mark+n1]) {
		s.syntax("invalid XML name: " + string(s.buf[s.mark+n0:s.mark+n1]))
		return 0, 0, false
	}
	return n0, n1, true
}

// nsname reads a name with an optional prefix (Decoder.nsname): with
// more than one colon it fails; an empty prefix or local part leaves
// the whole name local.
func (s *xmlScanner) nsname() (p0, p1, l0, l1 int, ok bool) {
	// Most names lie whole in the buffer: read and check them in one pass.
	start, colon, colons, high := s.pos, -1, 0, false
	i := start
	for ; i < s.end && nameByte[s.buf[i]]; i++ {
		switch c := s.buf[i]; {
		case c == ':':
			if colon < 0 {
				colon = i
			}
			colons++
		case c >= utf8.RuneSelf:
			high = true
		}
	}
	if i < s.end && !high {
		if i == start {
			return 0, 0, 0, 0, false
		}
		if c := s.buf[start]; c == '.' || c == '-' || '0' <= c && c <= '9' {
			s.pos = i
			s.syntax("invalid XML name: " + string(s.buf[start:i]))
			return 0, 0, 0, 0, false
		}
		s.pos = i
		n0, n1 := start-s.mark, i-s.mark
		switch {
		case colons > 1:
			return 0, 0, 0, 0, false
		case colon < 0 || colon == start || colon == i-1:
			return n0, n0, n0, n1, true
		default:
			c := colon - s.mark
			return n0, c, c + 1, n1, true
		}
	}
	n0, n1, ok := s.readCheckedName()
	if !ok {
		return 0, 0, 0, 0, false
	}
	name := s.buf[s.mark+n0 : s.mark+n1]
	switch c := bytes.IndexByte(name, ':'); {
	case c >= 0 && bytes.LastIndexByte(name, ':') != c:
		return 0, 0, 0, 0, false
	case c <= 0 || c == len(name)-1:
		return n0, n0, n0, n1, true
	default:
		return n0, n0 + c, n0 + c + 1, n1, true
	}
}

// isXMLName checks a name read by readName (so its ASCII bytes are name
// bytes) against the XML Name production.
func isXMLName(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return isXMLNameSlow(b)
		}
	}
	c := b[0]
	return c != '.' && c != '-' && (c < '0' || c > '9')
}

// isXMLNameSlow asks encoding/xml, whose character tables are not
// exported, whether a name with non-ASCII letters is valid: a processing
// instruction's target is checked by that test alone. Element names in a
// workbook are ASCII, so this never runs on a real file.
func isXMLNameSlow(b []byte) bool {
	doc := append(append([]byte("<?"), b...), "?>"...)
	_, err := xml.NewDecoder(bytes.NewReader(doc)).RawToken()
	return err == nil
}

func (s *xmlScanner) procInst() tokKind {
	t0, t1, ok := s.readCheckedName()
	if !ok {
		s.syntax("expected target name after <?")
		return tokNone
	}
	s.space()
	d0 := s.pos - s.mark
	var b0 byte
	for {
		b, ok := s.mustgetc()
		if !ok {
			return tokNone
		}
		if b0 == '?' && b == '>' {
			break
		}
		b0 = b
	}
	s.nm = nameSpan{t0, t0, t0, t1}
	s.text0, s.text1, s.textInScratch = d0, s.pos-s.mark-2, false
	if string(s.local()) == "xml" && !s.declaration(string(s.text())) {
		return tokNone
	}
	return tokProcInst
}

// declaration applies an <?xml ...?> declaration as encoding/xml does:
// only version 1.0; a declared encoding other than UTF-8 is decoded from
// here on by the same WHATWG table excelize's CharsetReader uses.
func (s *xmlScanner) declaration(content string) bool {
	if ver := procInstParam("version", content); ver != "" && ver != "1.0" {
		s.err = &xmlSyntaxError{fmt.Sprintf("unsupported version %q; only version 1.0 is supported", ver)}
		return false
	}
	enc := procInstParam("encoding", content)
	if enc == "" || strings.EqualFold(enc, "utf-8") {
		return true
	}
	rest := bytes.Clone(s.buf[s.pos:s.end])
	s.end = s.pos
	tail := s.rd
	if s.rdErr != nil {
		tail = errReader{s.rdErr}
	}
	r, err := charsetReader(enc, io.MultiReader(bytes.NewReader(rest), tail))
	if err != nil {
		s.err = &xmlSyntaxError{fmt.Sprintf("opening charset %q: %v", enc, err)}
		return false
	}
	s.rd, s.rdErr = r, nil
	return true
}

// charsetReader decodes a part declared in another encoding than UTF-8,
// as golang.org/x/net/html/charset.NewReaderLabel (excelize's) does: by
// the WHATWG names.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	e, err := htmlindex.Get(label)
	if err != nil {
		return nil, err
	}
	return e.NewDecoder().Reader(r), nil
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// procInstParam is encoding/xml's procInst: the value of param="..." in
// a processing instruction, found as loosely as it finds it.
func procInstParam(param, s string) string {
	param += "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}

// bang reads what follows <!: a comment, a CDATA section or a directive.
func (s *xmlScanner) bang() tokKind {
	b, ok := s.mustgetc()
	if !ok {
		return tokNone
	}
	switch b {
	case '-':
		return s.comment()
	case '[':
		for i := 0; i < len("CDATA["); i++ {
			if b, ok = s.mustgetc(); !ok {
				return tokNone
			}
			if b != "CDATA["[i] {
				s.syntax("invalid <![ sequence")
				return tokNone
			}
		}
		if !s.readText(-1, true) {
			return tokNone
		}
		return tokText
	}
	return s.directive(b)
}

func (s *xmlScanner) comment() tokKind {
	b, ok := s.mustgetc()
	if !ok {
		return tokNone
	}
	if b != '-' {
		s.syntax("invalid sequence <!- not part of <!--")
		return tokNone
	}
	d0 := s.pos - s.mark
	var b0, b1 byte
	for {
		if b, ok = s.mustgetc(); !ok {
			return tokNone
		}
		if b0 == '-' && b1 == '-' {
			if b != '>' {
				s.syntax(`invalid sequence "--" not allowed in comments`)
				return tokNone
			}
			break
		}
		b0, b1 = b1, b
	}
	s.text0, s.text1, s.textInScratch = d0, s.pos-s.mark-3, false
	return tokComment
}

// directive reads <!DOCTYPE ...> and the like, as Decoder.rawToken does:
// quoted > and nested <...> do not end it, and comments inside become a
// space.
func (s *xmlScanner) directive(first byte) tokKind {
	out := append(s.scratch[:0], first)
	var inquote byte
	depth := 0
	for {
		b, ok := s.mustgetc()
		if !ok {
			return tokNone
		}
		if inquote == 0 && b == '>' && depth == 0 {
			break
		}
	handle:
		out = append(out, b)
		switch {
		case b == inquote:
			inquote = 0
		case inquote != 0:
		case b == '\'' || b == '"':
			inquote = b
		case b == '>':
			depth--
		case b == '<':
			const open = "!--"
			for i := 0; i < len(open); i++ {
				if b, ok = s.mustgetc(); !ok {
					return tokNone
				}
				if b != open[i] {
					out = append(out, open[:i]...)
					depth++
					goto handle
				}
			}
			out = out[:len(out)-1]
			var b0, b1 byte
			for {
				if b, ok = s.mustgetc(); !ok {
					return tokNone
				}
				if b0 == '-' && b1 == '-' && b == '>' {
					break
				}
				b0, b1 = b1, b
			}
			out = append(out, ' ')
		}
	}
	s.scratch = out
	s.text0, s.text1, s.textInScratch = 0, len(out), true
	return tokDirective
}

// endErr is the error behind a tokNone: a syntax or read error, or
// io.EOF at a clean end.
func (s *xmlScanner) endErr() error {
	if s.err != nil {
		return s.err
	}
	return io.EOF
}

// skip consumes the rest of the element just started (Decoder.Skip).
func (s *xmlScanner) skip() error {
	depth := 0
	for {
		switch s.next() {
		case tokNone:
			return s.endErr()
		case tokStart:
			depth++
		case tokEnd:
			if depth == 0 {
				return nil
			}
			depth--
		}
	}
}

// elemText appends the character data directly inside the element just
// started to dst and consumes the element: what Decoder.DecodeElement
// stores in a string, or in a struct's ",chardata" field. Text inside
// nested elements is skipped.
func (s *xmlScanner) elemText(dst []byte) ([]byte, error) {
	for {
		switch s.next() {
		case tokNone:
			return dst, s.endErr()
		case tokStart:
			if err := s.skip(); err != nil {
				return dst, err
			}
		case tokEnd:
			return dst, nil
		case tokText:
			dst = append(dst, s.text()...)
		}
	}
}

// maxUnmarshalDepth is encoding/xml's: it refuses to decode an element
// nested deeper than this.
const maxUnmarshalDepth = 10000

var errUnmarshalDepth = errors.New("exceeded max depth")

// checkDepth is the test encoding/xml makes before decoding each element
// into a value.
func (s *xmlScanner) checkDepth() error {
	if s.depth > maxUnmarshalDepth {
		return errUnmarshalDepth
	}
	return nil
}
