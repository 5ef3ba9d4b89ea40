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
		{[]string{"doc", "add", "CON", "--title", "x", "--owner", "质管部"}, 1, "不能作为文件夹名"},
		{[]string{"doc", "train", "QP-1@A/0", "--attendees", "甲,甲"}, 1, "--attendees：甲 列了两次"},
	}
	for _, c := range cases {
		code, _, e := run(c.args...)
		if code != c.code || !strings.Contains(e, c.msg) {
			t.Errorf("%v: exit %d %q, want %d and %q", c.args, code, e, c.code, c.msg)
		}
	}
}
