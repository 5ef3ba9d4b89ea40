package doc

import (
	"github.com/qdoc/qdoc/internal/store"
)

// Refresh brings document control's outputs up to date: forms that are
// due but were never put in place (a run or command stopped between its
// commit and its forms) are rendered and recorded, and the status register
// is rewritten when its content changed. Written lists what it wrote.
func (w *Workspace) Refresh(source string) error {
	files, err := w.LoadAll()
	if err != nil {
		return err
	}
	for _, f := range files {
		forms, err := w.stageDue(w.Store, f, nil)
		if err != nil {
			return err
		}
		if err := w.recordForms(forms, source); err != nil {
			return err
		}
	}
	_, err = w.writeRegister(files)
	return err
}

// LoadAll reads every document, by number.
func (w *Workspace) LoadAll() ([]*store.DocFile, error) {
	nums, err := w.Store.DocNumbers()
	if err != nil {
		return nil, err
	}
	out := make([]*store.DocFile, 0, len(nums))
	for _, n := range nums {
		f, err := w.Store.LoadDoc(n)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}
