package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/batch"
)

func newFormsCmd(g *globalOptions) *cobra.Command {
	c := &cobra.Command{
		Use:   "forms",
		Short: "Printable PDF forms (表单): blank pre-numbered pads, print batches, reissues",
		Long: `run writes each new entry's FM-30 信息传递反馈单 by itself, under
out/forms/FM-30/<year>/, named by its serial. These commands print several
at once, reserve numbers for handwritten forms, and reissue a changed one.`,
		Example: `  qdoc forms print LDMD-FM-30-2026-0001 LDMD-FM-30-2026-0002
  qdoc forms blank FM-30 --count 20
  qdoc forms reissue LDMD-FM-30-2026-0002`,
	}
	c.AddCommand(newFormsBlankCmd(g), newFormsPrintCmd(g), newFormsReissueCmd(g))
	return c
}

// withRun opens the locked workspace as a run for a forms command.
func withRun(g *globalOptions, cmd *cobra.Command, name string, fn func(r *batch.Run) error) error {
	return withSession(g, cmd, name, func(s *batch.Session) error {
		return fn(&batch.Run{Session: s})
	})
}

func newFormsBlankCmd(g *globalOptions) *cobra.Command {
	var count int
	c := &cobra.Command{
		Use:   "blank FM-30 --count N",
		Short: "Reserve the next N serials (预留) and print them as blank forms",
		Long: `Reserves the next N serials of the current year from the same counter as
entries (shown as 预留 in the ledger) and writes one PDF, one numbered blank
form per page, under out/print/. When a handwritten form comes back, an
intake row carrying its 编号 fills the reservation. Unused numbers stay
reserved until voided with 'qdoc info void'.`,
		Example: "  qdoc forms blank FM-30 --count 20",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !strings.EqualFold(strings.TrimPrefix(strings.ToUpper(args[0]), "LDMD-"), batch.FM30) {
				return withCode(exitUsage, fmt.Errorf("blank forms exist for FM-30 only, not %q", args[0]))
			}
			if count < 1 || count > 1000 {
				return withCode(exitUsage, errors.New("--count must be between 1 and 1000"))
			}
			return withRun(g, cmd, "forms blank", func(r *batch.Run) error {
				path, serials, err := r.Blank(count)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "预留 %d 个编号: %s … %s\n空白表: %s\n", len(serials), serials[0], serials[len(serials)-1], path)
				return runLedger(cmd, r)
			})
		},
	}
	c.Flags().IntVar(&count, "count", 0, "how many numbered blank forms (required)")
	return c
}

func newFormsPrintCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:     "print NUMBER...",
		Short:   "Write the named entries' FM-30 forms into one PDF for printing",
		Example: "  qdoc forms print LDMD-FM-30-2026-0003 LDMD-FM-30-2026-0004",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withRun(g, cmd, "forms print", func(r *batch.Run) error {
				es, err := r.ParseSerials(args)
				if err != nil {
					return withCode(exitRejected, err)
				}
				path, err := r.Print(es)
				if err == nil {
					fmt.Fprintf(cmd.OutOrStdout(), "打印文件: %s（%d 份）\n", path, len(es))
				}
				return err
			})
		},
	}
}

func newFormsReissueCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "reissue NUMBER",
		Short: "Write a new revision of an entry's FM-30 (…-R1.pdf) beside the old one",
		Long: `An entry changed after its FM-30 was issued is not silently re-issued.
This writes the form again from the entry as it is now, as a numbered
revision beside the original, dated today, and logs it.`,
		Example: "  qdoc forms reissue LDMD-FM-30-2026-0002",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withRun(g, cmd, "forms reissue", func(r *batch.Run) error {
				es, err := r.ParseSerials(args)
				if err != nil {
					return withCode(exitRejected, err)
				}
				path, err := r.Reissue(es[0])
				if err != nil {
					return withCode(exitRejected, err)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "已重新签发: %s\n", path)
				return nil
			})
		},
	}
}

// runLedger refreshes the ledgers after a command changed entries.
func runLedger(cmd *cobra.Command, r *batch.Run) error {
	if err := r.Execute(cmd.Context(), []batch.Step{batch.LedgerStep{}}); err != nil {
		return err
	}
	r.PrintLedgers()
	return nil
}
