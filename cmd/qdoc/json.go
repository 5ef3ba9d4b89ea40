package main

// --json output for scripts and monitoring. With --json, stdout carries
// exactly one JSON document and nothing else; what a person would read
// (per-file lines, the summary, progress) goes to stderr. Field names are
// snake_case and documented in README ("Machine-readable output"): change
// them only with that section, since scripts depend on them.

import (
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/archive"
	"github.com/qdoc/qdoc/internal/batch"
	"github.com/qdoc/qdoc/internal/config"
)

// exitNames name the exit codes in JSON, so a monitor needs no table.
var exitNames = map[int]string{
	exitOK:        "ok",
	exitRejected:  "rejected",
	exitUsage:     "usage",
	exitLocked:    "locked",
	exitIntegrity: "integrity",
}

// jsonStatus opens every document: which command, whether it succeeded,
// and the exit code qdoc returns with its name.
type jsonStatus struct {
	Command    string `json:"command"`
	OK         bool   `json:"ok"`
	ExitCode   int    `json:"exit_code"`
	ExitStatus string `json:"exit_status"`
	Error      string `json:"error"`
}

func statusOf(cmd *cobra.Command, err error) jsonStatus {
	st := jsonStatus{Command: strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" "), OK: err == nil}
	if err != nil {
		st.ExitCode, st.Error = exitCode(err), err.Error()
	}
	st.ExitStatus = exitNames[st.ExitCode]
	return st
}

// humanOut is where a command writes what a person reads: stdout, or
// stderr when stdout is reserved for the JSON document.
func humanOut(cmd *cobra.Command, asJSON bool) io.Writer {
	if asJSON {
		return cmd.ErrOrStderr()
	}
	return cmd.OutOrStdout()
}

// emitJSON writes doc to stdout and returns the command's own error, so
// the exit code is the same with or without --json.
func emitJSON(cmd *cobra.Command, doc any, err error) error {
	enc := json.NewEncoder(cmd.OutOrStdout())
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // keep "<" and "&" in titles readable
	if werr := enc.Encode(doc); werr != nil && err == nil {
		return werr
	}
	return err
}

// wsPath names a file relative to the workspace, with forward slashes on
// every OS, as the human output does; outside the workspace, absolute as
// the OS writes it (D:\质管部\…), like the workspace and config fields.
func wsPath(cfg *config.Config, p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(cfg.Dir, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(rel)
	}
	return abs
}

// nonNil keeps empty lists as [] rather than null, so a script can
// iterate without checking.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// intakeJSON is what run and check share: the files read and their counts.
type intakeJSON struct {
	Config        string     `json:"config"`
	Workspace     string     `json:"workspace"`
	New           int        `json:"new"`
	Updated       int        `json:"updated"`
	Unchanged     int        `json:"unchanged"`
	RejectedFiles int        `json:"rejected_files"`
	Files         []fileJSON `json:"files"`
}

type fileJSON struct {
	Path        string   `json:"path"`
	Outcome     string   `json:"outcome"` // imported, skipped, retry, rejected
	Rejected    bool     `json:"rejected"`
	New         int      `json:"new"`
	Updated     int      `json:"updated"`
	Unchanged   int      `json:"unchanged"`
	Serials     []string `json:"serials"`
	Problems    []string `json:"problems"`
	Warnings    []string `json:"warnings"`
	ErrorReport string   `json:"error_report"`
}

func newIntakeJSON(cfg *config.Config, res batch.Result) intakeJSON {
	out := intakeJSON{Files: []fileJSON{}}
	if cfg == nil {
		return out
	}
	out.Config, out.Workspace = cfg.File, cfg.Dir
	out.New, out.Updated, out.Unchanged, out.RejectedFiles = res.New, res.Updated, res.Unchanged, res.Rejected
	for _, f := range res.Files {
		out.Files = append(out.Files, newFileJSON(cfg, f))
	}
	return out
}

func newFileJSON(cfg *config.Config, f batch.FileResult) fileJSON {
	j := fileJSON{Path: wsPath(cfg, f.Path), Outcome: "imported", Rejected: f.Rejected,
		New: f.New, Updated: f.Updated, Unchanged: f.Unchanged,
		Serials: nonNil(f.Serials), Problems: nonNil(f.Problems), Warnings: nonNil(f.Warnings)}
	switch {
	case f.Rejected:
		j.Outcome = "rejected"
	case f.Skipped:
		j.Outcome = "skipped"
	case f.Retry:
		j.Outcome = "retry"
	}
	if f.Report != "" {
		j.ErrorReport = wsPath(cfg, f.Report)
	}
	return j
}

// runJSON is `run --json` and `import --json`.
type runJSON struct {
	jsonStatus
	intakeJSON
	Forms   []string     `json:"forms"`
	Ledgers []string     `json:"ledgers"`
	Archive archiveJSON  `json:"archive"`
	Timings []timingJSON `json:"timings"`
}

// archiveJSON is the manifest's chain hash after the run (the one to
// write down) and how many files the archive then held.
type archiveJSON struct {
	Head       string `json:"head"`
	Files      int    `json:"files"`
	Added      int    `json:"added"`
	ScansFiled int    `json:"scans_filed"`
	ScansLeft  int    `json:"scans_left"`
}

type timingJSON struct {
	Step string `json:"step"`
	MS   int64  `json:"ms"`
}

func newRunJSON(cmd *cobra.Command, cfg *config.Config, r *batch.Run, err error) runJSON {
	doc := runJSON{jsonStatus: statusOf(cmd, err), Forms: []string{}, Ledgers: []string{}, Timings: []timingJSON{}}
	if r == nil {
		doc.intakeJSON = newIntakeJSON(cfg, batch.Result{})
		return doc
	}
	doc.intakeJSON = newIntakeJSON(cfg, r.Result)
	for _, p := range r.Result.Rendered {
		doc.Forms = append(doc.Forms, wsPath(cfg, p))
	}
	for _, p := range r.Result.Ledgers {
		doc.Ledgers = append(doc.Ledgers, wsPath(cfg, p))
	}
	for _, t := range r.Timings {
		doc.Timings = append(doc.Timings, timingJSON{t.Step, t.Took.Milliseconds()})
	}
	// The store records every chain hash the archive commits; its last is
	// the head this run left.
	if r.Store != nil {
		doc.Archive.Head, doc.Archive.Files, _ = r.Store.LastHead()
	}
	if ar := r.Result.Archive; ar != nil {
		doc.Archive.Added = ar.Added
	}
	doc.Archive.ScansFiled, doc.Archive.ScansLeft = r.Result.ScansFiled, r.Result.ScansLeft
	return doc
}

// checkJSON is `check --json`: run's shape without what a run writes.
type checkJSON struct {
	jsonStatus
	intakeJSON
}

// verifyJSON is `verify --json`.
type verifyJSON struct {
	jsonStatus
	Archive        string         `json:"archive"`
	FilesChecked   int            `json:"files_checked"`
	BytesChecked   int64          `json:"bytes_checked"`
	Listed         int            `json:"listed"`
	Head           string         `json:"head"`
	Problems       []problemJSON  `json:"problems"`
	ProblemsByKind map[string]int `json:"problems_by_kind"`
}

type problemJSON struct {
	Kind   string `json:"kind"`
	Label  string `json:"label"`
	Path   string `json:"path"`
	Detail string `json:"detail"`
}

// problemKinds are archive problem kinds as stable ASCII names; the
// archive's own kinds are printed labels, which may be reworded.
var problemKinds = map[archive.Kind]string{
	archive.Missing:    "missing",
	archive.Altered:    "altered",
	archive.Unexpected: "unexpected",
	archive.Broken:     "broken",
	archive.Conflict:   "conflict",
	archive.HeadDiffer: "head_differs",
}

func newVerifyJSON(cmd *cobra.Command, rep *archive.Report, err error) verifyJSON {
	doc := verifyJSON{jsonStatus: statusOf(cmd, err), Problems: []problemJSON{}, ProblemsByKind: map[string]int{}}
	probs := []archive.Problem(nil)
	if rep != nil {
		doc.Archive, doc.FilesChecked, doc.BytesChecked = rep.Dir, rep.Files, rep.Bytes
		doc.Listed, doc.Head, probs = rep.Listed, rep.Head, rep.Problems
	}
	if ie, ok := asIntegrity(err); ok && rep == nil {
		doc.Archive, probs = ie.Dir, ie.Problems
	}
	for _, p := range probs {
		kind := problemKinds[p.Kind]
		if kind == "" {
			kind = "other"
		}
		doc.Problems = append(doc.Problems, problemJSON{kind, string(p.Kind), p.Path, p.Detail})
		doc.ProblemsByKind[kind]++
	}
	return doc
}

// asIntegrity finds an archive integrity error (one verify could not get
// past, like an unreadable manifest) to list its problems.
func asIntegrity(err error) (*archive.IntegrityError, bool) {
	var ie *archive.IntegrityError
	ok := errors.As(err, &ie)
	return ie, ok
}
