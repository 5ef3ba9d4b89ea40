package intake

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/text/encoding/htmlindex"
)

// goTokens is what encoding/xml's Decoder.Token yields for data, as
// excelize sets it up, each token printed; failed tells whether it
// stopped on an error rather than at the end.
func goTokens(data []byte) (toks []string, failed bool) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		// golang.org/x/net/html/charset.NewReaderLabel, which excelize
		// uses, is htmlindex.Get and a transform reader.
		e, err := htmlindex.Get(label)
		if err != nil {
			return nil, err
		}
		return e.NewDecoder().Reader(r), nil
	}
	for {
		t, err := d.Token()
		if err != nil {
			return toks, err != io.EOF
		}
		toks = append(toks, showToken(t))
	}
}

func showToken(t xml.Token) string {
	switch t := t.(type) {
	case xml.StartElement:
		s := fmt.Sprintf("<%q %q", t.Name.Space, t.Name.Local)
		for _, a := range t.Attr {
			s += fmt.Sprintf(" %q %q=%q", a.Name.Space, a.Name.Local, a.Value)
		}
		return s + ">"
	case xml.EndElement:
		return fmt.Sprintf("</%q %q>", t.Name.Space, t.Name.Local)
	case xml.CharData:
		return fmt.Sprintf("text %q", t)
	case xml.Comment:
		return fmt.Sprintf("comment %q", t)
	case xml.ProcInst:
		return fmt.Sprintf("pi %q %q", t.Target, t.Inst)
	case xml.Directive:
		return fmt.Sprintf("directive %q", t)
	}
	return fmt.Sprintf("? %T", t)
}

// scanTokens is the same for xmlScanner, reading through a tiny buffer
// one byte at a time when slow is set, so that every token straddles a
// refill somewhere.
func scanTokens(data []byte, slow bool) (toks []string, failed bool) {
	var r io.Reader = bytes.NewReader(data)
	var buf []byte
	if slow {
		r, buf = iotest.OneByteReader(r), make([]byte, 8)
	}
	s := newXMLScanner(r, buf)
	for {
		k := s.next()
		if k == tokNone {
			return toks, s.err != nil
		}
		var t xml.Token
		switch k {
		case tokStart:
			e := xml.StartElement{Name: xml.Name{Space: s.nsOf(s.name(), true), Local: string(s.local())}}
			for i := range s.spans {
				n := s.attrName(i)
				e.Attr = append(e.Attr, xml.Attr{Name: xml.Name{Space: s.nsOf(n, false), Local: string(n.local)}, Value: string(s.attrValue(i))})
			}
			t = e
		case tokEnd:
			t = xml.EndElement{Name: xml.Name{Space: s.nsOf(s.name(), true), Local: string(s.local())}}
		case tokText:
			t = xml.CharData(s.text())
		case tokComment:
			t = xml.Comment(s.text())
		case tokProcInst:
			t = xml.ProcInst{Target: string(s.local()), Inst: s.text()}
		case tokDirective:
			t = xml.Directive(s.text())
		}
		toks = append(toks, showToken(t))
	}
}

func checkScanner(t *testing.T, data []byte) {
	want, wantFail := goTokens(data)
	for _, slow := range []bool{false, true} {
		got, gotFail := scanTokens(data, slow)
		if strings.Join(got, "\n") != strings.Join(want, "\n") || gotFail != wantFail {
			t.Fatalf("input %q (slow %v)\nencoding/xml (failed %v):\n  %s\nscanner (failed %v):\n  %s",
				data, slow, wantFail, strings.Join(want, "\n  "), gotFail, strings.Join(got, "\n  "))
		}
	}
}

var scannerSeeds = []string{
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData><row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t xml:space="preserve"> a&amp;b </t></is></c></row></sheetData></worksheet>`,
	`<x:worksheet xmlns:x="u"><x:sheetData><x:row><x:c><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
	`<a xmlns="u1"><b xmlns="u2"><c/></b><c xmlns:p="u3" p:q="1" q="2"/></a>`,
	`<a>&lt;&gt;&amp;&apos;&quot;&#65;&#x42;&#xD800;&#x10FFFF;</a>`,
	`<a>&#0;</a>`, `<a>&#x110000;</a>`, `<a>&#X41;</a>`, `<a>&#x;</a>`, `<a>&nbsp;</a>`, `<a>&amp</a>`, `<a b="&amp"/>`,
	`<a><![CDATA[<b>&amp;]]]]><![CDATA[>]]></a>`, `<a><![CDATA[x`, `<a>]]></a>`, `<a>]]&gt;</a>`, `<a>] ]></a>`,
	"<a>x\r\ny\rz\n\r</a>", "<a b='x\r\ny\tz'/>", "<a>\x01</a>", "<a>\xff</a>", "<a>\uFFFE</a>", "<a>\uFFFD</a>",
	`<!DOCTYPE a [<!ENTITY e "x"> <!-- c -->]><a>&e;</a>`, `<!DOCTYPE a "x>y" [<b>]>`, `<!x<!-y>`, `<!`,
	`<!-- a -- b -->`, `<!---->`, `<!--->-->`, `<!-x>`, `<![CDAT[x]]>`,
	`<?pi data ?><?pi?><?xml-stylesheet href="a"?><a/>`, `<?xml version="1.1"?><a/>`, `<? x?>`, `<?9?>`,
	`<?xml version="1.0" encoding="windows-1252"?><a>` + "\xe9\x80" + `</a>`,
	`<?xml version="1.0" encoding="gbk"?><a>` + "\xb1\xea\xcc\xe2" + `</a>`,
	`<?xml encoding="bogus"?><a/>`, `<?xml encoding='utf8'?><a>` + "\xff" + `</a>`,
	`<a b="1"c="2" d = '3' />`, `<a b=1/>`, `<a b/>`, `<a b="<"/>`, `<a/ >`, `<a / >`, `< a/>`, `<a></b>`, `</a>`, `<a><b></a></b>`,
	`<a:b:c/>`, `<:a/>`, `<a:/>`, `<a::b/>`, `<x:a></y:a>`, `<x:a xmlns:x="1"></x:a>`, `<xml:a/>`, `<xmlns:a/>`, `<xmlns/>`,
	`<a xmlns:x="" x:b="1"><x:c/></a>`, `<a xmlns:="1"/>`, `<-a/>`, `<.a/>`, `<1a/>`, `<_a.-1/>`, `<表/>`, "<a\u00b7b/>", "<\u00b7a/>", "<a\xffb/>",
	`<a>`, `<a`, `<a b="1`, `<a b=`, `</a`, `<a></a`, ``, `text only`, `<a/><b/>trailing`, `<a/>&bad;`,
}

func TestXMLScannerMatchesEncodingXML(t *testing.T) {
	for _, s := range scannerSeeds {
		checkScanner(t, []byte(s))
	}
}

func FuzzXMLScannerMatchesEncodingXML(f *testing.F) {
	for _, s := range scannerSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkScanner(t, data) })
}
