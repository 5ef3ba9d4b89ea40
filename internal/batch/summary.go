package batch

import (
	"fmt"
	"path/filepath"
	"strings"
)

func (r *Run) printFile(fr FileResult) {
	name := r.relPath(fr.Path)
	switch {
	case fr.Skipped:
		fmt.Fprintf(r.Out, "%s: 未变化，跳过\n", name)
		return
	case fr.Retry:
		fmt.Fprintf(r.Out, "%s: 文件正在被写入（Excel 未保存完），下次运行时再读取\n", name)
		return
	}
	for _, w := range fr.Warnings {
		fmt.Fprintf(r.Out, "  提示 %s\n", w)
	}
	if fr.Rejected {
		fmt.Fprintf(r.Out, "%s: 已拒绝，共 %d 个问题，整个文件未导入：\n", name, len(fr.Problems))
		for _, p := range fr.Problems {
			fmt.Fprintf(r.Out, "  错误 %s\n", p)
		}
		if fr.Report != "" {
			fmt.Fprintf(r.Out, "  错误报告: %s（红色单元格附批注，改正后放回 inbox 重新运行）\n", r.relPath(fr.Report))
		}
		return
	}
	fmt.Fprintf(r.Out, "%s: 新增 %d，更新 %d，未变 %d，拒绝 0\n", name, fr.New, fr.Updated, fr.Unchanged)
	if len(fr.Serials) > 0 {
		fmt.Fprintf(r.Out, "  编号 %s\n", serialRange(fr.Serials))
	}
}

// names are the base names of paths without their extension.
func names(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
	}
	return out
}

// serialRange shows a list of serials compactly: first … last (count).
func serialRange(s []string) string {
	if len(s) <= 3 {
		return strings.Join(s, ", ")
	}
	return fmt.Sprintf("%s … %s（%d 个）", s[0], s[len(s)-1], len(s))
}

// PrintSummary writes the run's closing lines.
func (r *Run) PrintSummary() {
	res := r.Result
	fmt.Fprintf(r.Out, "合计: 新增 %d，更新 %d，未变 %d，拒绝文件 %d\n", res.New, res.Updated, res.Unchanged, res.Rejected)
	if n := len(res.Rendered); n > 0 {
		fmt.Fprintf(r.Out, "表单: 生成 %d 份 FM-30（%s）\n", n, r.relPath(filepath.Dir(res.Rendered[n-1])))
	}
	if n := len(res.PutBack); n > 0 {
		fmt.Fprintf(r.Out, "表单: 补回 %d 份从 out/ 删除的 FM-30，与签发时记录的 SHA-256 相同（%s）\n", n, serialRange(names(res.PutBack)))
	}
	if n := len(res.NotPutBack); n > 0 {
		fmt.Fprintf(r.Out, "表单: %d 份从 out/ 删除的 FM-30 已改过，未写回（见上面的提示）\n", n)
	}
	r.PrintLedgers()
	r.printArchive()
}

// PrintLedgers names the ledgers this run rewrote. A run stopped by an
// error before its ledger step did not look at them: saying they are up
// to date would be a guess.
func (r *Run) PrintLedgers() {
	res := r.Result
	for _, l := range res.Ledgers {
		fmt.Fprintf(r.Out, "台帐: %s\n", r.relPath(l))
	}
	switch {
	case !res.LedgersChecked:
		fmt.Fprintln(r.Out, "台帐: 运行因错误中止，台帐未更新；改正错误后重新运行即可补上")
	case len(res.Ledgers) == 0:
		fmt.Fprintln(r.Out, "台帐: 均为最新，未改写")
	}
}
