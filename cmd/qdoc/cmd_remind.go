package main

import (
	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/batch"
	"github.com/qdoc/qdoc/internal/remind"
	"github.com/qdoc/qdoc/internal/report"
)

func newRemindCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "remind",
		Short: "List what to chase (提醒清单): overdue entries, unused reserved serials, …",
		Long: `Lists the entries past their class deadline and not closed, the serials
reserved for blank forms and never filled, and (with document control) copies
not yet returned and documents due for periodic review. A short list goes to
the console, the full one to out/reminders/提醒清单 <date>.xlsx.`,
		Example: "  qdoc remind",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return withSession(g, cmd, "remind", func(s *batch.Session) error {
				res, err := remind.Generate(s, s.Actor.Today)
				if err != nil {
					return err
				}
				remind.Print(cmd.OutOrStdout(), res, report.RelPath(s.Cfg, res.Path))
				return nil
			})
		},
	}
}
