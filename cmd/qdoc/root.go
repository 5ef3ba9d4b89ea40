package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/fsutil"
	"github.com/qdoc/qdoc/internal/progress"
)

// Exit codes, in one place and in the help text.
const (
	exitOK        = 0
	exitRejected  = 1 // some input was rejected
	exitUsage     = 2 // bad command line or config
	exitLocked    = 3 // another run holds the workspace
	exitIntegrity = 4 // the store or archive is damaged or altered
)

const exitHelp = `
EXIT STATUS 退出码
  0  all done 完成
  1  input rejected (an intake file or a command's value had problems) 输入被拒绝
  2  usage or config error 用法或配置错误
  3  the workspace is locked by another qdoc run 工作区正被另一个 qdoc 使用
  4  integrity failure (store or archive damaged or altered) 数据库或归档损坏、被改动
`

// exitError carries an exit code with its message.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func withCode(code int, err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: code, err: err}
}

// globalOptions are the flags every command shares.
type globalOptions struct {
	config  string
	by      string
	timings bool
	quiet   bool
}

// reporter shows progress on stderr: a bar on a terminal, lines in a log,
// nothing with --quiet.
func (g *globalOptions) reporter(cmd *cobra.Command) *progress.Reporter {
	mode := progress.Auto
	if g.quiet {
		mode = progress.Quiet
	}
	return progress.New(cmd.ErrOrStderr(), mode)
}

// Execute runs qdoc with args and returns the exit code; tests call it
// directly, main passes os.Args.
func Execute(args []string, stdout, stderr io.Writer) int {
	var g globalOptions
	root := newRoot(&g, stdout, stderr)
	root.SetArgs(args)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, "qdoc:", err)
	return exitCode(err)
}

func exitCode(err error) int {
	var ee *exitError
	var le *fsutil.ErrLocked
	var ie interface{ Integrity() bool } // e.g. *archive.IntegrityError
	switch {
	case errors.As(err, &le):
		return exitLocked
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ie) && ie.Integrity():
		return exitIntegrity
	}
	return exitUsage
}

func newRoot(g *globalOptions, stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "qdoc",
		Short: "质量信息与受控文件管理 — quality information and document control",
		Long: `qdoc keeps the quality department's information entries and controlled
documents, numbers every issued form, and writes the ledgers and forms.

qdoc 管理质管部的质量信息和受控文件：给每份表单一个永久编号，生成台帐、
表单和季度报告，并把签字扫描件写入只增不改的归档。
新上任先看：qdoc help workflow（一个季度的工作流程）。`,
		Example: `  qdoc init 质管部
  qdoc -c 质管部/config.yaml run
  qdoc help workflow`,
		Version:       currentBuild().Version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.PersistentFlags().StringVarP(&g.config, "config", "c", "", "config file (default $QDOC_CONFIG or ./config.yaml)")
	root.PersistentFlags().StringVar(&g.by, "by", "", "name of the person acting (default: operator in config)")
	root.PersistentFlags().BoolVarP(&g.quiet, "quiet", "q", false, "no progress output (the summary is still printed)")
	root.PersistentFlags().BoolVar(&g.timings, "timings", false, "print how long each step took (to stderr)")
	root.SetVersionTemplate(currentBuild().String())
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return withCode(exitUsage, err) })
	root.AddCommand(newInitCmd(g), newRunCmd(g), newImportCmd(g), newCheckCmd(g), newInfoCmd(g), newFormsCmd(g), newDocCmd(g), newVerifyCmd(g), newArchiveCmd(g), newBackupCmd(g), newRestoreCmd(g), newLogCmd(g), newReportCmd(g), newScheduleCmd(g), newRemindCmd(g), newVersionCmd())
	setupHelp(root)
	return root
}

// loadConfig loads the workspace config, as a usage error when it fails.
func loadConfig(g *globalOptions) (*config.Config, error) {
	c, err := config.Load(config.Locate(g.config))
	return c, withCode(exitUsage, err)
}
