package main

import (
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/archive"
	"github.com/qdoc/qdoc/internal/batch"
	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/record"
)

func newArchiveCmd(g *globalOptions) *cobra.Command {
	c := &cobra.Command{
		Use:   "archive",
		Short: "The write-once archive (归档): what it holds, and putting a file in by hand",
		Long: `archive/<year>/<form code>/<file> keeps what was issued, write-once, with
MANIFEST (checksums in a hash chain). run archives issued FM-30 forms and
signed scans by itself; verify checks it all.

归档只增不改：run 自动归档已签发的表单和签字扫描件，verify 核验。`,
		Example: `  qdoc archive status
  qdoc archive put 2026年第三季度签到表.pdf --year 2026 --form LDMD-FM-32 --record 2026Q3`,
	}
	c.AddCommand(newArchiveStatusCmd(g), newArchivePutCmd(g))
	return c
}

func newArchiveStatusCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "What the archive holds by kind and year, its age, and what has passed its retention",
		Long: `status lists the archive by kind and year: files, size, when first archived,
the retention period from config.yaml (retention:), until when it is kept and
how many files have passed it. qdoc never deletes anything: disposal after
retention is a decision for people, by the company's procedure.`,
		Example: "  qdoc archive status",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(g)
			if err != nil {
				return err
			}
			m, err := archive.ReadManifest(cfg.ArchiveDir())
			if err != nil {
				return withCode(exitIntegrity, err)
			}
			return printStatus(cmd.OutOrStdout(), cfg, m)
		},
	}
}

func printStatus(out io.Writer, cfg *config.Config, m *archive.Manifest) error {
	today := cfg.Today()
	hs := archive.Status(m, func(kind string) archive.Rule { return ruleOf(cfg, kind) }, today)
	tw := tabwriter.NewWriter(out, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "类别\t年份\t文件数\t大小\t最早归档\t已保存\t保存期限\t保存至\t已过期限")
	var files, passed int
	var bytes int64
	for _, h := range hs {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%d\n", kindLabel(h.Kind), h.Year, h.Files, humanBytes(h.Bytes),
			record.FormatDate(h.First.In(cfg.Loc)), age(h.First, today), h.Rule.Label, untilLabel(h.Until, cfg.Loc), h.Passed)
		files, bytes, passed = files+h.Files, bytes+h.Bytes, passed+h.Passed
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(out, "合计 %d 个文件，%s；已过保存期限 %d 个（qdoc 从不删除归档文件；到期处置须按公司程序由人决定）\n", files, humanBytes(bytes), passed)
	return nil
}

func ruleOf(cfg *config.Config, kind string) archive.Rule {
	r := cfg.RetentionOf(kind)
	return archive.Rule{Years: r.Years, Permanent: r.Permanent, LastRecord: r.LastRecord, Label: r.String()}
}

func kindLabel(kind string) string {
	switch kind {
	case "scan":
		return "签字扫描件"
	case "document":
		return archive.DocumentFolder
	}
	return kind
}

func untilLabel(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "永久"
	}
	return record.FormatDate(t.In(loc))
}

// age is how long ago t was, in whole years and days.
func age(t, today time.Time) string {
	days := int(today.Sub(t).Hours() / 24)
	if days < 0 {
		days = 0
	}
	if days < 365 {
		return fmt.Sprintf("%d 天", days)
	}
	return fmt.Sprintf("%d 年 %d 天", days/365, days%365)
}

type putOptions struct {
	year                       int
	form, name, serial, record string
}

func newArchivePutCmd(g *globalOptions) *cobra.Command {
	var o putOptions
	c := &cobra.Command{
		Use:   "put FILE --year Y --form CODE [--name N] [--serial S] [--record R]",
		Short: "Put a file in the archive by hand, as archive/<year>/<form code>/<name>",
		Long: `put archives one file write-once. Putting the same file again does nothing;
a different file under a name already archived is refused (exit 4): archived
files are never overwritten.`,
		Example: `  qdoc archive put 2026年第三季度签到表.pdf --year 2026 --form LDMD-FM-32 --record 2026Q3`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.year == 0 || o.form == "" {
				return withCode(exitUsage, fmt.Errorf("--year and --form are required: the archive folder is <year>/<form code>"))
			}
			if _, err := os.Stat(args[0]); err != nil {
				return withCode(exitRejected, fmt.Errorf("%s: %w", args[0], err))
			}
			return withSession(g, cmd, "archive put", func(s *batch.Session) error {
				return archivePut(cmd.OutOrStdout(), s, args[0], o)
			})
		},
	}
	c.Flags().IntVar(&o.year, "year", 0, "the record's year (first folder)")
	c.Flags().StringVar(&o.form, "form", "", "form code (second folder), e.g. LDMD-FM-32")
	c.Flags().StringVar(&o.name, "name", "", "file name in the archive (default: the file's own)")
	c.Flags().StringVar(&o.serial, "serial", "", "serial printed on the file")
	c.Flags().StringVar(&o.record, "record", "", "record it belongs to: a serial, a quarter like 2026Q3, a document number")
	return c
}

func archivePut(out io.Writer, s *batch.Session, file string, o putOptions) error {
	a, err := s.Archive()
	if err != nil {
		return err
	}
	it := archive.Item{Src: file, Year: o.year, Form: o.form, Name: o.name, Serial: o.serial, Record: o.record}
	rel, err := it.Rel()
	if err != nil {
		return withCode(exitUsage, err)
	}
	res, err := a.Put(it)
	if err != nil {
		return err
	}
	if res[0] == archive.Same {
		fmt.Fprintf(out, "%s: 相同文件已归档，无需操作\n", rel)
	} else {
		fmt.Fprintf(out, "%s: 已归档（只读）\n", rel)
	}
	fmt.Fprintf(out, "归档清单链尾哈希: %s\n", a.Head())
	return nil
}
