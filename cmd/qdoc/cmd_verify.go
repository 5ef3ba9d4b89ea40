package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/archive"
	"github.com/qdoc/qdoc/internal/progress"
	"github.com/qdoc/qdoc/internal/store"
)

type verifyOptions struct {
	archive string // a copy of an archive folder; no config or store needed
	expect  string // a chain hash written down earlier
	json    bool
}

func newVerifyCmd(g *globalOptions) *cobra.Command {
	var o verifyOptions
	c := &cobra.Command{
		Use:   "verify [--archive DIR] [--expect HASH]",
		Short: "Re-hash every archived file and check the manifest chain (核验归档; exit 4 if anything is wrong)",
		Long: `verify re-hashes every file MANIFEST lists and reports, each by path, files
missing, altered or unexpected and any break in the manifest's chain, with the
number of files and bytes checked and the chain hash. Links are not followed:
a symlink or folder where an archived file should be counts as altered. A
folder of files without MANIFEST is a problem of its own; an empty folder
holds nothing to verify and is reported so, not as intact.

In a workspace it also checks every chain hash the store recorded. With
--archive it needs only the folder: an inspector can check a copy of the
archive on another machine, without the store or config.yaml.

verify 重新计算每个归档文件的校验值，报告缺失、改动、多余的文件和清单链的断裂。

With --json, stdout is one JSON document: files and bytes checked, the
chain head, and every problem with its kind and path.`,
		Example: `  qdoc verify
  qdoc verify --archive E:\归档副本 --expect 3f1c…   # a copy, against a hash written down
  qdoc verify --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			rep, err := runVerify(cmd.Context(), g, o, humanOut(cmd, o.json), g.reporter(cmd))
			if o.json {
				return emitJSON(cmd, newVerifyJSON(cmd, rep, err), err)
			}
			return err
		},
	}
	c.Flags().StringVar(&o.archive, "archive", "", "archive folder to check (default: the workspace's)")
	c.Flags().StringVar(&o.expect, "expect", "", "a chain hash noted earlier, which must still be in the chain")
	c.Flags().BoolVar(&o.json, "json", false, "print one JSON document on stdout (the report goes to stderr)")
	return c
}

// runVerify checks the archive and prints the report on out, showing the
// hashing's progress on show; the report is nil when the archive could
// not be read at all.
func runVerify(ctx context.Context, g *globalOptions, o verifyOptions, out io.Writer, show *progress.Reporter) (*archive.Report, error) {
	dir, expect := o.archive, []string{o.expect}
	if dir == "" {
		cfg, err := loadConfig(g)
		if err != nil {
			return nil, err
		}
		heads, err := storeHeads(cfg.StorePath())
		if err != nil {
			return nil, withCode(exitIntegrity, err)
		}
		dir, expect = cfg.ArchiveDir(), append(expect, heads...)
		if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) && len(heads) == 0 {
			fmt.Fprintf(out, "尚无归档（%s 不存在）：没有可核验的内容（no archive yet: nothing to verify）\n", dir)
			return &archive.Report{Dir: dir}, nil
		}
	}
	rep, err := archive.Verify(ctx, dir, show, expect...)
	if err != nil {
		return nil, withCode(exitIntegrity, err)
	}
	printVerify(out, rep)
	if !rep.OK() {
		return rep, withCode(exitIntegrity, fmt.Errorf("归档核验发现 %d 处问题（%s），见上；请从备份或副本恢复有问题的文件，切勿修改归档（archive verification failed）", len(rep.Problems), dir))
	}
	return rep, nil
}

// storeHeads reads the chain hashes the store recorded, if there is a store.
func storeHeads(path string) ([]string, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, nil
	}
	st, err := store.OpenReadOnly(path)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	heads, err := st.Heads()
	if err != nil {
		// A store from before the archive existed has no table of heads.
		return nil, nil
	}
	return heads, nil
}

func printVerify(out io.Writer, rep *archive.Report) {
	if rep.Empty() {
		// Not "intact": a wrong --archive folder must not look checked.
		fmt.Fprintf(out, "归档文件夹 %s 是空的：没有清单 MANIFEST，也没有文件，没有可核验的内容；如是归档副本，请检查文件夹是否选对（empty folder: nothing to verify）\n", rep.Dir)
		return
	}
	fmt.Fprintf(out, "核验归档 %s\n", rep.Dir)
	for _, p := range rep.Problems {
		fmt.Fprintf(out, "  %s\n", p)
	}
	fmt.Fprintf(out, "已核验 %d 个文件，共 %d 字节（%s）；清单登记 %d 个\n", rep.Files, rep.Bytes, humanBytes(rep.Bytes), rep.Listed)
	head := rep.Head
	if head == "" {
		head = "（归档为空）"
	}
	fmt.Fprintf(out, "归档清单链尾哈希: %s\n", head)
	if rep.OK() {
		fmt.Fprintln(out, "结果: 完好，无缺失、改动或多余文件（archive intact）")
	}
}

// humanBytes prints a size the way a file manager does.
func humanBytes(n int64) string { return progress.Bytes(n) }
