package batch

import (
	"context"
	"fmt"

	"github.com/qdoc/qdoc/internal/doc"
)

// DocRegisterStep brings document control's outputs up to date: it
// renders any revision or training request form that is due but missing
// (a command stopped after its commit) and rewrites the document status
// register (文件状态档案) when its content changed — periodic reviews fall
// due with the days, so a daily run marks them. A workspace with no
// documents writes nothing. It lives here, not in internal/doc, because
// internal/doc must not import batch (batch lists the steps).
type DocRegisterStep struct{}

func (DocRegisterStep) String() string { return "documents" }

// Run refreshes the forms and the register.
func (DocRegisterStep) Run(ctx context.Context, r *Run) error {
	if r.DryRun || r.Store == nil {
		return nil
	}
	w := &doc.Workspace{Cfg: r.Cfg, Store: r.Store, Actor: r.Actor, Out: r.Out}
	if err := w.Refresh("run"); err != nil {
		return err
	}
	for _, p := range w.Written {
		label := "表单"
		if p == w.RegisterPath() {
			label = doc.RegisterTitle
		}
		fmt.Fprintf(r.Out, "%s: %s\n", label, r.relPath(p))
	}
	return nil
}
