package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/batch"
	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/record"
	"github.com/qdoc/qdoc/internal/store"
)

func newInfoCmd(g *globalOptions) *cobra.Command {
	c := &cobra.Command{
		Use:   "info",
		Short: "Look at and change quality-information entries (质量信息): list, show, void, close",
		Example: `  qdoc info list --year 2026
  qdoc info show LDMD-FM-30-2026-0001
  qdoc info close LDMD-FM-30-2026-0002 --feedback "已为医院换货，客户确认无异议"`,
	}
	c.AddCommand(newInfoListCmd(g), newInfoShowCmd(g), newInfoVoidCmd(g), newInfoCloseCmd(g))
	return c
}

// withSession opens the locked workspace for a command.
func withSession(g *globalOptions, cmd *cobra.Command, name string, fn func(s *batch.Session) error) error {
	cfg, err := loadConfig(g)
	if err != nil {
		return err
	}
	s, err := batch.Open(cfg, g.by, name, cmd.OutOrStdout())
	if err != nil {
		return err
	}
	defer s.Close()
	s.Progress = g.reporter(cmd)
	return fn(s)
}

// withReader opens the workspace read-only, without the lock.
func withReader(g *globalOptions, cmd *cobra.Command, fn func(s *batch.Session) error) error {
	cfg, err := loadConfig(g)
	if err != nil {
		return err
	}
	s, err := batch.OpenReader(cfg, cmd.OutOrStdout())
	if err != nil {
		return withCode(exitUsage, err)
	}
	defer s.Close()
	return fn(s)
}

func newInfoListCmd(g *globalOptions) *cobra.Command {
	var year int
	var asJSON bool
	c := &cobra.Command{
		Use:   "list",
		Short: "List entries by serial (信息列表): date, class, category, state, title",
		Long: `list prints every entry by serial: received date, class, category, state
(作废 void, 预留 reserved, or its status) and title. It reads the store
without the lock, so it works while a run or the scheduler is busy.

With --json, stdout is one JSON document: each entry with its serial,
dates, codes and labels, and the flags void, reserved, late, archived and
overdue (see README).`,
		Example: `  qdoc info list
  qdoc info list --year 2026
  qdoc info list --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if asJSON {
				return infoListJSON(g, cmd, year)
			}
			return withReader(g, cmd, func(s *batch.Session) error {
				return listEntries(cmd.OutOrStdout(), s, year)
			})
		},
	}
	c.Flags().IntVar(&year, "year", 0, "only this year")
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON document on stdout")
	return c
}

// infoListJSON streams the entries; if the store cannot be opened it
// still prints a document, with no entries and the error.
func infoListJSON(g *globalOptions, cmd *cobra.Command, year int) error {
	started := false
	err := withReader(g, cmd, func(s *batch.Session) error {
		started = true
		return listEntriesJSON(cmd, s, year)
	})
	if started {
		return err
	}
	return emitJSON(cmd, entriesJSON{jsonStatus: statusOf(cmd, err), Year: year, Entries: []entryJSON{}}, err)
}

func listEntries(out io.Writer, s *batch.Session, year int) error {
	tw := tabwriter.NewWriter(out, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "编号\t接收日期\t等级\t类别\t状态\t标题")
	l := s.Cfg.Labels()
	err := s.Store.Each(year, func(e *record.Entry) error {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", e.Serial, record.FormatDate(e.Received),
			e.Class, l.Category(e.Category), stateLabel(l, e), clip(e.Title, 40))
		return nil
	})
	if err != nil {
		return err
	}
	return tw.Flush()
}

func stateLabel(l config.Labels, e *record.Entry) string {
	switch {
	case e.Void:
		return "作废"
	case e.Reserved:
		return "预留"
	}
	return l.Status(e.Status)
}

func clip(s string, n int) string {
	r := []rune(strings.ReplaceAll(s, "\n", " "))
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return string(r)
}

func newInfoShowCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:     "show NUMBER",
		Short:   "Show one entry with its change history",
		Example: "  qdoc info show LDMD-FM-30-2026-0001",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withReader(g, cmd, func(s *batch.Session) error {
				return showEntry(cmd.OutOrStdout(), s, args[0])
			})
		},
	}
}

// lookup resolves a serial as typed (any case, full-width) to its entry.
func lookup(s *batch.Session, number string) (*record.Entry, error) {
	y, q, ok := s.Cfg.ParseSerial(record.Clean(number))
	if !ok {
		return nil, withCode(exitRejected, fmt.Errorf("%q is not a serial number like %s", number, s.Cfg.Serial(2026, 1)))
	}
	e, err := s.Store.Get(s.Cfg.Serial(y, q))
	if errors.Is(err, store.ErrNotFound) {
		return nil, withCode(exitRejected, fmt.Errorf("%s has not been issued; 'qdoc info list' shows the numbers that exist", s.Cfg.Serial(y, q)))
	}
	return e, err
}

func showEntry(out io.Writer, s *batch.Session, number string) error {
	e, err := lookup(s, number)
	if err != nil {
		return err
	}
	l := s.Cfg.Labels()
	vals := e.Values()
	labels := []string{l.Channel(e.Channel), l.Category(e.Category), l.Class(e.Class)}
	fmt.Fprintf(out, "编号: %s  状态: %s  登记日期: %s\n", e.Serial, stateLabel(l, e), record.FormatDate(e.Registered))
	if e.Late {
		fmt.Fprintln(out, "补登: 是（登记时同年已有更晚接收的信息）")
	}
	if e.Void {
		fmt.Fprintf(out, "作废原因: %s\n", e.VoidReason)
	}
	for i, f := range record.ValueFields {
		v := vals[i]
		if i >= 1 && i <= 3 && v != "" {
			v = labels[i-1]
		}
		if f == "status" {
			v = l.Status(v)
		}
		fmt.Fprintf(out, "%s: %s\n", record.FieldLabels[f], v)
	}
	rows, err := s.Store.Audit(e.Serial)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "修改记录:")
	for _, a := range rows {
		fmt.Fprintf(out, "  %s %s(%s) %s %s: %q → %q  来源 %s %s\n", s.Cfg.LocalTime(a.At), a.Who, a.OSUser, a.Action, a.Field, clip(a.Before, 60), clip(a.After, 60), a.Source, a.Reason)
	}
	return nil
}

func newInfoVoidCmd(g *globalOptions) *cobra.Command {
	var reason string
	c := &cobra.Command{
		Use:     "void NUMBER --reason TEXT",
		Short:   "Mark a serial void (作废); it stays in the ledger, never reused",
		Example: `  qdoc info void LDMD-FM-30-2026-0060 --reason "预留的空白表单打印错误，不再使用"`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(reason) == "" {
				return withCode(exitUsage, errors.New("--reason is required: say why the number is given up"))
			}
			return withSession(g, cmd, "info void", func(s *batch.Session) error {
				return change(cmd, s, args[0], func(tx *store.Tx, e *record.Entry) error {
					return withCode(exitRejected, tx.Void(e.Serial, reason, "command: info void"))
				})
			})
		},
	}
	c.Flags().StringVar(&reason, "reason", "", "why the number is given up (required)")
	return c
}

func newInfoCloseCmd(g *globalOptions) *cobra.Command {
	var feedback, date, reason string
	c := &cobra.Command{
		Use:     "close NUMBER --feedback TEXT [--date D] [--reason TEXT]",
		Short:   "Record the feedback result and close an entry",
		Example: `  qdoc info close LDMD-FM-30-2026-0008 --feedback "经计量检定示值合格，已向诊所说明正确测量方法" --date 2026-07-25`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(feedback) == "" {
				return withCode(exitUsage, errors.New("--feedback is required: the feedback result (反馈结果)"))
			}
			return withSession(g, cmd, "info close", func(s *batch.Session) error {
				d, err := closeDate(s, date)
				if err != nil {
					return err
				}
				return change(cmd, s, args[0], func(tx *store.Tx, e *record.Entry) error {
					if err := needReason(s, e, reason); err != nil {
						return err
					}
					return closeEntry(tx, e, feedback, d, reason)
				})
			})
		},
	}
	c.Flags().StringVar(&feedback, "feedback", "", "the feedback result (required)")
	c.Flags().StringVar(&date, "date", "", "closed date (default today)")
	c.Flags().StringVar(&reason, "reason", "", "why the entry is changed; required once its signed form is archived or its quarter closed")
	return c
}

// needReason refuses a late change — the entry's signed form archived or
// its quarter closed — made without --reason.
func needReason(s *batch.Session, e *record.Entry, reason string) error {
	g, err := s.LateGuard()
	if err != nil {
		return err
	}
	if why := g.Why(e, e); why != "" && strings.TrimSpace(reason) == "" {
		return withCode(exitUsage, fmt.Errorf("%s：%s，修改须说明原因：请加 --reason \"…\"", e.Serial, why))
	}
	return nil
}

func closeDate(s *batch.Session, date string) (time.Time, error) {
	if date == "" {
		return s.Actor.Today, nil
	}
	d, err := record.ParseDate(date)
	if err != nil {
		return d, withCode(exitUsage, fmt.Errorf("--date: %w", err))
	}
	if d.After(s.Actor.Today) {
		return d, withCode(exitRejected, fmt.Errorf("--date %s is in the future", record.FormatDate(d)))
	}
	return d, nil
}

func closeEntry(tx *store.Tx, e *record.Entry, feedback string, d time.Time, reason string) error {
	switch {
	case e.Void:
		return withCode(exitRejected, fmt.Errorf("%s is void (作废) and cannot be closed", e.Serial))
	case e.Reserved:
		return withCode(exitRejected, fmt.Errorf("%s is a reserved blank form (预留); import the filled form first", e.Serial))
	case d.Before(e.Received):
		return withCode(exitRejected, fmt.Errorf("closed date %s is before the received date %s", record.FormatDate(d), record.FormatDate(e.Received)))
	}
	e.Feedback, e.Status, e.Closed = strings.TrimSpace(feedback), "closed", d
	_, err := tx.Update(e, "command: info close", strings.TrimSpace(reason))
	return err
}

// change applies fn to one entry in a transaction and reports it.
func change(cmd *cobra.Command, s *batch.Session, number string, fn func(*store.Tx, *record.Entry) error) error {
	e, err := lookup(s, number)
	if err != nil {
		return err
	}
	tx, err := s.Store.Begin(s.Actor)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx, e); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(cmd.OutOrStdout(), "%s: 已更新\n", e.Serial)
	return runLedger(cmd, &batch.Run{Session: s})
}
