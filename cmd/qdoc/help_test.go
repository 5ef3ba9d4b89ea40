package main

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
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
