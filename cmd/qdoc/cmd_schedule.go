package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/schedule"
)

type scheduleOptions struct {
	list bool
}

func newScheduleCmd(g *globalOptions) *cobra.Command {
	var o scheduleOptions
	c := &cobra.Command{
		Use:   "schedule",
		Short: "Run config.yaml's scheduled jobs on time (定时任务), in the foreground",
		Long: `Runs the jobs named under 'schedule:' in config.yaml on their cron specs, in
the workspace's time zone:

  schedule:
    run: "0 18 * * *"              # daily batch (qdoc run)
    quarterly: "0 8 1 1,4,7,10 *"  # FM-32 of the quarter just ended
    reminders: "0 9 * * 1"         # 提醒清单, Mondays 09:00

Any robfig/cron spec works: five fields, an optional leading seconds field,
or a descriptor such as @daily or @every 10m. A job without a spec does not
run. A job still running is not started again; a job that finds the
workspace locked by a manual command is skipped until its next time; a
failing job is logged and the others go on. SIGINT (Ctrl-C) or SIGTERM stops
the scheduler once the job in hand has finished.`,
		Example: `  qdoc schedule --list
  qdoc -c D:\质管部\config.yaml schedule`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSchedule(cmd, g, o)
		},
	}
	c.Flags().BoolVar(&o.list, "list", false, "print each job with its next three fire times, and exit")
	return c
}

func runSchedule(cmd *cobra.Command, g *globalOptions, o scheduleOptions) error {
	cfg, err := loadConfig(g)
	if err != nil {
		return err
	}
	if err := schedule.Check(cfg.Schedule); err != nil {
		return withCode(exitUsage, fmt.Errorf("config %s: %w", cfg.File, err))
	}
	out := cmd.OutOrStdout()
	if o.list {
		return listSchedule(out, cfg)
	}
	jobs := schedule.Jobs(cfg, g.by, out)
	if len(jobs) == 0 {
		return withCode(exitUsage, errors.New("no job has a spec under 'schedule:' in "+cfg.File+`; add e.g. run: "0 18 * * *"`))
	}
	s, err := schedule.New(jobs, cfg.Loc, out)
	if err != nil {
		return withCode(exitUsage, err)
	}
	// SIGTERM is what systemd and `kill` send; Go defines it on Windows too.
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return s.Run(ctx)
}

// listSchedule prints each job, its spec and its next three fire times
// from now (QDOC_NOW pins it) in the workspace's time zone.
func listSchedule(out io.Writer, cfg *config.Config) error {
	now := config.Now().In(cfg.Loc)
	fmt.Fprintf(out, "时区 %s，现在 %s\n", cfg.Loc, now.Format("2006-01-02 15:04"))
	for _, name := range schedule.Names {
		spec := strings.TrimSpace(cfg.Schedule[name])
		fmt.Fprintf(out, "%s（%s）\n", name, schedule.Label(name))
		if spec == "" {
			fmt.Fprintln(out, "  未配置，不运行")
			continue
		}
		next, err := schedule.Next(spec, now, 3)
		if err != nil {
			return withCode(exitUsage, err)
		}
		fmt.Fprintf(out, "  %s\n", spec)
		if len(next) == 0 {
			fmt.Fprintln(out, "  此规则永不触发（如 2 月 30 日），请检查（this spec never fires）")
		}
		for _, t := range next {
			fmt.Fprintf(out, "  下次 %s\n", t.Format("2006-01-02 15:04:05 Mon"))
		}
	}
	return nil
}
