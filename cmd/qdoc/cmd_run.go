package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/batch"
)

func newRunCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "run",
		Short: "Run one batch: import the inbox, number new entries, refresh the ledgers",
		Example: `  qdoc run
  qdoc -c /srv/quality/config.yaml run`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBatch(cmd.Context(), g, cmd, nil, false)
		},
	}
}

// runBatch is `run` (files nil: the inbox) and `import` (the named files).
func runBatch(ctx context.Context, g *globalOptions, cmd *cobra.Command, files []string, legacy bool) error {
	cfg, err := loadConfig(g)
	if err != nil {
		return err
	}
	name := "run"
	if files != nil {
		name = "import"
	}
	s, err := batch.Open(cfg, g.by, name, cmd.OutOrStdout())
	if err != nil {
		return err
	}
	defer s.Close()
	s.Progress = g.reporter(cmd)
	r := &batch.Run{Session: s, Files: files, Legacy: legacy}
	err = r.Execute(ctx, batch.RunSteps())
	r.PrintSummary()
	if g.timings {
		for _, t := range r.Timings {
			fmt.Fprintf(cmd.ErrOrStderr(), "step %-8s %v\n", t.Step, t.Took.Round(time.Millisecond))
		}
	}
	if err != nil {
		return err
	}
	if r.Result.Rejected > 0 {
		return withCode(exitRejected, fmt.Errorf("%d file(s) rejected; see the problems above and the error reports under %s", r.Result.Rejected, cfg.OutDir()))
	}
	return nil
}

func newImportCmd(g *globalOptions) *cobra.Command {
	var legacy bool
	c := &cobra.Command{
		Use:   "import FILE...",
		Short: "Import the named intake files now (xlsx, csv or yaml)",
		Example: `  qdoc import 质量信息登记表.xlsx
  qdoc import --legacy 2025年质量信息台帐.xlsx   # an existing register with its own numbers`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBatch(cmd.Context(), g, cmd, args, legacy)
		},
	}
	c.Flags().BoolVar(&legacy, "legacy", false, "accept historic numbers qdoc never issued, and continue each year's counter after the highest")
	return c
}
