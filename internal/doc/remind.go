package doc

import (
	"time"

	"github.com/qdoc/qdoc/internal/store"
)

// What document control asks the quality officer to chase (internal/remind
// lists them with everything else).
const (
	KindCopies  = "旧版未回收"  // a superseded version's copy still at a department
	KindDestroy = "已回收待销毁" // every copy back, destruction not recorded
	KindReview  = "定期评审到期" // the version in force is due for periodic review
)

// Reminder is one item to chase: Ref is NUMBER@VERSION, Due the date it is
// counted from (superseded, or the review due date).
type Reminder struct {
	Kind, Ref, Title string
	Due              time.Time
	Who, Note        string
}

// CopiesToChase lists every copy of a superseded version not yet returned,
// and every recalled version whose destruction is not recorded.
func CopiesToChase(files []*store.DocFile) []Reminder {
	var out []Reminder
	for _, f := range files {
		for _, v := range f.Versions {
			ref := f.Doc.Number + "@" + v.Version
			switch v.State {
			case Recalling:
				for _, c := range Outstanding(f, v.Version) {
					out = append(out, Reminder{Kind: KindCopies, Ref: ref, Title: f.Doc.Title, Due: v.Superseded, Who: c.Holder,
						Note: sprintf("第%d份未交回；收回后 qdoc doc recall %s --dept %s", c.No, ref, c.Holder)})
				}
			case Recalled:
				out = append(out, Reminder{Kind: KindDestroy, Ref: ref, Title: f.Doc.Title, Due: v.Superseded, Who: f.Doc.Owner,
					Note: "各份已收回；销毁（留一份归档）后 qdoc doc destroy " + ref})
			}
		}
	}
	return out
}

// ReviewsDue lists the documents whose version in force is due for its
// periodic review on or before today.
func ReviewsDue(files []*store.DocFile, today time.Time) []Reminder {
	var out []Reminder
	for _, f := range files {
		due := NextReview(f)
		if due.IsZero() || due.After(today) {
			continue
		}
		cur := Current(f)
		out = append(out, Reminder{Kind: KindReview, Ref: f.Doc.Number + "@" + cur.Version, Title: f.Doc.Title, Due: due, Who: f.Doc.Owner,
			Note: "评审后 qdoc doc periodic " + f.Doc.Number + "，需修改则 qdoc doc revise"})
	}
	return out
}
