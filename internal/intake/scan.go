package intake

import (
	"os"
	"path/filepath"
	"strings"
)

// tempSuffixes are endings that editors, sync tools and browsers give to
// files still being written or kept as backups.
var tempSuffixes = []string{".tmp", ".temp", ".bak", ".part", ".partial", ".crdownload", ".download", ".swp", "~"}

// otherFormats name spreadsheet formats a clerk may drop in by mistake,
// with what to do about them.
var otherFormats = map[string]string{
	".xls":  "旧版 Excel 格式 .xls，请在 Excel 中另存为 .xlsx（old .xls format: save as .xlsx）",
	".xlsm": "含宏的工作簿 .xlsm，请另存为 .xlsx（macro workbook: save as .xlsx）",
	".et":   "WPS 表格格式 .et，请另存为 .xlsx（WPS format: save as .xlsx）",
	".ods":  "OpenDocument 表格 .ods，请另存为 .xlsx（OpenDocument: save as .xlsx）",
	".txt":  "文本文件 .txt，请另存为 .csv 或 .xlsx（text file: save as .csv or .xlsx）",
}

// Skip reports whether a directory entry is not an intake file, and why
// (in Chinese with English). Lock and temporary files appear beside every
// workbook a clerk has open; they must never be read as data.
func Skip(name string) (skip bool, why string) {
	lower := strings.ToLower(name)
	switch {
	case strings.HasPrefix(name, "~$"):
		return true, "Excel 锁定文件（Excel lock file）"
	case strings.HasPrefix(lower, ".~lock."):
		return true, "LibreOffice/WPS 锁定文件（lock file）"
	case strings.HasPrefix(name, "."):
		return true, "隐藏文件（hidden file）"
	case strings.HasPrefix(name, "~"):
		return true, "临时文件（temporary file）"
	}
	for _, s := range tempSuffixes {
		if strings.HasSuffix(lower, s) {
			return true, "临时文件（temporary file）"
		}
	}
	ext := filepath.Ext(lower)
	if kinds[ext] != "" {
		return false, ""
	}
	if why, ok := otherFormats[ext]; ok {
		return true, why
	}
	return true, "不是登记文件（not an intake file: only .xlsx, .csv, .yaml are read）"
}

// Scan lists the intake files in dir, not recursing, sorted by name
// (os.ReadDir's order) so runs are repeatable. skipped holds "name: why"
// for every other file, so the run can say what it left alone; folders
// (such as scans/) are passed over in silence.
func Scan(dir string) (files []string, skipped []string, err error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fileErr(dir, err, "无法读取文件夹（cannot read the folder: %v）", err)
	}
	for _, e := range ents {
		name := e.Name()
		if e.IsDir() {
			continue // sub-folders have their own jobs (scans/) or are the clerk's own
		}
		if skip, why := skipEntry(e); skip {
			skipped = append(skipped, name+": "+why)
			continue
		}
		files = append(files, filepath.Join(dir, name))
	}
	return files, skipped, nil
}

func skipEntry(e os.DirEntry) (bool, string) {
	if skip, why := Skip(e.Name()); skip {
		return skip, why
	}
	if e.IsDir() {
		return true, "文件夹，不读取子文件夹（folder: sub-folders are not read）"
	}
	if !e.Type().IsRegular() && e.Type()&os.ModeSymlink == 0 {
		return true, "不是普通文件（not a regular file）"
	}
	return false, ""
}
