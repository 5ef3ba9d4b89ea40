package doc

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/record"
	"github.com/qdoc/qdoc/internal/store"
)

// Workspace is an open workspace seen by document control: its config,
// store, who is acting, and where messages go.
type Workspace struct {
	Cfg   *config.Config
	Store *store.Store
	Actor store.Actor
	Out   io.Writer

	// Written lists the files the last change or refresh wrote.
	Written []string

	// Open, when Store is nil, opens it (setting Store and Actor) the
	// first time a step needs it. Every value a command was given is
	// checked before that, so a command refused for its values leaves a
	// fresh workspace as it was, without an empty store.
	Open func() error
}

// errNoStore is a store not created yet: nothing is registered.
var errNoStore = errors.New("no store yet")

// openStore opens the store if it is not open. With existing, a store
// not created yet is not created: errNoStore says nothing is registered.
func (w *Workspace) openStore(existing bool) error {
	if w.Store != nil {
		return nil
	}
	if existing {
		if _, err := os.Stat(w.Cfg.StorePath()); errors.Is(err, os.ErrNotExist) {
			return errNoStore
		}
	}
	if w.Open == nil {
		return errors.New("doc: workspace has no store")
	}
	return w.Open()
}

// Day reads a command's --date: empty is today; a date after today is
// refused, since every step records something that has happened.
func (w *Workspace) Day(s, flag string) (time.Time, error) {
	if strings.TrimSpace(s) == "" {
		return w.Actor.Today, nil
	}
	t, err := parseDate(s, flag)
	if err != nil {
		return t, err
	}
	if t.After(w.Actor.Today) {
		return t, rule("%s 是将来的日期；只能记录已经发生的事（今天是 %s）", labelled(flag, fd(t), " "), fd(w.Actor.Today))
	}
	return t, nil
}

// Dept resolves a department as typed against config.yaml's list.
func (w *Workspace) Dept(s, flag string) (string, error) {
	d, ok := w.Cfg.Depts.Lookup(strings.TrimSpace(s))
	if !ok {
		return "", rule("%s 不是 config.yaml 中的部门（%s）", labelled(flag, sprintf("%q", s), "："), strings.Join(w.Cfg.Depts.Names(), "、"))
	}
	return d, nil
}

// Depts resolves a list of departments (split on 、，, and spaces),
// refusing unknown ones and repeats.
func (w *Workspace) Depts(s, flag string) ([]string, error) {
	var out []string
	for _, p := range record.SplitDepartments(s) {
		d, err := w.Dept(p, flag)
		if err != nil {
			return nil, err
		}
		if containsStr(out, d) {
			return nil, rule("%s 列了两次", labelled(flag, d, "："))
		}
		out = append(out, d)
	}
	return out, nil
}

// Names splits a list of people's names, trimmed.
func Names(s string) []string {
	var out []string
	for _, n := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("、，,;；\n", r) }) {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// People reads a list of names as Names does, refusing one named twice
// (as people type them: 张三 and 张 三 are one person), as Depts refuses
// a department listed twice.
func People(s, flag string) ([]string, error) {
	names := Names(s)
	for i, n := range names {
		for _, m := range names[:i] {
			if samePerson(n, m) {
				return nil, rule("%s 列了两次；每人只列一次", labelled(flag, n, "："))
			}
		}
	}
	return names, nil
}

func containsStr(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// loadDoc reads a document for a command, refusing an unknown number.
func (w *Workspace) loadDoc(tx *store.Tx, number string) (*store.DocFile, error) {
	f, err := tx.LoadDoc(number)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notRegistered(number)
	}
	return f, err
}

// change is one command's change to one document, all or nothing: in one
// transaction it loads the document, applies the step (rules first, then
// writes), and stages the forms that are now due; a controlled file is put
// in place before the commit (so a recorded file always exists), the forms
// after it (so a printed serial is always one the store kept).
//
// Forms already due before the step (a crash lost them) are staged first,
// from the record before it: a step may change what a form would show
// (a withdrawal rewrites the approval of an R1 not yet written).
func (w *Workspace) change(number, source string, apply func(tx *store.Tx) (*stagedFile, error)) error {
	if err := w.openStore(true); errors.Is(err, errNoStore) {
		return notRegistered(number)
	} else if err != nil {
		return err
	}
	return w.changeIn(number, source, apply)
}

func (w *Workspace) changeIn(number, source string, apply func(tx *store.Tx) (*stagedFile, error)) error {
	tx, err := w.Store.Begin(w.Actor)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	before, err := w.stageBefore(tx, number)
	if err != nil {
		return err
	}
	sf, err := apply(tx)
	if err != nil {
		abortForms(before)
		return err
	}
	forms, err := w.stageAfter(tx, number, before)
	if err != nil {
		sf.abort()
		return err
	}
	if err := w.commitChange(tx, sf, forms); err != nil {
		return err
	}
	return w.recordForms(forms, source)
}

// stageBefore stages the forms of a document due before a step; none for
// a document not registered yet.
func (w *Workspace) stageBefore(tx *store.Tx, number string) ([]*stagedForm, error) {
	f, err := tx.LoadDoc(number)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return w.stageDue(tx, f, nil)
}

// stageAfter adds to before the forms due after the step.
func (w *Workspace) stageAfter(tx *store.Tx, number string, before []*stagedForm) ([]*stagedForm, error) {
	f, err := tx.LoadDoc(number)
	if err != nil {
		abortForms(before)
		return nil, err
	}
	after, err := w.stageDue(tx, f, before)
	if err != nil {
		abortForms(before)
		return nil, err
	}
	return append(before, after...), nil
}

func notRegistered(number string) error {
	return rule("文件 %s 未登记；先登记（doc add 或 doc import），'qdoc doc list' 列出已登记的文件", number)
}

func (w *Workspace) commitChange(tx *store.Tx, sf *stagedFile, forms []*stagedForm) error {
	if err := sf.commit(); err != nil {
		abortForms(forms)
		return err
	}
	if err := tx.Commit(); err != nil {
		abortForms(forms)
		sf.remove()
		return err
	}
	return nil
}

// rel names a workspace file relative to the config's folder, with '/'.
func (w *Workspace) rel(p string) string {
	if r, err := filepath.Rel(w.Cfg.Dir, p); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return p
}

// exists reports whether a workspace-relative file is there.
func (w *Workspace) exists(rel string) bool {
	_, err := os.Stat(w.Cfg.Path(rel))
	return err == nil
}

// parseDate reads a date flag that may lie in the future (an effective date).
func parseDate(s, flag string) (time.Time, error) {
	t, err := record.ParseDate(s)
	if err != nil {
		return t, usage("%s 不是有效的日期；请写作 2026-07-03、2026/7/3 或 2026年7月3日", labelled(flag, sprintf("%q", s), "："))
	}
	return t, nil
}

// labelled prefixes a value with the flag or column it came from, if any.
func labelled(flag, v, sep string) string {
	if flag == "" {
		return v
	}
	return flag + sep + v
}
