// Command bench measures the core run on generated workspaces: a cold
// import of 10,000 entries from one xlsx, a rerun with nothing new, one
// new entry added to 10,000, and the FM-31 ledger of 100,000 rows. It
// builds qdoc, runs it as a user would, and reports wall time and peak
// RSS of each run. Usage: go run ./bench [-big 100000]
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

func main() {
	n := flag.Int("n", 10000, "entries in the import benchmark")
	big := flag.Int("big", 0, "entries in the ledger benchmark (0 = skip; a full run of 100,000 also renders and archives 100,000 forms: minutes and ~7 GB)")
	book := flag.String("book", "", "only write an intake workbook of -n rows to this path")
	flag.Parse()
	if *book != "" {
		writeBook(*book, *n)
		return
	}
	dir, err := os.MkdirTemp("", "qdoc-bench-")
	check(err)
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "qdoc")
	run("go", "build", "-tags", "qdocclock", "-o", bin, "./cmd/qdoc") // qdocclock: QDOC_NOW pins the day
	importBench(bin, filepath.Join(dir, "ws"), *n)
	if *big > 0 {
		ledgerBench(bin, filepath.Join(dir, "big"), *big)
	}
}

func importBench(bin, ws string, n int) {
	initWS(bin, ws)
	book := filepath.Join(ws, "inbox", "登记.xlsx")
	writeBook(book, n)
	measure(fmt.Sprintf("cold run, %d entries from one xlsx", n), bin, ws)
	measure("rerun, nothing new", bin, ws)
	writeBook(book, n+1)
	measure(fmt.Sprintf("one new entry added to %d", n), bin, ws)
}

func ledgerBench(bin, ws string, n int) {
	initWS(bin, ws)
	writeBook(filepath.Join(ws, "inbox", "登记.xlsx"), n)
	measure(fmt.Sprintf("cold run, %d entries (import + ledger)", n), bin, ws)
	ledger, _ := filepath.Glob(filepath.Join(ws, "out", "*FM-31*.xlsx"))
	for _, l := range ledger {
		os.Remove(l)
	}
	measure(fmt.Sprintf("ledger only, %d rows", n), bin, ws)
}

// initWS makes a workspace whose intake limit admits the big workbook:
// 100,000 honest rows are about 90 MB of sheet XML, over the 64 MB default.
func initWS(bin, ws string) {
	run(bin, "init", ws)
	cfg := filepath.Join(ws, "config.yaml")
	b, err := os.ReadFile(cfg)
	check(err)
	check(os.WriteFile(cfg, []byte(strings.Replace(string(b), "xlsx_mb: 64", "xlsx_mb: 512", 1)), 0o644))
}

func measure(name, bin, ws string) {
	cmd := exec.Command(bin, "-c", filepath.Join(ws, "config.yaml"), "--timings", "run")
	cmd.Env = append(os.Environ(), "QDOC_NOW=2026-11-28")
	start := time.Now()
	out, err := cmd.CombinedOutput()
	took := time.Since(start)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s failed: %v\n%s", name, err, out)
		os.Exit(1)
	}
	rss := peakRSSMB(cmd.ProcessState)
	fmt.Printf("%-45s %8.3f s  peak RSS %4d MB  %s\n", name, took.Seconds(), rss, steps(out))
}

var depts = []string{"质管部", "采购部", "仓储部", "销售部", "财务部", "行政部"}
var cats = []string{"法规政策", "标准", "监管通报", "供应商质量", "经营品种", "验收", "用户投诉"}

// writeBook writes n realistic rows; row i is the same entry in every size,
// so a book of n+1 rows is the book of n plus one new entry.
func writeBook(path string, n int) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	check(err)
	hdr := []any{"编号", "接收日期", "信息渠道", "信息类别", "等级", "标题", "内容", "报告部门", "涉及部门", "处理措施", "反馈结果", "状态", "关闭日期", "备注"}
	check(sw.SetRow("A1", hdr))
	for i := 0; i < n; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		check(sw.SetRow(cell, rowFor(i)))
	}
	check(sw.Flush())
	check(f.SaveAs(path))
}

func rowFor(i int) []any {
	recv := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%300)
	class, inv := "C", depts[i%6]
	if i%3 == 1 {
		class, inv = "B", depts[i%6]+"、"+depts[(i+1)%6]
	}
	closed, status := "", "处理中"
	if i%2 == 0 {
		closed, status = recv.AddDate(0, 0, i%9).Format("2006-01-02"), "已关闭"
	}
	title := fmt.Sprintf("第%d号质量信息：%s相关情况反馈", i+1, cats[i%7])
	content := fmt.Sprintf("编号%d的质量信息内容，涉及医疗器械验收、储存养护与出库复核环节，发现批号%06d的产品外包装存在破损情况，需相关部门核实处理并反馈结果。", i+1, i)
	return []any{"", recv.Format("2006-01-02"), []string{"政策", "内部", "外部"}[i%3], cats[i%7], class, title, content,
		depts[i%6], inv, "隔离库存并通知供应商", "", status, closed, ""}
}

func run(name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Stderr = os.Stderr
	check(cmd.Run())
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// steps picks the per-step timings qdoc --timings printed.
func steps(out []byte) string {
	var parts []string
	for _, l := range strings.Split(string(out), "\n") {
		if f := strings.Fields(l); len(f) == 3 && f[0] == "step" {
			parts = append(parts, f[1]+" "+f[2])
		}
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
