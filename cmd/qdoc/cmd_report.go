package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/batch"
	"github.com/qdoc/qdoc/internal/report"
)

func newReportCmd(g *globalOptions) *cobra.Command {
	c := &cobra.Command{
		Use:   "report",
		Short: "Reports (报告): the quarterly quality-information analysis (FM-32)",
		Example: `  qdoc report quarter 2026Q3
  qdoc report quarter          # the quarter that ended last`,
	}
	c.AddCommand(newReportQuarterCmd(g))
	return c
}

func newReportQuarterCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "quarter [QUARTER]",
		Short: "Write the FM-32 质量信息汇总分析表 of a quarter (xlsx and PDF) under out/reports/",
		Long: `Counts the quarter's entries by class, category, channel and department,
their closure against each class's deadline, the change against the previous
quarter and the same quarter last year, lists the A-class entries and the open
ones, and writes an Excel workbook with charts and a PDF with the same charts,
both named with the form code and the quarter. Without QUARTER, the quarter
that ended last. A quarter not yet over is reported as provisional (未结).
Status and overdue are as of today, as in the FM-31 ledger.`,
		Example: `  qdoc report quarter 2026Q3
  qdoc report quarter 2026-Q3
  qdoc report quarter 2026年第三季度`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withSession(g, cmd, "report quarter", func(s *batch.Session) error {
				q := report.LastEnded(s.Actor.Today)
				if len(args) == 1 {
					var err error
					if q, err = report.ParseQuarter(args[0]); err != nil {
						return withCode(exitUsage, err)
					}
				}
				return runReport(cmd.OutOrStdout(), s, q)
			})
		},
	}
}

// runReport writes one quarter's FM-32 and prints what it counted.
func runReport(out io.Writer, s *batch.Session, q report.Quarter) error {
	res, err := report.Generate(s, q)
	if err != nil {
		return err
	}
	printReport(out, s, res)
	c, err := report.Close(s, q, res)
	if err != nil {
		return err
	}
	printClosing(out, s, q, c)
	return nil
}

// printClosing says what archiving the closed quarter did.
func printClosing(out io.Writer, s *batch.Session, q report.Quarter, c *report.Closing) {
	switch {
	case c == nil:
		fmt.Fprintln(out, "归档: 季度未结束，报表不归档")
	case c.Already:
		fmt.Fprintf(out, "归档: %s 已于此前归档（archive/%d/），本次重新生成的报表只写在 out/ 中，归档保持不变\n", q, q.Year)
	default:
		fmt.Fprintf(out, "季度台帐: %s\n归档: 新增 %d 个文件（%s 已结账：此后修改该季度的信息须说明原因）\n",
			report.RelPath(s.Cfg, c.Ledger), c.Archived, q)
	}
}

func printReport(out io.Writer, s *batch.Session, res *report.Result) {
	st, c := res.Stats, res.Stats.Cur
	state := "已结"
	if st.Provisional {
		state = "未结（季度尚未结束，临时统计）"
	}
	fmt.Fprintf(out, "%s %s：%s，统计截至 %s\n", report.Title, st.Quarter.Label(), state, st.AsOf.Format("2006-01-02"))
	if c.Total == 0 {
		fmt.Fprintln(out, "  本季度无质量信息")
	} else {
		l := s.Cfg.Labels()
		fmt.Fprintf(out, "  信息 %d 条（", c.Total)
		for i, k := range c.ByClass.Keys(st.Classes) {
			if i > 0 {
				fmt.Fprint(out, "，")
			}
			fmt.Fprintf(out, "%s %d", l.Class(k), c.ByClass[k])
		}
		fmt.Fprintf(out, "）：已关闭 %d，未结 %d，超期 %d，关闭率 %s\n", c.Closed, c.Open, c.Overdue, report.P(c.ClosureRate()))
	}
	fmt.Fprintf(out, "  作废 %d 个不计入\n", c.Void)
	fmt.Fprintf(out, "工作簿: %s\nPDF: %s\n", report.RelPath(s.Cfg, res.XLSX), report.RelPath(s.Cfg, res.PDF))
}
