package remind

import (
	"time"

	"github.com/qdoc/qdoc/internal/batch"
	"github.com/qdoc/qdoc/internal/doc"
	"github.com/qdoc/qdoc/internal/store"
)

// Document control's sources: copies of superseded versions not yet
// returned (and recalled versions not yet destroyed), and documents due
// for periodic review. The rules live in internal/doc.
func init() {
	Register("doc-copies", 20, docCopies)
	Register("doc-review", 21, docReviews)
}

func docFiles(s *batch.Session) ([]*store.DocFile, error) {
	w := &doc.Workspace{Cfg: s.Cfg, Store: s.Store, Actor: s.Actor}
	return w.LoadAll()
}

func docCopies(s *batch.Session, today time.Time) ([]Item, error) {
	files, err := docFiles(s)
	if err != nil {
		return nil, err
	}
	return docItems(doc.CopiesToChase(files), today), nil
}

func docReviews(s *batch.Session, today time.Time) ([]Item, error) {
	files, err := docFiles(s)
	if err != nil {
		return nil, err
	}
	return docItems(doc.ReviewsDue(files, today), today), nil
}

func docItems(rs []doc.Reminder, today time.Time) []Item {
	out := make([]Item, len(rs))
	for i, r := range rs {
		out[i] = Item{Kind: r.Kind, Ref: r.Ref, Title: r.Title, Due: r.Due, Days: days(r.Due, today), Who: r.Who, Note: r.Note}
	}
	return out
}
