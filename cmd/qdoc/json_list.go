package main

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/batch"
	"github.com/qdoc/qdoc/internal/doc"
	"github.com/qdoc/qdoc/internal/record"
	"github.com/qdoc/qdoc/internal/store"
)

// jsonDate is a date as YYYY-MM-DD, or "" when there is none.
func jsonDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return record.FormatDate(t)
}

// entryJSON is one entry of `info list --json`: the codes qdoc stores,
// the labels it prints, the dates and the state flags of the FM-31 ledger.
type entryJSON struct {
	Serial        string   `json:"serial"`
	Year          int      `json:"year"`
	Seq           int      `json:"seq"`
	Received      string   `json:"received"`
	Registered    string   `json:"registered"`
	Deadline      string   `json:"deadline"`
	Closed        string   `json:"closed"`
	Channel       string   `json:"channel"`
	ChannelLabel  string   `json:"channel_label"`
	Category      string   `json:"category"`
	CategoryLabel string   `json:"category_label"`
	Class         string   `json:"class"`
	ClassLabel    string   `json:"class_label"`
	Status        string   `json:"status"`
	StatusLabel   string   `json:"status_label"`
	State         string   `json:"state"` // as info list prints it: the status, 作废 or 预留
	Title         string   `json:"title"`
	Reporter      string   `json:"reporter"`
	Departments   []string `json:"departments"`
	Void          bool     `json:"void"`
	VoidReason    string   `json:"void_reason"`
	Reserved      bool     `json:"reserved"`
	Late          bool     `json:"late"`
	Archived      bool     `json:"archived"`
	Overdue       bool     `json:"overdue"`
}

func newEntryJSON(s *batch.Session, e *record.Entry) entryJSON {
	l := s.Cfg.Labels()
	j := entryJSON{Serial: e.Serial, Year: e.Year, Seq: e.Seq,
		Received: jsonDate(e.Received), Registered: jsonDate(e.Registered), Closed: jsonDate(e.Closed),
		Channel: e.Channel, Category: e.Category, Class: e.Class, Status: e.Status,
		State: stateLabel(l, e), Title: e.Title, Reporter: e.Reporter, Departments: nonNil(e.Departments),
		Void: e.Void, VoidReason: e.VoidReason, Reserved: e.Reserved, Late: e.Late, Archived: e.Archived,
		Overdue: e.Overdue(s.Cfg.Deadlines, s.Actor.Today)}
	if d, ok := e.Deadline(s.Cfg.Deadlines); ok && !e.Reserved {
		j.Deadline = jsonDate(d)
	}
	// A reserved serial has no values yet: no labels to look up.
	if e.Channel != "" {
		j.ChannelLabel = l.Channel(e.Channel)
	}
	if e.Category != "" {
		j.CategoryLabel = l.Category(e.Category)
	}
	if e.Class != "" {
		j.ClassLabel = l.Class(e.Class)
	}
	if e.Status != "" {
		j.StatusLabel = l.Status(e.Status)
	}
	return j
}

// listTail closes `info list --json`. The status comes after the list
// because entries are streamed: only then is it known whether the
// listing finished.
type listTail struct {
	Count      int    `json:"count"`
	OK         bool   `json:"ok"`
	ExitCode   int    `json:"exit_code"`
	ExitStatus string `json:"exit_status"`
	Error      string `json:"error"`
}

// listEntriesJSON writes the entries as the store yields them, so a year
// of tens of thousands of entries takes no more memory than the table.
func listEntriesJSON(cmd *cobra.Command, s *batch.Session, year int) error {
	w := cmd.OutOrStdout()
	st := statusOf(cmd, nil)
	io.WriteString(w, "{\n  \"command\": "+quote(st.Command)+",\n  \"year\": "+strconv.Itoa(year)+",\n  \"entries\": [")
	n := 0
	err := s.Store.Each(year, func(e *record.Entry) error {
		b, err := indented(newEntryJSON(s, e), "    ")
		if err != nil {
			return err
		}
		sep := ",\n    "
		if n == 0 {
			sep = "\n    "
		}
		n++
		_, err = io.WriteString(w, sep+string(b))
		return err
	})
	if n > 0 {
		io.WriteString(w, "\n  ")
	}
	st = statusOf(cmd, err)
	tail, terr := indented(listTail{n, st.OK, st.ExitCode, st.ExitStatus, st.Error}, "")
	if terr != nil {
		return terr
	}
	// tail is "{\n  \"count\": …\n}": continue the open object with its fields.
	io.WriteString(w, "],\n"+string(tail[2:])+"\n")
	return err
}

// indented marshals v as emitJSON does, each line after the first
// prefixed, without the encoder's trailing newline.
func indented(v any, prefix string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

func quote(s string) string {
	b, _ := indented(s, "")
	return string(b)
}

// entriesJSON is the whole `info list --json` document when the store
// could not be opened: the same fields, no entries.
type entriesJSON struct {
	jsonStatus
	Year    int         `json:"year"`
	Entries []entryJSON `json:"entries"`
	Count   int         `json:"count"`
}

// docsJSON is `doc list --json`.
type docsJSON struct {
	jsonStatus
	Date      string         `json:"date"` // the day "due" was judged against
	Documents []documentJSON `json:"documents"`
}

type documentJSON struct {
	Number         string        `json:"number"`
	Title          string        `json:"title"`
	Owner          string        `json:"owner"`
	CurrentVersion string        `json:"current_version"`
	ReviewMonths   int           `json:"review_months"`
	LastReview     string        `json:"last_periodic_review"`
	NextReview     string        `json:"next_review"`
	ReviewDue      bool          `json:"review_due"`
	OpenRequest    string        `json:"open_request"`
	Versions       []versionJSON `json:"versions"`
	Requests       []requestJSON `json:"requests"`
}

type versionJSON struct {
	Version      string     `json:"version"`
	State        string     `json:"state"`
	StateLabel   string     `json:"state_label"`
	Issued       string     `json:"issued"`
	Effective    string     `json:"effective"`
	Superseded   string     `json:"superseded"`
	Destroyed    string     `json:"destroyed"`
	ArchivedCopy string     `json:"archived_copy"`
	Request      string     `json:"request"`
	Training     string     `json:"training"`
	File         string     `json:"file"`
	FileSHA256   string     `json:"file_sha256"`
	CopiesOut    int        `json:"copies_out"`
	Copies       []copyJSON `json:"copies"`
}

type copyJSON struct {
	No         int    `json:"no"`
	Holder     string `json:"holder"`
	Issued     string `json:"issued"`
	Returned   string `json:"returned"`
	ReturnedBy string `json:"returned_by"`
}

type requestJSON struct {
	Serial        string `json:"serial"`
	State         string `json:"state"`
	StateLabel    string `json:"state_label"`
	From          string `json:"from_version"`
	To            string `json:"to_version"`
	Reason        string `json:"reason"`
	Applicant     string `json:"applicant"`
	Applied       string `json:"applied"`
	Reviewer      string `json:"reviewer"`
	Reviewed      string `json:"reviewed"`
	Approver      string `json:"approver"`
	Approved      string `json:"approved"`
	IssuedVersion string `json:"issued_version"`
}

func listDocsJSON(w *doc.Workspace) ([]documentJSON, error) {
	files, err := w.LoadAll()
	out := []documentJSON{}
	for _, f := range files {
		out = append(out, newDocumentJSON(f, w.Actor.Today))
	}
	return out, err
}

func newDocumentJSON(f *store.DocFile, today time.Time) documentJSON {
	d := f.Doc
	j := documentJSON{Number: d.Number, Title: d.Title, Owner: d.Owner, ReviewMonths: d.ReviewMonths,
		LastReview: jsonDate(d.Periodic), Versions: []versionJSON{}, Requests: []requestJSON{}}
	if c := doc.Current(f); c != nil {
		j.CurrentVersion = c.Version
	}
	if next := doc.NextReview(f); !next.IsZero() {
		j.NextReview, j.ReviewDue = jsonDate(next), !next.After(today)
	}
	if r := doc.OpenRequest(f); r != nil {
		j.OpenRequest = r.Serial
	}
	for _, v := range f.Versions {
		j.Versions = append(j.Versions, newVersionJSON(f, v))
	}
	for _, r := range f.Requests {
		j.Requests = append(j.Requests, requestJSON{r.Serial, r.State, doc.StateLabel(r.State), r.From, r.To, r.Reason,
			r.Applicant, jsonDate(r.Applied), r.Reviewer, jsonDate(r.Reviewed), r.Approver, jsonDate(r.Approved), r.IssuedVersion})
	}
	return j
}

func newVersionJSON(f *store.DocFile, v *store.DocVersion) versionJSON {
	j := versionJSON{Version: v.Version, State: v.State, StateLabel: doc.StateLabel(v.State),
		Issued: jsonDate(v.Issued), Effective: jsonDate(v.Effective), Superseded: jsonDate(v.Superseded),
		Destroyed: jsonDate(v.Destroyed), ArchivedCopy: v.ArchivedCopy, Request: v.Request, Training: v.Training,
		File: v.File, FileSHA256: v.FileSHA256, CopiesOut: len(doc.Outstanding(f, v.Version)), Copies: []copyJSON{}}
	for _, c := range doc.Copies(f, v.Version) {
		j.Copies = append(j.Copies, copyJSON{c.No, c.Holder, jsonDate(c.Issued), jsonDate(c.Returned), c.ReturnedBy})
	}
	return j
}
