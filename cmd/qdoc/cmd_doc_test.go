package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDocExitCodes checks the exit code of each kind of doc failure: a
// step the rules refuse 1, a value that cannot be read 2; and that doc
// revise prints the serial alone on standard output.
func TestDocExitCodes(t *testing.T) {
	t.Setenv("QDOC_NOW", "2026-11-28")
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte("company: 测试\ndocuments:\n  approvers: [王五]\n"), 0o644)
	run := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := Execute(append([]string{"-c", cfg}, args...), &out, &errb)
		return code, out.String(), errb.String()
	}
	if code, _, e := run("doc", "add", "QP-1", "--title", "程序", "--owner", "质管部", "--holders", "质管部,仓储部", "--date", "2026-01-05"); code != 0 {
		t.Fatalf("add: %d %s", code, e)
	}
	code, out, _ := run("doc", "revise", "QP-1", "--reason", "改", "--by", "张三", "--date", "2026-02-01")
	if code != 0 || out != "LDMD-FM-10-2026-001\n" {
		t.Fatalf("revise: %d %q", code, out)
	}
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"doc", "approve", "LDMD-FM-10-2026-001", "--opinion", "好", "--by", "王五"}, 1, "尚未审核"},
		{[]string{"doc", "review", "LDMD-FM-10-2026-001", "--opinion", "好", "--by", "张三"}, 1, "审核人不得与申请人为同一人"},
		{[]string{"doc", "issue", "QP-1", "--request", "LDMD-FM-10-2026-001", "--version", "A/1"}, 1, "尚未审核和批准"},
		{[]string{"doc", "destroy", "QP-1@A/0"}, 1, "现行受控版本"},
		{[]string{"doc", "review", "LDMD-FM-10-2026-001", "--opinion", "好", "--by", "李四", "--date", "2026-13-01"}, 2, "不是有效的日期"},
		{[]string{"doc", "review", "LDMD-FM-10-2026-001", "--by", "李四"}, 2, "--opinion 必填"},
		{[]string{"doc", "recall", "QP-1", "--dept", "仓储部"}, 2, "文件编号@版本"},
		{[]string{"doc", "issue", "QP-1", "--request", "LDMD-FM-10-2026-001", "--version", "第二版"}, 2, "不是有效的版本号"},
		{[]string{"doc", "show", "QP-9"}, 1, "未登记"},
		{[]string{"doc", "add", "CON", "--title", "x", "--owner", "质管部"}, 2, "不能作为文件夹名"},
		{[]string{"doc", "add", "QP-2", "--title", "x", "--owner", "质管部", "--file", "CON.pdf"}, 2, "文件名不能用于存档"},
		{[]string{"doc", "add", "QP-2", "--title", "x", "--owner", "质管部", "--version", "1.0"}, 2, "不是有效的版本号"},
		{[]string{"doc", "issue", "QP-1", "--request", "LDMD-FM-10-2026-001", "--version", "0/9"}, 2, "不是有效的版本号"},
		{[]string{"doc", "add", "QP-2", "--title", "x", "--owner", "研发部", "--version", "1.0"}, 2, "研发部"},
		{[]string{"doc", "add", "QP-2", "--title", "x", "--owner", "研发部"}, 1, "不是 config.yaml 中的部门"},
		{[]string{"doc", "add", "QP-2", "--title", "x"}, 2, "--owner 必填"},
		{[]string{"doc", "recall", "QP-1@A/0"}, 2, "--dept 必填"},
		{[]string{"doc", "train", "QP-1@A/0", "--attendees", "甲,甲"}, 1, "--attendees：甲 列了两次"},
		{[]string{"doc", "issue", "QP-1", "--request", "LDMD-FM-10-2026-001", "--version", "A/1", "--trainees", "甲, 甲"}, 1, "--trainees：甲 列了两次"},
	}
	for _, c := range cases {
		code, _, e := run(c.args...)
		if code != c.code || !strings.Contains(e, c.msg) {
			t.Errorf("%v: exit %d %q, want %d and %q", c.args, code, e, c.code, c.msg)
		}
	}
}

// TestDocRefusedLeavesNoStore: a doc command refused on a fresh workspace
// (a bad value, a document or request that cannot exist yet, a rejected
// list) creates neither the store nor its folder.
func TestDocRefusedLeavesNoStore(t *testing.T) {
	t.Setenv("QDOC_NOW", "2026-11-28")
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte("company: 测试\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "bad.csv"), []byte("文件编号,文件名称,版本,归口部门,生效日期\nQP-1,程序,第一版,质管部,2026-01-05\n"), 0o644)
	for _, args := range [][]string{
		{"doc", "add", "CON", "--title", "x", "--owner", "质管部"},
		{"doc", "add", "QP-1", "--title", "x", "--owner", "研发部"},
		{"doc", "add", "QP-1", "--title", "x", "--owner", "质管部", "--file", filepath.Join(dir, "missing.docx")},
		{"doc", "import", filepath.Join(dir, "bad.csv")},
		{"doc", "revise", "QP-1", "--reason", "改"},
		{"doc", "review", "LDMD-FM-10-2026-001", "--opinion", "同意"},
		{"doc", "issue", "QP-1", "--request", "LDMD-FM-10-2026-001", "--version", "A/1"},
		{"doc", "recall", "QP-1@A/0", "--dept", "仓储部"},
		{"doc", "destroy", "QP-1@A/0"},
		{"doc", "train", "QP-1@A/0", "--attendees", "甲"},
		{"doc", "periodic", "QP-1"},
	} {
		var out bytes.Buffer
		if code := Execute(append([]string{"-c", cfg}, args...), &out, &out); code == 0 {
			t.Errorf("%v: accepted", args)
		}
		if _, err := os.Stat(filepath.Join(dir, "data")); err == nil {
			t.Fatalf("%v created the data folder: %s", args, out.String())
		}
	}
}
