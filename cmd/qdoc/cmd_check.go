package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/batch"
	"github.com/qdoc/qdoc/internal/schedule"
)

func newCheckCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Validate the config and every intake file in the inbox; write nothing",
		Example: `  qdoc check
  qdoc -c D:\质管部\config.yaml check`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(g)
			if err != nil {
				return err
			}
			if err := schedule.Check(cfg.Schedule); err != nil {
				return withCode(exitUsage, fmt.Errorf("config %s: %w", cfg.File, err))
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "config %s: OK\n", cfg.File)
			res, err := batch.Check(cmd.Context(), cfg, out)
			if err != nil {
				return err
			}
			if res.Rejected > 0 {
				return withCode(exitRejected, fmt.Errorf("%d file(s) would be rejected", res.Rejected))
			}
			fmt.Fprintln(out, "inbox: OK")
			return nil
		},
	}
}
