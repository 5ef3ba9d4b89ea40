package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/doc"
	"github.com/qdoc/qdoc/internal/fsutil"
)

// relTo names p relative to dir when it is inside it, with '/'.
func relTo(dir, p string) string {
	if r, err := filepath.Rel(dir, p); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return p
}

func newDocAddCmd(g *globalOptions) *cobra.Command {
	var o doc.AddOptions
	c := &cobra.Command{
		Use:   "add NUMBER --title T --owner DEPT --version A/0 --holders D1,D2",
		Short: "Register a document in force (受控) with its version and holders",
		Long: `Registers a controlled document already in force: its number, title, owner
department, current version and the departments holding numbered copies
(copy 1 to the first, 2 to the second, …). --file keeps the document
itself (.docx, .pdf) under docs/<number>/<version>/ with its SHA-256.
--date is the version's issue date, --effective its effective date
(default the issue date), --review-every its periodic-review interval
(default documents.review_every in config.yaml, 24m).`,
		Example: `  qdoc doc add LDMD-QP-003 --title 质量信息管理制度 --owner 质管部 --version A/0 \
      --holders 质管部,采购部,仓储部,销售部 --date 2026-01-05 --file 质量信息管理制度.docx`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Number = args[0]
			return withDoc(g, cmd, "doc add", cmd.OutOrStdout(), func(w *doc.Workspace) error {
				v, err := w.Add(o)
				if err == nil {
					fmt.Fprintf(cmd.OutOrStdout(), "%s: 已登记 %s（受控）\n", v.Number, v.Version)
				}
				return err
			})
		},
	}
	f := c.Flags()
	f.StringVar(&o.Title, "title", "", "document title (文件名称, required)")
	f.StringVar(&o.Owner, "owner", "", "owner department (归口部门, required)")
	f.StringVar(&o.Version, "version", "A/0", "version in force")
	f.StringVar(&o.Holders, "holders", "", "departments holding copies, e.g. 质管部,仓储部")
	f.StringVar(&o.Effective, "effective", "", "effective date (default the issue date)")
	f.StringVar(&o.ReviewEvery, "review-every", "", "periodic review interval, e.g. 24m or 2y")
	f.StringVar(&o.File, "file", "", "the controlled document itself, kept with this version")
	f.StringVar(&o.Date, "date", "", "issue date of the version (default today)")
	return c
}

func newDocImportCmd(g *globalOptions) *cobra.Command {
	var date string
	c := &cobra.Command{
		Use:   "import FILE.xlsx",
		Short: "Register an existing document list (xlsx or csv), checked whole like intake",
		Long: `Registers the documents of an existing list. Columns (any order, a title row
above the header is fine): 文件编号, 文件名称, 版本, 归口部门, 持有部门, 发放日期,
生效日期, 复审周期. Every row is checked before anything is stored; a file with
any problem is rejected whole, each problem named by row and column, and
stores nothing. Rows for documents already registered with the same facts
are left alone, so a list can be imported again.`,
		Example: "  qdoc doc import 受控文件清单.xlsx",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withDoc(g, cmd, "doc import", cmd.OutOrStdout(), func(w *doc.Workspace) error {
				return importDocs(cmd, w, args[0])
			})
		},
	}
	c.Flags().StringVar(&date, "date", "", "accepted for symmetry; the list's own dates are used")
	return c
}

func importDocs(cmd *cobra.Command, w *doc.Workspace, path string) error {
	res, err := w.Import(path)
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	for _, s := range res.Warnings {
		fmt.Fprintf(out, "  提示 %s\n", s)
	}
	if len(res.Problems) > 0 {
		fmt.Fprintf(out, "%s: 已拒绝，共 %d 个问题，整个文件未导入：\n", res.File, len(res.Problems))
		for _, p := range res.Problems {
			fmt.Fprintf(out, "  错误 %s\n", p)
		}
		report, err := writeImportReport(w, res)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "  错误报告: %s\n", report)
		return &doc.Rule{Msg: fmt.Sprintf("%s 有 %d 个问题，未导入任何文件；改正后重新导入", res.File, len(res.Problems))}
	}
	fmt.Fprintf(out, "%s: 新增 %d，未变 %d\n", res.File, res.New, res.Unchanged)
	return nil
}

// writeImportReport puts the error workbook of a rejected document list
// under out/rejected/, named after the list. The name ends 文件清单错误报告,
// never -错误报告 as a rejected intake file's does, so the two never
// overwrite each other in the folder they share.
func writeImportReport(w *doc.Workspace, res *doc.ImportResult) (string, error) {
	name := res.File + "-文件清单错误报告.xlsx"
	if _, err := fsutil.SafeName(name); err != nil {
		name = "文件清单错误报告.xlsx"
	}
	path := filepath.Join(w.Cfg.OutDir(), "rejected", name)
	err := fsutil.WriteFile(path, func(out io.Writer) error { return doc.WriteImportReport(out, res) })
	return relTo(w.Cfg.Dir, path), err
}

func newDocReviseCmd(g *globalOptions) *cobra.Command {
	var o doc.ReviseOptions
	c := &cobra.Command{
		Use:   "revise NUMBER --reason TEXT",
		Short: "Request a revision (文件修订申请表); prints the request's serial only",
		Long: `Files a revision request for the version in force, numbered from
documents.revision_pattern (default {prefix}-FM-10-{yyyy}-{seq:3}), and
writes its 文件修订申请表 under out/forms/FM-10/<year>/. The serial alone
goes to standard output, so scripts can capture it; everything else goes
to standard error. --by is the applicant.`,
		Example: `  REQ=$(qdoc doc revise LDMD-QP-003 --reason "新版GSP附录要求增加培训记录" --by 张三 --date 2026-08-25)`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Number = args[0]
			return withDoc(g, cmd, "doc revise", cmd.ErrOrStderr(), func(w *doc.Workspace) error {
				serial, err := w.Revise(o)
				if err == nil {
					fmt.Fprintln(cmd.OutOrStdout(), serial)
				}
				return err
			})
		},
	}
	f := c.Flags()
	f.StringVar(&o.Reason, "reason", "", "why the document is revised (修订原因, required)")
	f.StringVar(&o.To, "to", "", "the version it will become, e.g. A/1 (optional; issue must then use it)")
	f.StringVar(&o.Dept, "dept", "", "applying department (default the owner)")
	f.StringVar(&o.Date, "date", "", "date of the request (default today)")
	return c
}

// newDecideCmd is review, approve and reject: a request, an opinion, a date.
func newDecideCmd(g *globalOptions, use, short, example, done string, step func(*doc.Workspace, doc.DecideOptions) error) *cobra.Command {
	var o doc.DecideOptions
	c := &cobra.Command{
		Use:     use + " REQUEST --opinion TEXT",
		Short:   short,
		Example: example,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Request = args[0]
			return withDoc(g, cmd, "doc "+use, cmd.OutOrStdout(), func(w *doc.Workspace) error {
				if err := step(w, o); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: %s\n", strings.ToUpper(o.Request), done)
				return nil
			})
		},
	}
	c.Flags().StringVar(&o.Opinion, "opinion", "", "the opinion written on the form (required)")
	c.Flags().StringVar(&o.Date, "date", "", "date of the decision (default today)")
	return c
}

func newDocReviewCmd(g *globalOptions) *cobra.Command {
	return newDecideCmd(g, "review", "Review a revision request (审核意见); the reviewer is not the applicant",
		`  qdoc doc review LDMD-FM-10-2026-001 --opinion "同意修订" --by 李四 --date 2026-08-27`, "已审核",
		func(w *doc.Workspace, o doc.DecideOptions) error { _, err := w.Review(o); return err })
}

func newDocApproveCmd(g *globalOptions) *cobra.Command {
	return newDecideCmd(g, "approve", "Approve a reviewed request (批准意见); the approver is neither applicant nor reviewer",
		`  qdoc doc approve LDMD-FM-10-2026-001 --opinion "批准执行" --by 王五 --date 2026-08-28`, "已批准",
		func(w *doc.Workspace, o doc.DecideOptions) error { _, err := w.Approve(o); return err })
}

func newDocRejectCmd(g *globalOptions) *cobra.Command {
	return newDecideCmd(g, "reject", "Reject a request at review or approval, or withdraw an approval not yet issued on; it stays on record as 已驳回",
		`  qdoc doc reject LDMD-FM-10-2026-002 --opinion "现行制度已规定校准要求，暂不修订" --by 李四`, "已驳回",
		func(w *doc.Workspace, o doc.DecideOptions) error { _, err := w.Reject(o); return err })
}
