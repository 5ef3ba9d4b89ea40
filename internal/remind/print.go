package remind

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/qdoc/qdoc/internal/record"
)

// ConsoleLimit is how many items of each kind the console shows; the
// workbook has them all.
const ConsoleLimit = 10

// Print writes the short console list: the counts, then the first items
// of each kind, most overdue first.
func Print(w io.Writer, r *Result, path string) {
	fmt.Fprintf(w, "%s（截至 %s）：%s\n", Title, record.FormatDate(r.Today), summary(r))
	for _, g := range r.Groups {
		fmt.Fprintf(w, "%s %d 项：\n", g.Kind, len(g.Items))
		tw := tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
		for i, it := range g.Items {
			if i == ConsoleLimit {
				fmt.Fprintf(tw, "  …另有 %d 项，见清单\n", len(g.Items)-i)
				break
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", it.Ref, clip(it.Title, 24), dueText(it), it.Note, it.Who)
		}
		tw.Flush()
	}
	fmt.Fprintf(w, "清单: %s\n", path)
}

func dueText(it Item) string {
	switch {
	case it.Due.IsZero():
		return ""
	case it.Kind == KindOverdue:
		return fmt.Sprintf("时限 %s，已超 %d 天", record.FormatDate(it.Due), it.Days)
	}
	return fmt.Sprintf("%s，已过 %d 天", record.FormatDate(it.Due), it.Days)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return string(r)
}
