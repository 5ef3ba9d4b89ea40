package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/batch"
	"github.com/qdoc/qdoc/internal/doc"
	"github.com/qdoc/qdoc/internal/store"
)

func newDocCmd(g *globalOptions) *cobra.Command {
	c := &cobra.Command{
		Use:   "doc",
		Short: "Document control (受控文件): revision, approval, issue, recall, destruction, training",
		Long: `Controlled documents and their versions. A revision is requested (doc
revise), reviewed (doc review), approved (doc approve) or rejected (doc
reject; an approver may also withdraw an approval not yet issued on); the
approved request issues the new version (doc issue), which supersedes the
old one (待回收); the old copies are recalled from every holder (doc
recall), then destroyed keeping one archived (doc destroy, 已回收销毁);
staff are trained on the version in force (doc train).

Every command takes --by NAME (who acts; default the configured operator)
and --date (when it happened; default today). A step out of order is
refused with exit 1 and changes nothing; so is a value the rules refuse
(a department not configured, a future date, a name listed twice). A value
that cannot be read or used at all (a malformed number, version or date,
a reserved file name, a required flag left out) exits 2. Version labels
are edition/revision (A/0, A/1, B/0) and only move forward.

受控文件：修订申请 → 审核 → 批准 → 发放新版 → 回收旧版 → 销毁（留档一份）→ 培训。`,
		Example: `  qdoc doc list
  qdoc doc show LDMD-QP-003
  qdoc doc revise LDMD-QP-004 --reason "增加冷库温湿度记录仪校准要求" --by 张三`,
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
// refreshes the register and names what was written on out. The lock and
// the store are taken only when the command gets past checking its values
// (doc.Workspace.Open), so a refused command on a fresh workspace leaves
// no data folder or empty store behind. --by is trimmed: it is stored as
// the applicant, reviewer or approver and compared with them.
func withDoc(g *globalOptions, cmd *cobra.Command, name string, out io.Writer, fn func(w *doc.Workspace) error) error {
	cfg, err := loadConfig(g)
	if err != nil {
		return err
	}
	by := strings.TrimSpace(g.by)
	w := &doc.Workspace{Cfg: cfg, Out: out, Actor: store.Actor{By: by, Today: cfg.Today(), Serial: cfg.Serial}}
	var s *batch.Session
	w.Open = func() error {
		var err error
		if s, err = batch.Open(cfg, by, name, out); err != nil {
			return err
		}
		w.Cfg, w.Store, w.Actor = s.Cfg, s.Store, s.Actor
		return nil
	}
	defer func() {
		if s != nil {
			s.Close()
		}
	}()
	if err := fn(w); err != nil {
		return docErr(err)
	}
	if w.Store == nil {
		return nil
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
	var asJSON bool
	c := &cobra.Command{
		Use:   "list",
		Short: "List controlled documents with their version in force (受控文件清单)",
		Long: `list prints each controlled document: number, title, owner, the version in
force, versions still being recalled, the next periodic review and any
revision request in progress.

With --json, stdout is one JSON document: every document with all its
versions (state, dates, copies and who holds them) and its requests.`,
		Example: `  qdoc doc list
  qdoc doc list --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if asJSON {
				return docListJSON(g, cmd, date)
			}
			return withDocReader(g, cmd, date, func(w *doc.Workspace) error {
				return w.List(cmd.OutOrStdout())
			})
		},
	}
	c.Flags().StringVar(&date, "date", "", "judge periodic reviews due as of this day (default today)")
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON document on stdout")
	return c
}

func docListJSON(g *globalOptions, cmd *cobra.Command, date string) error {
	out := docsJSON{Documents: []documentJSON{}}
	err := withDocReader(g, cmd, date, func(w *doc.Workspace) error {
		out.Date = jsonDate(w.Actor.Today)
		docs, err := listDocsJSON(w)
		out.Documents = docs
		return err
	})
	out.jsonStatus = statusOf(cmd, err)
	return emitJSON(cmd, out, err)
}
