package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/batch"
	"github.com/qdoc/qdoc/internal/doc"
)

func newDocCmd(g *globalOptions) *cobra.Command {
	c := &cobra.Command{
		Use:   "doc",
		Short: "Document control (受控文件): revision, approval, issue, recall, destruction, training",
		Long: `Controlled documents and their versions. A revision is requested (doc
revise), reviewed (doc review), approved (doc approve) or rejected (doc
reject); the approved request issues the new version (doc issue), which
supersedes the old one (待回收); the old copies are recalled from every
holder (doc recall), then destroyed keeping one archived (doc destroy,
已回收销毁); staff are trained on the version in force (doc train).

Every command takes --by NAME (who acts; default the configured operator)
and --date (when it happened; default today). A step out of order is
refused with exit 1 and changes nothing. Version labels are edition/
revision (A/0, A/1, B/0) and only move forward.`,
	}
	c.AddCommand(newDocAddCmd(g), newDocImportCmd(g), newDocReviseCmd(g), newDocReviewCmd(g),
		newDocApproveCmd(g), newDocRejectCmd(g), newDocIssueCmd(g), newDocRecallCmd(g),
		newDocDestroyCmd(g), newDocTrainCmd(g), newDocPeriodicCmd(g), newDocPrintCmd(g), newDocShowCmd(g), newDocListCmd(g))
	return c
}

// docErr gives document-control errors their exit codes: a refused step
// or rejected value 1, an unreadable value 2.
func docErr(err error) error {
	var r *doc.Rule
	var u *doc.Usage
	switch {
	case errors.As(err, &r):
		return withCode(exitRejected, err)
	case errors.As(err, &u):
		return withCode(exitUsage, err)
	}
	return err
}

// withDoc runs a changing doc command in the locked workspace, then
// refreshes the register and names what was written on out.
func withDoc(g *globalOptions, cmd *cobra.Command, name string, out io.Writer, fn func(w *doc.Workspace) error) error {
	cfg, err := loadConfig(g)
	if err != nil {
		return err
	}
	s, err := batch.Open(cfg, g.by, name, out)
	if err != nil {
		return err
	}
	defer s.Close()
	w := &doc.Workspace{Cfg: s.Cfg, Store: s.Store, Actor: s.Actor, Out: out}
	if err := fn(w); err != nil {
		return docErr(err)
	}
	if err := w.Refresh("command: " + name); err != nil {
		// The change itself is committed; only an output is behind.
		return fmt.Errorf("已保存，但表单或%s未能更新：%w；处理后运行 qdoc run 补齐", doc.RegisterTitle, err)
	}
	printWritten(out, w)
	return nil
}

// withDocReader runs a reading doc command without the lock; date, when
// set, is the day "due" is judged against.
func withDocReader(g *globalOptions, cmd *cobra.Command, date string, fn func(w *doc.Workspace) error) error {
	return withReader(g, cmd, func(s *batch.Session) error {
		w := &doc.Workspace{Cfg: s.Cfg, Store: s.Store, Actor: s.Actor, Out: cmd.OutOrStdout()}
		if date != "" {
			d, err := w.Day(date, "--date")
			if err != nil {
				return docErr(err)
			}
			w.Actor.Today = d
		}
		return docErr(fn(w))
	})
}

func printWritten(out io.Writer, w *doc.Workspace) {
	for _, p := range w.Written {
		label := "表单"
		if p == w.RegisterPath() {
			label = doc.RegisterTitle
		}
		fmt.Fprintf(out, "%s: %s\n", label, relTo(w.Cfg.Dir, p))
	}
}

func newDocShowCmd(g *globalOptions) *cobra.Command {
	var date string
	c := &cobra.Command{
		Use:     "show NUMBER",
		Short:   "Show a document: versions, states, holders, the request trail and its change log",
		Example: "  qdoc doc show LDMD-QP-003",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withDocReader(g, cmd, date, func(w *doc.Workspace) error {
				return w.Show(cmd.OutOrStdout(), args[0])
			})
		},
	}
	c.Flags().StringVar(&date, "date", "", "judge periodic reviews due as of this day (default today)")
	return c
}

func newDocListCmd(g *globalOptions) *cobra.Command {
	var date string
	c := &cobra.Command{
		Use:     "list",
		Short:   "List controlled documents with their version in force",
		Example: "  qdoc doc list",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return withDocReader(g, cmd, date, func(w *doc.Workspace) error {
				return w.List(cmd.OutOrStdout())
			})
		},
	}
	c.Flags().StringVar(&date, "date", "", "judge periodic reviews due as of this day (default today)")
	return c
}
