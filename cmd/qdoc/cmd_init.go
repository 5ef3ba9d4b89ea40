package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/fsutil"
	"github.com/qdoc/qdoc/internal/ledger"
)

// IntakeTemplateName is the workbook `init` puts in the workspace root.
const IntakeTemplateName = "质量信息登记表.xlsx"

func newInitCmd(g *globalOptions) *cobra.Command {
	var company string
	c := &cobra.Command{
		Use:   "init DIR",
		Short: "Make a new workspace (建工作区): config.yaml, inbox/ and the intake workbook",
		Example: `  qdoc init 质管部
  qdoc init --company 广州耕海科技开发有限公司 D:\质管部`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return initWorkspace(cmd.OutOrStdout(), args[0], company)
		},
	}
	c.Flags().StringVar(&company, "company", "本公司", "company name printed on forms and ledgers")
	return c
}

func initWorkspace(out io.Writer, dir, company string) error {
	cfgPath := filepath.Join(dir, "config.yaml")
	if _, err := os.Stat(cfgPath); err == nil {
		return withCode(exitUsage, fmt.Errorf("%s already exists; qdoc init never overwrites a workspace", cfgPath))
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "inbox"), 0o755); err != nil {
		return err
	}
	text := config.Template(company)
	cfg, err := config.Parse([]byte(text))
	if err != nil {
		return fmt.Errorf("internal: the config template does not load: %w", err)
	}
	if err := fsutil.WriteFile(cfgPath, func(w io.Writer) error { _, err := io.WriteString(w, text); return err }); err != nil {
		return err
	}
	wb := filepath.Join(dir, IntakeTemplateName)
	if err := fsutil.WriteFile(wb, func(w io.Writer) error { return ledger.WriteIntakeTemplate(w, templateOptions(cfg)) }); err != nil {
		return err
	}
	fmt.Fprintf(out, "工作区已创建: %s\n  配置: %s\n  登记表: %s（填好后放入 inbox/，再运行 qdoc run）\n", dir, cfgPath, wb)
	return nil
}

func templateOptions(cfg *config.Config) ledger.TemplateOptions {
	labels := func(v interface {
		Codes() []string
		Label(string) string
	}) []string {
		var out []string
		for _, c := range v.Codes() {
			out = append(out, v.Label(c))
		}
		return out
	}
	return ledger.TemplateOptions{
		Departments: cfg.Departments, Company: cfg.Company,
		Channels: labels(cfg.Vocabs.Channel), Categories: labels(cfg.Vocabs.Category),
		Classes: labels(cfg.Vocabs.Class), Statuses: labels(cfg.Vocabs.Status),
	}
}
