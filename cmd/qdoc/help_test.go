package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/xuri/excelize/v2"
)

// allCommands walks the command tree the way a user meets it: every
// command --help reaches, cobra's own help and completion included.
func allCommands(c *cobra.Command) []*cobra.Command {
	out := []*cobra.Command{c}
	for _, sub := range c.Commands() {
		if sub.Hidden || sub.Name() == cobra.ShellCompRequestCmd || sub.Name() == cobra.ShellCompNoDescRequestCmd {
			continue
		}
		out = append(out, allCommands(sub)...)
	}
	return out
}

func testRoot() *cobra.Command {
	var g globalOptions
	return newRoot(&g, &bytes.Buffer{}, &bytes.Buffer{})
}

// TestHelpTeaches: every command's --help has a one-line purpose, an
// example and the exit codes; help topics have their text.
func TestHelpTeaches(t *testing.T) {
	for _, c := range allCommands(testRoot()) {
		path := c.CommandPath()
		if strings.TrimSpace(c.Short) == "" || strings.Contains(c.Short, "\n") {
			t.Errorf("%s: no one-line Short", path)
		}
		if c.IsAdditionalHelpTopicCommand() {
			if len(c.Long) < 200 {
				t.Errorf("%s: help topic without its text", path)
			}
			continue
		}
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("%s: no Example", path)
		}
		var out bytes.Buffer
		args := append(strings.Fields(path)[1:], "--help")
		if code := Execute(args, &out, &out); code != 0 {
			t.Errorf("%s --help: exit %d", path, code)
		}
		for _, want := range []string{"Examples:", "EXIT STATUS", "4  integrity failure", c.Short} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("%s --help lacks %q:\n%s", path, want, out.String())
			}
		}
	}
}

// TestHelpExamplesParse: every qdoc command line in an Example names a
// real command, with flags it has and the arguments it takes, so an
// example copied from --help is never refused as usage.
func TestHelpExamplesParse(t *testing.T) {
	for _, c := range allCommands(testRoot()) {
		for _, line := range exampleCommands(c.Example) {
			if err := parseExample(line); err != nil {
				t.Errorf("%s example %q: %v", c.CommandPath(), line, err)
			}
		}
	}
	for _, line := range exampleCommands(workflowText) {
		if err := parseExample(line); err != nil {
			t.Errorf("workflow %q: %v", line, err)
		}
	}
}

// parseExample resolves words (without "qdoc") on a fresh command tree
// and checks its flags and arguments as cobra would before running it.
func parseExample(words []string) error {
	root := testRoot()
	c, rest, err := root.Find(words)
	if err != nil {
		return err
	}
	if err := c.ParseFlags(rest); err != nil {
		return err
	}
	return c.ValidateArgs(c.Flags().Args())
}

// exampleCommands finds the qdoc command lines in help text, each as
// its words after "qdoc": lines continued with a trailing backslash are
// joined; shell around the command ($(…), <(…), pipes, redirections,
// comments) is cut away.
func exampleCommands(text string) [][]string {
	var out [][]string
	for _, line := range joinContinued(text) {
		i := strings.Index(line, "qdoc ")
		if i < 0 || (i > 0 && !strings.ContainsRune(" (", rune(line[i-1]))) {
			continue
		}
		words := shellWords(line[i+len("qdoc "):])
		if len(words) > 0 {
			out = append(out, words)
		}
	}
	return out
}

func joinContinued(text string) []string {
	var out []string
	cur := ""
	for _, l := range strings.Split(text, "\n") {
		if strings.HasSuffix(l, " \\") {
			cur += strings.TrimSuffix(l, "\\")
			continue
		}
		out = append(out, cur+l)
		cur = ""
	}
	return out
}

// shellWords splits a command line as a shell would for our examples:
// '…' and "…" quote, a backslash is a Windows path separator (not an
// escape), and an unquoted ) | > ; # or && ends the command.
func shellWords(s string) []string {
	var words []string
	var cur strings.Builder
	in, quote := false, rune(0)
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				words, in = append(words, cur.String()), false
				cur.Reset()
			}
		case strings.ContainsRune(")|>;#&", r):
			if in {
				words = append(words, cur.String())
			}
			return words
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if in {
		words = append(words, cur.String())
	}
	return words
}

// TestWorkflowCommandsRun: `qdoc help workflow` shows real commands. The
// script help_workflow.txtar runs a fresh workspace through the quarter;
// each command the walkthrough shows must be run there, word for word and
// in the same order, so the text is proven by a passing script.
func TestWorkflowCommandsRun(t *testing.T) {
	script, err := os.ReadFile("testdata/script/help_workflow.txtar")
	if err != nil {
		t.Fatal(err)
	}
	var ran [][]string
	for _, l := range strings.Split(string(script), "\n") {
		if w, ok := strings.CutPrefix(strings.TrimSpace(l), "exec qdoc "); ok {
			ran = append(ran, shellWords(w))
		}
	}
	want := exampleCommands(workflowText)
	if len(want) < 10 {
		t.Fatalf("workflow shows only %d commands", len(want))
	}
	next := 0
	for _, w := range want {
		i := slices.IndexFunc(ran[next:], func(r []string) bool { return slices.Equal(r, w) })
		if i < 0 {
			t.Errorf("help workflow shows `qdoc %s`, which help_workflow.txtar does not run (after its command %d)", strings.Join(w, " "), next)
			continue
		}
		next += i + 1
	}
}

func TestShellWords(t *testing.T) {
	tests := map[string][]string{
		`info close N --feedback "已整改，复查合格" --date 2026-09-20`: {"info", "close", "N", "--feedback", "已整改，复查合格", "--date", "2026-09-20"},
		`-c D:\质管部\config.yaml run`:                            {"-c", `D:\质管部\config.yaml`, "run"},
		`verify --archive E:\归档副本 --expect 3f1c…   # a copy`:   {"verify", "--archive", `E:\归档副本`, "--expect", "3f1c…"},
		`doc revise X --reason 'a b')`:                         {"doc", "revise", "X", "--reason", "a b"},
		`completion bash > /etc/bash_completion.d/qdoc`:        {"completion", "bash"},
		`run --json | jq .new`:                                 {"run", "--json"},
	}
	for in, want := range tests {
		if got := shellWords(in); !slices.Equal(got, want) {
			t.Errorf("shellWords(%q) = %q, want %q", in, got, want)
		}
	}
}

// helpExamplePlan is the order TestHelpExamplesRun runs the examples in,
// one workspace through a quarter: check and run the bundled example, a
// register imported by hand, entries looked at and closed, forms, a
// document's whole revision, the quarter's report, the archive, the
// change log, verify, a backup restored. Every command with examples is
// here once; before prepares what that command's examples need.
var helpExamplePlan = []exampleStep{
	{cmd: "qdoc init"},
	{cmd: "qdoc check", before: func(t *testing.T, e *exampleEnv) {
		// The officer fills the register and saves it into the new
		// workspace's inbox, as `qdoc help workflow` says.
		copyFile(t, "质量信息登记表.xlsx", e.path(`D:\质管部\inbox\2026年第四季度登记.xlsx`))
	}},
	{cmd: "qdoc run"},
	{cmd: "qdoc", before: func(t *testing.T, e *exampleEnv) {
		copyFile(t, "质量信息登记表.xlsx", filepath.Join("质管部", "inbox", "2026年第四季度登记.xlsx"))
	}},
	{cmd: "qdoc import"},
	{cmd: "qdoc info list"},
	{cmd: "qdoc info show"},
	{cmd: "qdoc info close"},
	{cmd: "qdoc info"},
	{cmd: "qdoc forms print"},
	{cmd: "qdoc forms blank"},
	{cmd: "qdoc forms reissue"},
	{cmd: "qdoc forms"},
	{cmd: "qdoc info void"},
	{cmd: "qdoc doc add"},
	{cmd: "qdoc doc import"},
	{cmd: "qdoc doc list"},
	{cmd: "qdoc doc show"},
	{cmd: "qdoc doc periodic"},
	{cmd: "qdoc doc revise"},
	{cmd: "qdoc doc review"},
	{cmd: "qdoc doc approve"},
	{cmd: "qdoc doc issue"},
	{cmd: "qdoc doc print"},
	{cmd: "qdoc doc recall"},
	{cmd: "qdoc doc train"},
	{cmd: "qdoc doc destroy", before: func(t *testing.T, e *exampleEnv) {
		// The recall example brings back one department's copy; the
		// others come back too before the old version can be destroyed.
		for _, dept := range []string{"质管部", "采购部", "销售部"} {
			e.mustRun(t, "doc", "recall", "LDMD-QP-003@A/0", "--dept", dept, "--date", "2026-09-14")
		}
	}},
	{cmd: "qdoc doc"},
	{cmd: "qdoc doc reject"},
	{cmd: "qdoc report quarter"},
	{cmd: "qdoc report"},
	{cmd: "qdoc archive status"},
	{cmd: "qdoc archive put"},
	{cmd: "qdoc archive"},
	{cmd: "qdoc log"},
	{cmd: "qdoc remind"},
	{cmd: "qdoc verify", before: func(t *testing.T, e *exampleEnv) {
		// verify --archive checks a copy of the archive, as an
		// inspector gets it on another drive.
		copyTree(t, filepath.Join("example", "archive"), e.path(`E:\归档副本`))
	}},
	{cmd: "qdoc backup"},
	{cmd: "qdoc restore"},
	{cmd: "qdoc schedule"},
	{cmd: "qdoc version"},
	{cmd: "qdoc help"},
	{cmd: "qdoc completion"},
	{cmd: "qdoc completion bash"},
	{cmd: "qdoc completion zsh"},
	{cmd: "qdoc completion fish"},
	{cmd: "qdoc completion powershell"},
}

type exampleStep struct {
	cmd    string // the command path, as --help names it
	before func(t *testing.T, e *exampleEnv)
}

// boundedExamples: a command that stays in the foreground runs with these
// arguments added, so it prints its plan and exits.
var boundedExamples = map[string][]string{
	"qdoc schedule": {"--list"},
}

// exampleExit is the exit code an example showing a refusal must end
// with, as its help text promises; every other example must exit 0.
// No example shows a refusal today.
var exampleExit = map[string]int{}

// exampleEnv is what the examples run with besides the workspace (the
// working directory): the folder standing in for Windows drives, and the
// chain hash a reader would have noted.
type exampleEnv struct {
	drives string // D:\质管部 is drives/D/质管部
	head   string // the last archive chain hash an example printed
}

var (
	windowsPath = regexp.MustCompile(`^([A-Za-z]):\\(.*)$`)
	chainHead   = regexp.MustCompile(`归档清单链尾哈希: ([0-9a-f]{64})`)
	// a chain hash written down earlier, shown abbreviated: "3f1c…"
	abbreviatedHash = regexp.MustCompile(`^[0-9a-f]{4,}…$`)
)

// path maps a Windows path of an example (D:\质管部\config.yaml) to the
// same path under the test's stand-in for drive D.
func (e *exampleEnv) path(w string) string {
	m := windowsPath.FindStringSubmatch(w)
	if m == nil {
		return w
	}
	return filepath.Join(e.drives, strings.ToUpper(m[1]), filepath.FromSlash(strings.ReplaceAll(m[2], `\`, "/")))
}

// args are an example's words as run here: Windows paths mapped, and an
// abbreviated hash, which the reader replaces with the one they noted,
// replaced with the chain hash the workspace printed last.
func (e *exampleEnv) args(t *testing.T, words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		switch {
		case windowsPath.MatchString(w):
			w = e.path(w)
		case abbreviatedHash.MatchString(w):
			if e.head == "" {
				t.Fatalf("an example names a chain hash (%s) before any example printed one", w)
			}
			w = e.head
		}
		out[i] = w
	}
	return out
}

func (e *exampleEnv) run(args []string) (int, string) {
	var stdout, stderr bytes.Buffer
	code := Execute(args, &stdout, &stderr)
	out := stdout.String() + stderr.String()
	if m := chainHead.FindAllStringSubmatch(out, -1); m != nil {
		e.head = m[len(m)-1][1]
	}
	return code, out
}

func (e *exampleEnv) mustRun(t *testing.T, args ...string) {
	t.Helper()
	if code, out := e.run(args); code != 0 {
		t.Fatalf("preparing: qdoc %s: exit %d\n%s", strings.Join(args, " "), code, out)
	}
}

// TestHelpExamplesRun runs every qdoc command line of every command's
// Example, in the order of helpExamplePlan, on one workspace made from
// the bundled example (config.yaml and example/inbox, as copyExample
// gives scripts), with today pinned to 2026-11-28, and checks each exits
// 0 (or as exampleExit says). Of a shell line only the qdoc command is
// run, without the shell around it ($(…), <(…), pipes, redirections);
// Windows paths (D:\…, E:\…) are folders under the test's temporary
// directory; a line shown twice (a parent command repeating a
// subcommand's example) runs the first time.
func TestHelpExamplesRun(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	ws := filepath.Join(tmp, "ws")
	if err := copyExample(root, ws); err != nil {
		t.Fatal(err)
	}
	prepareExampleFiles(t, ws)
	t.Chdir(ws)
	t.Setenv("QDOC_NOW", "2026-11-28")
	t.Setenv("QDOC_CONFIG", "")
	e := &exampleEnv{drives: filepath.Join(tmp, "drives")}

	byPath := map[string]*cobra.Command{}
	for _, c := range allCommands(testRoot()) {
		byPath[c.CommandPath()] = c
	}
	planned := map[string]bool{}
	for _, s := range helpExamplePlan {
		if c := byPath[s.cmd]; c == nil || len(exampleCommands(c.Example)) == 0 || planned[s.cmd] {
			t.Errorf("helpExamplePlan: %q is not a command with examples, or is there twice", s.cmd)
		}
		planned[s.cmd] = true
	}
	for p, c := range byPath {
		if len(exampleCommands(c.Example)) > 0 && !planned[p] {
			t.Errorf("%s has examples but no place in helpExamplePlan: add it where its examples can run", p)
		}
	}
	if t.Failed() {
		t.FailNow()
	}

	ran, bounded, repeated := 0, 0, 0
	seen := map[string]bool{}
	for _, s := range helpExamplePlan {
		if s.before != nil {
			s.before(t, e)
		}
		for _, words := range exampleCommands(byPath[s.cmd].Example) {
			line := "qdoc " + strings.Join(words, " ")
			if seen[line] {
				repeated++
				continue
			}
			seen[line] = true
			args := e.args(t, words)
			if c, _, err := testRoot().Find(args); err == nil {
				if extra := boundedExamples[c.CommandPath()]; extra != nil && !slices.Contains(args, extra[0]) {
					args = append(args, extra...)
					bounded++
				}
			}
			code, out := e.run(args)
			ran++
			t.Logf("%s: exit %d", line, code)
			if want := exampleExit[line]; code != want {
				t.Errorf("%s example `%s`: exit %d, want %d\n%s", s.cmd, line, code, want, out)
			}
		}
	}
	for line := range exampleExit {
		if !seen[line] {
			t.Errorf("exampleExit names %q, which no help shows", line)
		}
	}
	t.Logf("ran %d example lines (%d bounded), skipped none; %d lines repeated in a parent's help ran once", ran, bounded, repeated)
}

// prepareExampleFiles puts in the workspace the files the examples name:
// a filled-in register of the fourth quarter, an old register with its
// own 2025 numbers, the list of documents in force, the documents
// themselves and the report's signed distribution sheet.
func prepareExampleFiles(t *testing.T, ws string) {
	intake := "编号,接收日期,信息渠道,信息类别,等级,标题,内容,报告部门,涉及部门,处理措施,反馈结果,状态,关闭日期"
	writeSheet(t, filepath.Join(ws, "质量信息登记表.xlsx"), "质量信息登记表 2026年第四季度", intake+`
,2026-10-12,外部,用户投诉,B,客户反映医用外科口罩耳带脱落,某诊所反映一箱医用外科口罩多只耳带脱落,销售部,销售部、质管部,联系生产企业调查,,处理中,
,2026-11-05,内部,验收储存出库,C,到货冷链产品外箱破损,收货时发现一件冷链产品外箱破损，内包装完好,仓储部,仓储部,拒收破损件并通知供应商,供应商已补发,已关闭,2026-11-08
,2026-11-20,外部,监管通报,B,省局部署医疗器械冷链储运专项检查,省局通知年底前开展冷链储运专项检查,质管部,质管部、仓储部,组织自查,,处理中,`)
	writeSheet(t, filepath.Join(ws, "2025年质量信息台帐.xlsx"), "质量信息台帐 2025年", intake+`
LDMD-FM-30-2025-0039,2025-11-18,外部,监管通报,B,市局通报医用口罩抽检结果,市局通报部分批次医用口罩抽检不合格,质管部,质管部、采购部,核查在库批次,在库批次不涉及,已关闭,2025-11-20
LDMD-FM-30-2025-0040,2025-12-01,内部,验收储存出库,C,到货体温计缺少合格证,到货的电子体温计缺少产品合格证,仓储部,仓储部,通知供应商补寄,合格证已补寄，验收通过,已关闭,2025-12-04
LDMD-FM-30-2025-0041,2025-12-20,外部,用户投诉,B,客户反映轮椅刹车失灵,某养老院反映一台轮椅刹车失灵,销售部,销售部、质管部,联系生产企业上门维修,已维修，客户确认,已关闭,2025-12-26`)
	writeSheet(t, filepath.Join(ws, "受控文件清单.xlsx"), "受控文件清单", `文件编号,文件名称,版本,归口部门,持有部门,发放日期,生效日期,复审周期
LDMD-QP-001,文件控制程序,A/1,质管部,质管部、采购部、仓储部、销售部,2024-03-01,2024-03-01,24m
LDMD-QP-002,首营企业和首营品种审核制度,A/0,采购部,质管部、采购部,2025-01-06,2025-01-06,24m
LDMD-QP-004,医疗器械储存养护管理制度,B/0,仓储部,质管部、仓储部,2025-06-02,2025-06-02,24m`)
	for name, text := range map[string]string{
		"质量信息管理制度.docx":    "PK\x03\x04 质量信息管理制度 A/0",
		"质量信息管理制度A1.docx":  "PK\x03\x04 质量信息管理制度 A/1",
		"2026年第三季度签到表.pdf": "%PDF-1.4 2026年第三季度质量信息汇总分析表 各部门签收",
	} {
		if err := os.WriteFile(filepath.Join(ws, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// writeSheet writes CSV text (no quoting) as a workbook, under a title
// row as clerks make them.
func writeSheet(t *testing.T, path, title, text string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellStr("Sheet1", "A1", title)
	for r, line := range strings.Split(text, "\n") {
		for c, v := range strings.Split(line, ",") {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+3)
			f.SetCellStr("Sheet1", cell, v)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err == nil {
		err = os.WriteFile(dst, b, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// copyTree copies the folders and files under src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
