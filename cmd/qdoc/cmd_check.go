package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/batch"
	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/schedule"
)

func newCheckCmd(g *globalOptions) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "check",
		Short: "Validate the config and every intake file in the inbox; write nothing (检查，不写入)",
		Long: `check loads config.yaml strictly (unknown keys, bad schedule specs and bad
serial patterns are errors with their line), loads every form and ledger
layout the workspace prints with and the configured font (one that does
not load or cannot print Chinese is a config error, exit 2), and validates
every intake file in the inbox exactly as run would, against the store,
without storing, numbering or writing anything and without taking the
workspace lock. Rows with characters the forms' font cannot print (they
would print as boxes) are warned about by file, row and field.

check 校验配置和 inbox 中的每个登记文件，与 run 的规则相同，但不写任何东西。

With --json, stdout is one JSON document: run's fields without what a run
writes (no forms, ledgers or archive).`,
		Example: `  qdoc check
  qdoc -c D:\质管部\config.yaml check
  qdoc check --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, res, err := runCheck(cmd, g, asJSON)
			if asJSON {
				return emitJSON(cmd, checkJSON{statusOf(cmd, err), newIntakeJSON(cfg, res)}, err)
			}
			return err
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON document on stdout (the report goes to stderr)")
	return c
}

func runCheck(cmd *cobra.Command, g *globalOptions, asJSON bool) (*config.Config, batch.Result, error) {
	cfg, err := loadConfig(g)
	if err != nil {
		return nil, batch.Result{}, err
	}
	if err := schedule.Check(cfg.Schedule); err != nil {
		return cfg, batch.Result{}, withCode(exitUsage, fmt.Errorf("config %s: %w", cfg.File, err))
	}
	if _, err := batch.Preflight(cfg); err != nil {
		return cfg, batch.Result{}, withCode(exitUsage, fmt.Errorf("config %s: %w", cfg.File, err))
	}
	out := humanOut(cmd, asJSON)
	fmt.Fprintf(out, "config %s: OK\n", cfg.File)
	res, err := batch.Check(cmd.Context(), cfg, out)
	if err != nil {
		return cfg, res, err
	}
	if res.Rejected > 0 {
		return cfg, res, withCode(exitRejected, fmt.Errorf("%d file(s) would be rejected", res.Rejected))
	}
	fmt.Fprintln(out, "inbox: OK")
	return cfg, res, nil
}
