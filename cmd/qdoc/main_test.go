package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/form/pdftext"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestMain lets the test binary act as qdoc inside scripts, so every
// script drives the real command line end to end.
func TestMain(m *testing.M) {
	config.AllowPinnedClock() // QDOC_NOW pins "today" in scripts and crash tests
	testscript.Main(m, map[string]func(){
		"qdoc": func() { os.Exit(Execute(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("QDOC_NOW", "2026-11-28")
			root, _ := filepath.Abs("../..")
			env.Setenv("REPO", root)
			return copyExample(root, filepath.Join(env.WorkDir, "example-ws"))
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"mkxlsx":    cmdMkxlsx,
			"inertxlsx": cmdInertxlsx,
			"mksheets":  cmdMksheets,
			"xlsxdump":  cmdXlsxdump,
			"gbk":       cmdGBK,
			"zipbomb":   cmdZipbomb,
			"pdftext":   cmdPdftext,
			"grepcount": cmdGrepcount,
			"zipls":     cmdZipls,
			"jsonvalid": cmdJSONValid,
			"jsonpath":  cmdJSONPath,
			"crlf":      cmdCRLF,
			"mkfont":    cmdMkfont,
		},
	})
}

// mkxlsx OUT.xlsx IN.csv [TITLE]: a workbook from CSV text, with an
// optional title row above the header as clerks make them.
func cmdMkxlsx(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: mkxlsx OUT.xlsx IN.csv [TITLE]")
	}
	r := csv.NewReader(strings.NewReader(ts.ReadFile(args[1])))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	recs, err := r.ReadAll()
	ts.Check(err)
	f := excelize.NewFile()
	sh := "Sheet1"
	row := 1
	if len(args) > 2 {
		f.SetCellStr(sh, "A1", args[2])
		row = 3
	}
	for _, rec := range recs {
		for i, v := range rec {
			c, _ := excelize.CoordinatesToCellName(i+1, row)
			f.SetCellStr(sh, c, v)
		}
		row++
	}
	ts.Check(f.SaveAs(ts.MkAbs(args[0])))
}

// mksheets OUT.xlsx NAME IN.csv [NAME IN.csv]...: a workbook with one
// sheet per CSV, each from row 1, as a clerk keeps one sheet per month.
func cmdMksheets(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 3 || len(args)%2 != 1 {
		ts.Fatalf("usage: mksheets OUT.xlsx NAME IN.csv [NAME IN.csv]...")
	}
	f := excelize.NewFile()
	for i := 1; i < len(args); i += 2 {
		sh := args[i]
		if i == 1 {
			ts.Check(f.SetSheetName("Sheet1", sh))
		} else if _, err := f.NewSheet(sh); err != nil {
			ts.Fatalf("sheet %s: %v", sh, err)
		}
		r := csv.NewReader(strings.NewReader(ts.ReadFile(args[i+1])))
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		ts.Check(err)
		for row, rec := range recs {
			for col, v := range rec {
				c, _ := excelize.CoordinatesToCellName(col+1, row+1)
				ts.Check(f.SetCellStr(sh, c, v))
			}
		}
	}
	ts.Check(f.SaveAs(ts.MkAbs(args[0])))
}

// xlsxdump FILE [SHEET]: prints every row as tab-separated values.
func cmdXlsxdump(ts *testscript.TestScript, neg bool, args []string) {
	f, err := excelize.OpenFile(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	sh := f.GetSheetName(0)
	if len(args) > 1 {
		sh = args[1]
	}
	rows, err := f.GetRows(sh)
	ts.Check(err)
	for i, r := range rows {
		fmt.Fprintf(ts.Stdout(), "%d\t%s\n", i+1, strings.Join(r, "\t"))
	}
}

// gbk IN OUT: re-encodes UTF-8 text as GBK, as Excel on Chinese Windows saves CSV.
func cmdGBK(ts *testscript.TestScript, neg bool, args []string) {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(ts.ReadFile(args[0])))
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), b, 0o644))
}

// zipbomb OUT.xlsx: a small xlsx whose sheet inflates to gigabytes.
func cmdZipbomb(ts *testscript.TestScript, neg bool, args []string) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		w, _ := zw.Create(n)
		w.Write([]byte(`<?xml version="1.0"?><x/>`))
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	ts.Check(err)
	zeros := make([]byte, 1<<20)
	for i := 0; i < 2048; i++ {
		w.Write(zeros)
	}
	ts.Check(zw.Close())
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), buf.Bytes(), 0o644))
}

// copyExample gives each script its own copy of the bundled example
// workspace (config.yaml and example/inbox), so scripts can run it.
func copyExample(root, dst string) error {
	cfg, err := os.ReadFile(filepath.Join(root, "config.yaml"))
	if err != nil {
		return err
	}
	inbox := filepath.Join(dst, "example", "inbox")
	if err := os.MkdirAll(inbox, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dst, "config.yaml"), cfg, 0o644); err != nil {
		return err
	}
	ents, err := os.ReadDir(filepath.Join(root, "example", "inbox"))
	if err != nil {
		return err
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(root, "example", "inbox", e.Name()))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(inbox, e.Name()), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// grepcount REGEX FILE: prints how many lines of FILE match REGEX, so a
// script can compare counts (e.g. ledger rows of a quarter with a report).
func cmdGrepcount(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: grepcount REGEX FILE")
	}
	re, err := regexp.Compile(args[0])
	ts.Check(err)
	n := 0
	for _, l := range strings.Split(ts.ReadFile(args[1]), "\n") {
		if re.MatchString(l) {
			n++
		}
	}
	fmt.Fprintln(ts.Stdout(), n)
}

// inertxlsx DIR TEXT...: every workbook under DIR has no formula, and
// each TEXT (formula-looking on purpose) appears in some workbook as a
// stored string — user data is written inert (CWE-1236). Prints the
// workbooks checked.
func cmdInertxlsx(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: inertxlsx DIR TEXT...")
	}
	found := map[string]bool{}
	n := 0
	err := filepath.WalkDir(ts.MkAbs(args[0]), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".xlsx") {
			return err
		}
		n++
		zr, err := zip.OpenReader(p)
		if err != nil {
			return err
		}
		defer zr.Close()
		for _, zf := range zr.File {
			if !strings.HasPrefix(zf.Name, "xl/worksheets/") && zf.Name != "xl/sharedStrings.xml" {
				continue
			}
			rc, err := zf.Open()
			if err != nil {
				return err
			}
			var b bytes.Buffer
			_, err = b.ReadFrom(rc)
			rc.Close()
			if err != nil {
				return err
			}
			x := b.String()
			if strings.Contains(x, "<f>") || strings.Contains(x, "<f ") {
				ts.Fatalf("%s %s holds a formula", p, zf.Name)
			}
			for _, t := range args[1:] {
				if strings.Contains(x, t) {
					found[t] = true
				}
			}
		}
		return nil
	})
	ts.Check(err)
	for _, t := range args[1:] {
		if !found[t] {
			ts.Fatalf("%q is in no workbook under %s", t, args[0])
		}
	}
	fmt.Fprintf(ts.Stdout(), "%d workbooks\n", n)
}

// zipls FILE: lists the parts of a zip package (xlsx), one per line.
func cmdZipls(ts *testscript.TestScript, neg bool, args []string) {
	zr, err := zip.OpenReader(ts.MkAbs(args[0]))
	ts.Check(err)
	defer zr.Close()
	for _, f := range zr.File {
		fmt.Fprintln(ts.Stdout(), f.Name)
	}
}

// pdftext [-join] FILE: prints the PDF's text runs, one per line; with
// -join each page's runs are printed as one line, so text wrapped over
// several lines can be matched whole.
func cmdPdftext(ts *testscript.TestScript, neg bool, args []string) {
	join := len(args) > 1 && args[0] == "-join"
	if join {
		args = args[1:]
	}
	b, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	pages, err := pdftext.Pages(b)
	ts.Check(err)
	for _, runs := range pages {
		if join {
			fmt.Fprintln(ts.Stdout(), strings.Join(runs, ""))
			continue
		}
		for _, r := range runs {
			fmt.Fprintln(ts.Stdout(), r)
		}
	}
}
