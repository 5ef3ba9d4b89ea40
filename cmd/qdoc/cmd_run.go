package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/batch"
	"github.com/qdoc/qdoc/internal/config"
)

func newRunCmd(g *globalOptions) *cobra.Command {
	var o batchOptions
	c := &cobra.Command{
		Use:   "run",
		Short: "Run one batch (运行一批): import the inbox, number new entries, render forms, refresh ledgers, archive",
		Long: `run takes every new or changed intake file in inbox/ (xlsx, csv, yaml),
validates each file whole, stores and numbers its rows, writes an FM-30 form
for every new entry, refreshes the FM-31 ledgers and the document register,
files signed scans from inbox/scans/ and archives what was issued. A file
with any problem is rejected whole (exit 1) with an error report under
out/rejected/. A rerun with nothing new changes nothing.

run 读取 inbox 中新增或改动的登记文件，校验、入库、编号，生成 FM-30 表单，
更新 FM-31 台帐，归档扫描件和已签发的表单。

With --json, stdout is one JSON document (files, serials, forms, ledgers,
archive head, exit status; see README) and the human report goes to stderr.`,
		Example: `  qdoc run
  qdoc -c D:\质管部\config.yaml run
  qdoc run --json > run.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBatch(cmd.Context(), g, cmd, o)
		},
	}
	c.Flags().BoolVar(&o.json, "json", false, "print one JSON document on stdout (the report goes to stderr)")
	return c
}

// batchOptions are `run` (files nil: the inbox) and `import` (the named files).
type batchOptions struct {
	files  []string
	legacy bool
	json   bool
}

func (o batchOptions) name() string {
	if o.files != nil {
		return "import"
	}
	return "run"
}

// runBatch runs the steps of a batch and reports it, as text or JSON.
func runBatch(ctx context.Context, g *globalOptions, cmd *cobra.Command, o batchOptions) error {
	cfg, err := loadConfig(g)
	if err != nil {
		return o.finish(cmd, nil, nil, err)
	}
	s, err := batch.Open(cfg, g.by, o.name(), humanOut(cmd, o.json))
	if err != nil {
		return o.finish(cmd, cfg, nil, err)
	}
	defer s.Close()
	s.Progress = g.reporter(cmd)
	r := &batch.Run{Session: s, Files: o.files, Legacy: o.legacy}
	err = r.Execute(ctx, batch.RunSteps())
	r.PrintSummary()
	if g.timings {
		for _, t := range r.Timings {
			fmt.Fprintf(cmd.ErrOrStderr(), "step %-8s %v\n", t.Step, t.Took.Round(time.Millisecond))
		}
	}
	if err == nil && r.Result.Rejected > 0 {
		err = withCode(exitRejected, fmt.Errorf("%d file(s) rejected; see the problems above and the error reports under %s", r.Result.Rejected, cfg.OutDir()))
	}
	return o.finish(cmd, cfg, r, err)
}

// finish writes the JSON document when asked; the store is still open,
// for the archive head.
func (o batchOptions) finish(cmd *cobra.Command, cfg *config.Config, r *batch.Run, err error) error {
	if !o.json {
		return err
	}
	return emitJSON(cmd, newRunJSON(cmd, cfg, r, err), err)
}

func newImportCmd(g *globalOptions) *cobra.Command {
	var o batchOptions
	c := &cobra.Command{
		Use:   "import FILE...",
		Short: "Import the named intake files now (导入指定文件): xlsx, csv or yaml",
		Long: `import runs the same batch as run, on the files named instead of the inbox.
With --legacy it takes an existing register with its own historic numbers
once, and each year's counter then continues after its highest number.

With --json, stdout is one JSON document, as for run.`,
		Example: `  qdoc import 质量信息登记表.xlsx
  qdoc import --legacy 2025年质量信息台帐.xlsx   # an existing register with its own numbers`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.files = args
			return runBatch(cmd.Context(), g, cmd, o)
		},
	}
	c.Flags().BoolVar(&o.legacy, "legacy", false, "accept historic numbers qdoc never issued, and continue each year's counter after the highest")
	c.Flags().BoolVar(&o.json, "json", false, "print one JSON document on stdout (the report goes to stderr)")
	return c
}
