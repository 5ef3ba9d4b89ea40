// Package batch is the pipeline of a run: an ordered list of named steps
// (import → ledger → …), each timed, sharing one workspace session.
package batch

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"

	"github.com/qdoc/qdoc/internal/archive"
	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/form"
	"github.com/qdoc/qdoc/internal/fsutil"
	"github.com/qdoc/qdoc/internal/progress"
	"github.com/qdoc/qdoc/internal/store"
)

// Session is an open, locked workspace.
type Session struct {
	Cfg   *config.Config
	Store *store.Store
	Actor store.Actor
	Out   io.Writer // the console: problems, summary
	// Progress shows long steps' progress (nil: none).
	Progress *progress.Reporter
	lock     *fsutil.Lock
}

// Open locks the workspace and opens its store. by is the person acting
// ("" = the configured operator); command names the run in the lock file.
func Open(cfg *config.Config, by, command string, out io.Writer) (*Session, error) {
	if by = strings.TrimSpace(by); by == "" {
		by = cfg.Operator
	}
	dir := filepath.Dir(cfg.StorePath())
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	lock, err := fsutil.Acquire(filepath.Join(dir, "qdoc.lock"), fsutil.Holder(by, command))
	if err != nil {
		return nil, err
	}
	st, err := store.Open(cfg.StorePath())
	if err != nil {
		lock.Release()
		return nil, err
	}
	now := config.Now()
	return &Session{Cfg: cfg, Store: st, Out: out, lock: lock, Actor: store.Actor{
		By: by, OSUser: osUser(), At: now, Today: cfg.Today(), Serial: cfg.Serial,
	}}, nil
}

// OpenReader opens the workspace for reading only, without the lock, so
// looking at entries works while a run or the scheduler holds it.
func OpenReader(cfg *config.Config, out io.Writer) (*Session, error) {
	if _, err := os.Stat(cfg.StorePath()); err != nil {
		return nil, fmt.Errorf("工作区还没有数据库 %s：请先运行 qdoc run（no store yet: run 'qdoc run' first）", cfg.StorePath())
	}
	st, err := store.OpenReadOnly(cfg.StorePath())
	if err != nil {
		return nil, err
	}
	return &Session{Cfg: cfg, Store: st, Out: out, Actor: store.Actor{By: cfg.Operator, Today: cfg.Today(), Serial: cfg.Serial}}, nil
}

// Close closes the store and releases the lock.
func (s *Session) Close() error {
	err := s.Store.Close()
	s.lock.Release()
	return err
}

func osUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, k := range []string{"USER", "USERNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return "unknown"
}

// Step is one named stage of a run.
type Step interface {
	String() string
	Run(ctx context.Context, r *Run) error
}

// Run is one batch run's state and outcome.
type Run struct {
	*Session
	Files   []string // intake files named on the command line; nil = the inbox
	Legacy  bool
	DryRun  bool // validate only: store, reports and outputs untouched
	Result  Result
	Timings []Timing
	eng     *form.Engine // the forms' engine, built when first needed
}

// Timing is how long a step took.
type Timing struct {
	Step string
	Took time.Duration
}

// Execute runs steps in order, stopping at the first that fails. A
// rejected input file is not a failure of the run: it is counted in Result.
func (r *Run) Execute(ctx context.Context, steps []Step) error {
	for _, s := range steps {
		if err := ctx.Err(); err != nil {
			return err
		}
		start := time.Now()
		err := s.Run(ctx, r)
		r.Timings = append(r.Timings, Timing{s.String(), time.Since(start)})
		if err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
	}
	return nil
}

// TidyStep removes temp files a killed run left in the outputs, so a
// rerun leaves none behind. It runs under the workspace lock.
type TidyStep struct{}

func (TidyStep) String() string { return "tidy" }

// Run removes stale temp files below out/.
func (TidyStep) Run(ctx context.Context, r *Run) error {
	if _, err := fsutil.CleanTemp(r.Cfg.OutDir()); err != nil {
		return err
	}
	return archive.CleanTemp(r.Cfg.ArchiveDir())
}

// RunSteps are the steps of `qdoc run` and `qdoc import`.
func RunSteps() []Step {
	return []Step{TidyStep{}, PreflightStep{}, ImportStep{}, RenderStep{}, LedgerStep{}, DocRegisterStep{}, FileScansStep{}, ArchiveStep{}}
}
