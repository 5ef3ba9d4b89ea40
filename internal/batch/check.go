package batch

import (
	"context"
	"io"
	"os"

	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/store"
)

// Check validates the inbox against the store as `run` would, writing
// nothing: no store change, no error report, no ledger, no lock.
func Check(ctx context.Context, cfg *config.Config, out io.Writer) (Result, error) {
	s := &Session{Cfg: cfg, Out: out, Actor: store.Actor{By: cfg.Operator, At: config.Now(), Today: cfg.Today(), Serial: cfg.Serial}}
	if _, err := os.Stat(cfg.StorePath()); err == nil {
		st, err := store.OpenReadOnly(cfg.StorePath())
		if err != nil {
			return Result{}, err
		}
		defer st.Close()
		s.Store = st
	}
	r := &Run{Session: s, DryRun: true}
	err := ImportStep{}.Run(ctx, r)
	return r.Result, err
}
