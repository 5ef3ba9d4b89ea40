package store

import (
	"strconv"
	"strings"
	"time"

	"github.com/qdoc/qdoc/internal/record"
)

// Document is a controlled document (受控文件): its number, title, owner
// department and periodic-review interval. Its versions, copies, requests
// and trainings are separate rows.
type Document struct {
	Number, Title, Owner string
	ReviewMonths         int       // 0 = no periodic review
	Periodic             time.Time // last periodic review (定期评审), zero = none yet
	Registered           time.Time
}

// DocVersion is one version of a document (e.g. A/0) and its life:
// issued, effective, superseded (待回收), destroyed with one copy archived.
type DocVersion struct {
	Number, Version, State                   string
	Issued, Effective, Superseded, Destroyed time.Time
	ArchivedCopy                             string // e.g. "第1份（质管部）"
	Request                                  string // the revision request that approved it
	Training                                 string // serial of its 培训申请单
	Trainer                                  string
	Trainees                                 []string // expected attendees
	File, FileSHA256                         string   // the controlled file, relative to the workspace
}

// DocCopy is one numbered paper copy of a version held by a department.
type DocCopy struct {
	Number, Version  string
	No               int
	Holder           string
	Issued, Returned time.Time
	ReturnedBy       string
}

// DocRequest is a revision request (文件修订申请表) and its decision.
type DocRequest struct {
	Serial                 string
	Year, Seq              int
	Number, From, To, Dept string
	Reason, Applicant      string
	Applied                time.Time
	State                  string
	Reviewer, Review       string
	Reviewed               time.Time
	Approver, Approval     string
	Approved               time.Time
	IssuedVersion          string
}

// DocTraining is one training session on a version, with who attended.
type DocTraining struct {
	Number, Version string
	Date            time.Time
	Trainer         string
	Attendees       []string
}

const (
	documentCols = "number, title, owner, review_months, periodic, registered"
	versionCols  = "number, version, state, issued, effective, superseded, destroyed, archived_copy, request, training, trainer, trainees, file, file_sha256"
	copyCols     = "number, version, copy_no, holder, issued, returned, returned_by"
	requestCols  = "serial, year, seq, number, from_version, to_version, dept, reason, applicant, applied, state, reviewer, review, reviewed, approver, approval, approved, issued_version"
	trainingCols = "number, version, date, trainer, attendees"
)

func d(t time.Time) string { return record.FormatDate(t) }

func pd(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}

// list joins names for storage; names never hold the separator, which
// record.SplitDepartments and the commands split on.
func list(ss []string) string { return strings.Join(ss, "、") }

func unlist(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "、")
}

func (x *Document) values() []string {
	return []string{x.Number, x.Title, x.Owner, strconv.Itoa(x.ReviewMonths), d(x.Periodic), d(x.Registered)}
}

func (x *DocVersion) values() []string {
	return []string{x.Number, x.Version, x.State, d(x.Issued), d(x.Effective), d(x.Superseded), d(x.Destroyed),
		x.ArchivedCopy, x.Request, x.Training, x.Trainer, list(x.Trainees), x.File, x.FileSHA256}
}

func (x *DocCopy) values() []string {
	return []string{x.Number, x.Version, strconv.Itoa(x.No), x.Holder, d(x.Issued), d(x.Returned), x.ReturnedBy}
}

func (x *DocRequest) values() []string {
	return []string{x.Serial, strconv.Itoa(x.Year), strconv.Itoa(x.Seq), x.Number, x.From, x.To, x.Dept, x.Reason,
		x.Applicant, d(x.Applied), x.State, x.Reviewer, x.Review, d(x.Reviewed), x.Approver, x.Approval, d(x.Approved), x.IssuedVersion}
}

func (x *DocTraining) values() []string {
	return []string{x.Number, x.Version, d(x.Date), x.Trainer, list(x.Attendees)}
}

func scanStrings(sc scanner, n int) ([]string, error) {
	v := make([]string, n)
	p := make([]any, n)
	for i := range v {
		p[i] = &v[i]
	}
	return v, sc.Scan(p...)
}

func scanDocument(sc scanner) (*Document, error) {
	v, err := scanStrings(sc, 6)
	if err != nil {
		return nil, err
	}
	n, _ := strconv.Atoi(v[3])
	return &Document{Number: v[0], Title: v[1], Owner: v[2], ReviewMonths: n, Periodic: pd(v[4]), Registered: pd(v[5])}, nil
}

func scanVersion(sc scanner) (*DocVersion, error) {
	v, err := scanStrings(sc, 14)
	if err != nil {
		return nil, err
	}
	return &DocVersion{Number: v[0], Version: v[1], State: v[2], Issued: pd(v[3]), Effective: pd(v[4]),
		Superseded: pd(v[5]), Destroyed: pd(v[6]), ArchivedCopy: v[7], Request: v[8], Training: v[9],
		Trainer: v[10], Trainees: unlist(v[11]), File: v[12], FileSHA256: v[13]}, nil
}

func scanCopy(sc scanner) (*DocCopy, error) {
	v, err := scanStrings(sc, 7)
	if err != nil {
		return nil, err
	}
	n, _ := strconv.Atoi(v[2])
	return &DocCopy{Number: v[0], Version: v[1], No: n, Holder: v[3], Issued: pd(v[4]), Returned: pd(v[5]), ReturnedBy: v[6]}, nil
}

func scanRequest(sc scanner) (*DocRequest, error) {
	v, err := scanStrings(sc, 18)
	if err != nil {
		return nil, err
	}
	y, _ := strconv.Atoi(v[1])
	q, _ := strconv.Atoi(v[2])
	return &DocRequest{Serial: v[0], Year: y, Seq: q, Number: v[3], From: v[4], To: v[5], Dept: v[6], Reason: v[7],
		Applicant: v[8], Applied: pd(v[9]), State: v[10], Reviewer: v[11], Review: v[12], Reviewed: pd(v[13]),
		Approver: v[14], Approval: v[15], Approved: pd(v[16]), IssuedVersion: v[17]}, nil
}

func scanTraining(sc scanner) (*DocTraining, error) {
	v, err := scanStrings(sc, 5)
	if err != nil {
		return nil, err
	}
	return &DocTraining{Number: v[0], Version: v[1], Date: pd(v[2]), Trainer: v[3], Attendees: unlist(v[4])}, nil
}
