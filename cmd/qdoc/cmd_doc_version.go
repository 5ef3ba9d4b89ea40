package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/doc"
)

func newDocIssueCmd(g *globalOptions) *cobra.Command {
	var o doc.IssueOptions
	c := &cobra.Command{
		Use:   "issue NUMBER --request REQUEST --version A/1",
		Short: "Issue a new version on an approved request; the old one becomes 待回收",
		Long: `Puts a new version in force (受控) on an approved revision request of the
same document. The version in force is superseded (待回收) until every copy
is recalled. New copies go to the same departments (or --holders), and the
培训申请单 is written under out/forms/FM-11/<year>/ with one recall line per
old copy and one sign-in line per --trainees name. --file keeps the new
version's document under docs/<number>/<version>/.`,
		Example: `  qdoc doc issue LDMD-QP-003 --request LDMD-FM-10-2026-001 --version A/1 --date 2026-09-01 \
      --effective 2026-09-10 --file 质量信息管理制度A1.docx --trainees 张三,李四,王五`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Number = args[0]
			return withDoc(g, cmd, "doc issue", cmd.OutOrStdout(), func(w *doc.Workspace) error {
				v, err := w.Issue(o)
				if err == nil {
					fmt.Fprintf(cmd.OutOrStdout(), "%s@%s: 已发放（受控），生效 %s，培训申请单 %s\n", v.Number, v.Version, v.Effective.Format("2006-01-02"), v.Training)
				}
				return err
			})
		},
	}
	f := c.Flags()
	f.StringVar(&o.Request, "request", "", "the approved revision request (required)")
	f.StringVar(&o.Version, "version", "", "the new version label, later than every earlier one (required)")
	f.StringVar(&o.Effective, "effective", "", "effective date (default the issue date)")
	f.StringVar(&o.File, "file", "", "the new version's document, kept with it")
	f.StringVar(&o.Holders, "holders", "", "departments receiving copies (default those holding the old version)")
	f.StringVar(&o.Trainees, "trainees", "", "expected training attendees, one sign-in line each")
	f.StringVar(&o.Trainer, "trainer", "", "who gives the training")
	f.StringVar(&o.Date, "date", "", "issue date (default today)")
	return c
}

func newDocRecallCmd(g *globalOptions) *cobra.Command {
	var o doc.RefOptions
	var dept, by string
	c := &cobra.Command{
		Use:     "recall NUMBER@VERSION --dept DEPT",
		Short:   "Record a department's return of its copy of a superseded version",
		Example: "  qdoc doc recall LDMD-QP-003@A/0 --dept 仓储部 --date 2026-09-12",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Ref = args[0]
			return withDoc(g, cmd, "doc recall", cmd.OutOrStdout(), func(w *doc.Workspace) error {
				if err := w.Recall(o, dept, by); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: %s 已交回\n", o.Ref, dept)
				return nil
			})
		},
	}
	c.Flags().StringVar(&dept, "dept", "", "the department returning its copy (required)")
	c.Flags().StringVar(&by, "returned-by", "", "who handed the copy back")
	c.Flags().StringVar(&o.Date, "date", "", "date returned (default today)")
	return c
}

func newDocDestroyCmd(g *globalOptions) *cobra.Command {
	var o doc.RefOptions
	var keep int
	c := &cobra.Command{
		Use:   "destroy NUMBER@VERSION",
		Short: "Record the destruction of a recalled version, one copy archived (已回收销毁)",
		Long: `Records that the returned copies of a superseded version were destroyed,
all but one kept in the archive: --keep N names the copy kept (default the
owner department's copy, else copy 1). Refused while any copy is still out.`,
		Example: "  qdoc doc destroy LDMD-QP-003@A/0 --date 2026-09-20",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Ref = args[0]
			return withDoc(g, cmd, "doc destroy", cmd.OutOrStdout(), func(w *doc.Workspace) error {
				if err := w.Destroy(o, keep); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: 已回收销毁（留档一份）\n", o.Ref)
				return nil
			})
		},
	}
	c.Flags().IntVar(&keep, "keep", 0, "number of the copy kept in the archive")
	c.Flags().StringVar(&o.Date, "date", "", "date destroyed (default today)")
	return c
}

func newDocTrainCmd(g *globalOptions) *cobra.Command {
	var o doc.RefOptions
	var attendees, trainer string
	c := &cobra.Command{
		Use:     "train NUMBER@VERSION --attendees N1,N2,...",
		Short:   "Record training on the version in force (培训签到、培训记录)",
		Example: "  qdoc doc train LDMD-QP-003@A/1 --attendees 张三,李四 --date 2026-09-15",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Ref = args[0]
			return withDoc(g, cmd, "doc train", cmd.OutOrStdout(), func(w *doc.Workspace) error {
				if err := w.Train(o, attendees, trainer); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: 已记录培训（%d 人）\n", o.Ref, len(doc.Names(attendees)))
				return nil
			})
		},
	}
	c.Flags().StringVar(&attendees, "attendees", "", "who attended, e.g. 张三,李四 (required)")
	c.Flags().StringVar(&trainer, "trainer", "", "who gave the training (default the one named at issue)")
	c.Flags().StringVar(&o.Date, "date", "", "training date (default today)")
	return c
}

func newDocPeriodicCmd(g *globalOptions) *cobra.Command {
	var date, opinion string
	c := &cobra.Command{
		Use:   "periodic NUMBER",
		Short: "Record a periodic review (定期评审) that kept the version in force",
		Long: `Records that the version in force was reviewed and is still suitable; the
next periodic review falls due one interval later. A review that finds a
change is needed is a revision instead (doc revise).`,
		Example: `  qdoc doc periodic LDMD-QP-001 --opinion "现行有效，无需修订"`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withDoc(g, cmd, "doc periodic", cmd.OutOrStdout(), func(w *doc.Workspace) error {
				if err := w.Periodic(args[0], date, opinion); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: 已记录定期评审\n", args[0])
				return nil
			})
		},
	}
	c.Flags().StringVar(&opinion, "opinion", "", "the review's conclusion")
	c.Flags().StringVar(&date, "date", "", "date of the review (default today)")
	return c
}

func newDocPrintCmd(g *globalOptions) *cobra.Command {
	var copyNo int
	var date string
	c := &cobra.Command{
		Use:   "print NUMBER@VERSION [--copy N]",
		Short: "Print the cover page of each copy: 受控 with copy number and holder, or 作废",
		Long: `Writes one PDF under out/print/ with a 受控文件标识页 per numbered copy of a
version (or copy N only), to staple on the paper copy. The version in force
is stamped 受控 with the copy number and holder; a superseded version 作废.
The layout is built in; a workspace may override it with its own
templates/copycover.yaml.`,
		Example: "  qdoc doc print LDMD-QP-003@A/1\n  qdoc doc print LDMD-QP-003@A/0 --copy 1",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withDocReader(g, cmd, date, func(w *doc.Workspace) error {
				p, err := w.Print(args[0], copyNo)
				if err == nil {
					fmt.Fprintf(cmd.OutOrStdout(), "打印文件: %s\n", relTo(w.Cfg.Dir, p))
				}
				return err
			})
		},
	}
	c.Flags().IntVar(&copyNo, "copy", 0, "only this copy number")
	c.Flags().StringVar(&date, "date", "", "accepted for symmetry; the pages carry the version's own dates")
	return c
}
