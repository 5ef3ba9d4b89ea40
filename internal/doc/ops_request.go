package doc

import (
	"errors"
	"strings"
	"time"

	"github.com/qdoc/qdoc/internal/record"
	"github.com/qdoc/qdoc/internal/store"
)

// ReviseOptions are the values of `doc revise`.
type ReviseOptions struct {
	Number, Reason string
	To             string // planned new version, optional
	Dept           string // applying department; default the owner
	Date           string
}

// Revise files a revision request and returns its serial.
func (w *Workspace) Revise(o ReviseOptions) (string, error) {
	number, err := ParseNumber(o.Number)
	if err != nil {
		return "", err
	}
	date, err := w.Day(o.Date, "--date")
	if err != nil {
		return "", err
	}
	var to *Version
	if o.To != "" {
		v, err := ParseVersion(o.To)
		if err != nil {
			return "", err
		}
		to = &v
	}
	if strings.TrimSpace(o.Reason) == "" {
		return "", usage("--reason 必填：写明修订原因")
	}
	dept := ""
	if o.Dept != "" {
		if dept, err = w.Dept(o.Dept, "--dept"); err != nil {
			return "", err
		}
	}
	var serial string
	err = w.change(number, "command: doc revise", func(tx *store.Tx) (*stagedFile, error) {
		r, err := w.revise(tx, number, o.Reason, dept, to, date)
		if r != nil {
			serial = r.Serial
		}
		return nil, err
	})
	return serial, err
}

// revise files the request; dept "" is the document's owner.
func (w *Workspace) revise(tx *store.Tx, number, reason, dept string, to *Version, date time.Time) (*store.DocRequest, error) {
	f, err := w.loadDoc(tx, number)
	if err != nil {
		return nil, err
	}
	if err := CheckRevise(f, to, date); err != nil {
		return nil, err
	}
	if dept == "" {
		dept = f.Doc.Owner
	}
	seq, err := tx.AllocDocSerial(w.Cfg.Documents.RevisionForm, date.Year())
	if err != nil {
		return nil, err
	}
	r := &store.DocRequest{
		Serial: w.Cfg.DocSerial(w.Cfg.Documents.RevisionPattern, date.Year(), seq), Year: date.Year(), Seq: seq,
		Number: number, From: Current(f).Version, Dept: dept, Reason: strings.TrimSpace(reason),
		Applicant: w.Actor.By, Applied: date, State: Requested,
	}
	if to != nil {
		r.To = to.String()
	}
	return r, tx.AddDocRequest(r, "command: doc revise")
}

// DecideOptions are the values of `doc review`, `doc approve` and `doc reject`.
type DecideOptions struct {
	Request, Opinion, Date string
}

// Review records the review opinion (审核意见) of a request.
func (w *Workspace) Review(o DecideOptions) (*store.DocRequest, error) {
	return w.decide(o, "review", func(r *store.DocRequest, date time.Time) error {
		if err := CheckReview(r, w.Actor.By, date); err != nil {
			return err
		}
		r.State, r.Reviewer, r.Review, r.Reviewed = Reviewed, w.Actor.By, o.Opinion, date
		return nil
	})
}

// Approve records the approval (批准意见) of a reviewed request.
func (w *Workspace) Approve(o DecideOptions) (*store.DocRequest, error) {
	return w.decide(o, "approve", func(r *store.DocRequest, date time.Time) error {
		if err := CheckApprove(r, w.Actor.By, w.Cfg.Documents.Approvers, date); err != nil {
			return err
		}
		r.State, r.Approver, r.Approval, r.Approved = Approved, w.Actor.By, o.Opinion, date
		return nil
	})
}

// Reject turns a request down, at review or at approval; it stays on
// record as 已驳回 with the opinion. On an approved request not yet issued
// it withdraws the approval (Withdrawn): the withdrawal takes the approval's
// place on the request (the approval stays in the change log and on the
// form's R1), and the document is free for its next revision.
func (w *Workspace) Reject(o DecideOptions) (*store.DocRequest, error) {
	return w.decide(o, "reject", func(r *store.DocRequest, date time.Time) error {
		if err := CheckReject(r, w.Actor.By, w.Cfg.Documents.Approvers, date); err != nil {
			return err
		}
		switch r.State {
		case Requested:
			r.Reviewer, r.Review, r.Reviewed = w.Actor.By, o.Opinion, date
			r.State = Rejected
		case Reviewed:
			r.Approver, r.Approval, r.Approved = w.Actor.By, o.Opinion, date
			r.State = Rejected
		default:
			r.Approver, r.Approval, r.Approved = w.Actor.By, o.Opinion, date
			r.State = Withdrawn
		}
		return nil
	})
}

// decide loads a request, lets step check and change it, and stores it.
func (w *Workspace) decide(o DecideOptions, cmd string, step func(*store.DocRequest, time.Time) error) (*store.DocRequest, error) {
	if strings.TrimSpace(o.Opinion) == "" {
		return nil, usage("--opinion 必填：写明意见")
	}
	o.Opinion = strings.TrimSpace(o.Opinion)
	serial := strings.ToUpper(record.Clean(o.Request))
	date, err := w.Day(o.Date, "--date")
	if err != nil {
		return nil, err
	}
	notFound := rule("修订申请 %s 不存在；'qdoc doc show 文件编号' 列出一份文件的申请单", o.Request)
	if err := w.openStore(true); errors.Is(err, errNoStore) {
		return nil, notFound
	} else if err != nil {
		return nil, err
	}
	number, err := w.Store.DocRequestNumber(serial)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound
	}
	if err != nil {
		return nil, err
	}
	var out *store.DocRequest
	err = w.change(number, "command: doc "+cmd, func(tx *store.Tx) (*stagedFile, error) {
		f, err := w.loadDoc(tx, number)
		if err != nil {
			return nil, err
		}
		old := request(f, serial)
		r := *old
		if err := step(&r, date); err != nil {
			return nil, err
		}
		out = &r
		reason := ""
		if r.State == Withdrawn {
			reason = "撤回 " + fd(old.Approved) + " 的批准"
		}
		return nil, tx.UpdateDocRequest(old, &r, "command: doc "+cmd, reason)
	})
	return out, err
}
