package doc

import (
	"strings"
	"time"

	"github.com/qdoc/qdoc/internal/store"
)

// Destroy records the destruction of a superseded version's returned
// copies, keeping one archived: copy keep (0 = the owner department's
// copy, else the lowest-numbered one).
func (w *Workspace) Destroy(o RefOptions, keep int) error {
	return w.versionStep(o, "destroy", func(tx *store.Tx, f *store.DocFile, v *store.DocVersion, date time.Time) error {
		if err := CheckDestroy(f, v, date); err != nil {
			return err
		}
		kept, err := archivedCopy(f, v, keep)
		if err != nil {
			return err
		}
		nv := *v
		nv.State, nv.Destroyed, nv.ArchivedCopy = Destroyed, date, kept
		return tx.UpdateDocVersion(v, &nv, "command: doc destroy", "")
	})
}

// archivedCopy names the copy kept when the rest are destroyed.
func archivedCopy(f *store.DocFile, v *store.DocVersion, keep int) (string, error) {
	cs := Copies(f, v.Version)
	if len(cs) == 0 {
		if v.File != "" {
			return "电子文件 " + v.File, nil
		}
		return "原件", nil
	}
	pick := cs[0]
	for _, c := range cs {
		if keep == 0 && c.Holder == f.Doc.Owner || keep == c.No {
			pick = c
			break
		}
	}
	if keep != 0 && pick.No != keep {
		return "", rule("--keep %d：%s@%s 没有第 %d 份；各份为 %s", keep, f.Doc.Number, v.Version, keep, holders(cs))
	}
	return sprintf("第%d份（%s）", pick.No, pick.Holder), nil
}

// Train records a training session on the version in force; attendees
// are trimmed, and one named twice is refused.
func (w *Workspace) Train(o RefOptions, attendees, trainer string) error {
	names, err := People(attendees, "--attendees")
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return usage("--attendees 必填：参加培训的人员，如 张三,李四")
	}
	return w.versionStep(o, "train", func(tx *store.Tx, f *store.DocFile, v *store.DocVersion, date time.Time) error {
		if err := CheckTrain(f, v, date); err != nil {
			return err
		}
		t := &store.DocTraining{Number: v.Number, Version: v.Version, Date: date,
			Trainer: or(strings.TrimSpace(trainer), v.Trainer), Attendees: names}
		return tx.AddDocTraining(t, "command: doc train")
	})
}

// Periodic records a periodic review (定期评审) of a document that found
// its version in force still suitable; the next review falls due one
// interval after it.
func (w *Workspace) Periodic(number, date, opinion string) error {
	n, err := ParseNumber(number)
	if err != nil {
		return err
	}
	day, err := w.Day(date, "--date")
	if err != nil {
		return err
	}
	return w.change(n, "command: doc periodic", func(tx *store.Tx) (*stagedFile, error) {
		f, err := w.loadDoc(tx, n)
		if err != nil {
			return nil, err
		}
		cur := Current(f)
		if cur == nil {
			return nil, rule("%s 没有现行受控版本，无需定期评审", n)
		}
		if err := notBefore(day, cur.Issued, "现行版本的发放日期"); err != nil {
			return nil, err
		}
		nd := *f.Doc
		nd.Periodic = day
		return nil, tx.UpdateDocument(f.Doc, &nd, "command: doc periodic", strings.TrimSpace(opinion))
	})
}

// NextReview is when the version in force is due for periodic review: one
// interval after the later of its effective date and the last periodic
// review; zero when there is none to do.
func NextReview(f *store.DocFile) time.Time {
	cur := Current(f)
	if cur == nil || f.Doc.ReviewMonths == 0 {
		return time.Time{}
	}
	base := cur.Effective
	if f.Doc.Periodic.After(base) {
		base = f.Doc.Periodic
	}
	return base.AddDate(0, f.Doc.ReviewMonths, 0)
}
