package intake

import (
	"strings"

	"github.com/qdoc/qdoc/internal/record"
)

// headerNames are the column headers (xlsx, csv) and keys (yaml) each field
// is recognised by, besides its English key. Matching ignores case, spaces
// and full-width forms (record.Fold). Add spellings here, not in code.
var headerNames = map[string][]string{
	"number":      {"编号", "serial"},
	"received":    {"接收日期", "日期", "收到日期"},
	"channel":     {"信息渠道", "渠道", "信息来源"},
	"category":    {"信息类别", "类别"},
	"class":       {"等级", "信息等级", "级别"},
	"title":       {"标题"},
	"content":     {"内容", "信息内容"},
	"reporter":    {"报告部门"},
	"departments": {"涉及部门"},
	"measures":    {"处理措施", "评估处理措施"},
	"feedback":    {"反馈结果"},
	"status":      {"状态", "处理状态"},
	"closed":      {"关闭日期"},
	"remarks":     {"备注"},
}

// headerScanRows is how far down a sheet the header is looked for; rows
// above it are the form's title, company name, form code and the like.
const headerScanRows = 20

// headerMinMatches is how many known headers make a row the header row.
const headerMinMatches = 3

var headerIndex = buildHeaderIndex()

func buildHeaderIndex() map[string]string {
	idx := map[string]string{}
	for key, names := range headerNames {
		idx[record.Fold(key)] = key
		for _, n := range names {
			idx[record.Fold(n)] = key
		}
	}
	return idx
}

// fieldOf returns the field a header cell names, or "". Templates often
// decorate headers ("标题*", "接收日期（必填）", "日期：") so those marks
// are tolerated.
func fieldOf(header string) string {
	h := strings.Trim(record.Fold(header), "*:：")
	if k, ok := headerIndex[h]; ok {
		return k
	}
	if i := strings.IndexAny(h, "(（"); i > 0 {
		return headerIndex[strings.Trim(h[:i], "*:：")]
	}
	return ""
}

// headerScore counts the distinct known fields in a row; ok reports whether
// the row qualifies as a header (enough fields, one of them title or
// content — a row of dates and classes alone is data, not a header).
func headerScore(cells []string) (n int, ok bool) {
	seen := map[string]bool{}
	for _, c := range cells {
		if k := fieldOf(c); k != "" {
			seen[k] = true
		}
	}
	return len(seen), len(seen) >= headerMinMatches && (seen["title"] || seen["content"])
}

// findHeader returns the index of the best header row among rows, or -1.
func findHeader(rows [][]string) int {
	best, at := 0, -1
	for i, cells := range rows {
		if n, ok := headerScore(cells); ok && n > best {
			best, at = n, i
		}
	}
	return at
}

// headerHint lists the expected headers for "no header found" messages.
func headerHint() string {
	names := make([]string, len(record.Fields))
	for i, k := range record.Fields {
		names[i] = headerNames[k][0]
	}
	return strings.Join(names, "、")
}

// fieldLabel is the Chinese name of a field for messages and reports.
func fieldLabel(key string) string {
	if n := headerNames[key]; len(n) > 0 {
		return n[0]
	}
	return key
}
