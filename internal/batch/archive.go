package batch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/qdoc/qdoc/internal/archive"
	"github.com/qdoc/qdoc/internal/fsutil"
	"github.com/qdoc/qdoc/internal/record"
	"github.com/qdoc/qdoc/internal/store"
)

// Archive opens the workspace's write-once archive for this session: new
// manifest lines carry the session's time, and every chain hash is kept in
// the store. It refuses (an integrity error) when the chain hash the store
// last saw is no longer in the manifest: lines were cut from its end.
func (s *Session) Archive() (*archive.Archive, error) {
	a, err := archive.Open(s.Cfg.ArchiveDir())
	if err != nil {
		return nil, err
	}
	a.Now = func() time.Time { return s.Actor.At }
	a.Committed = func(head string, files int) error { return s.Store.RecordHead(head, files, s.Actor.At) }
	last, _, err := s.Store.LastHead()
	if err != nil || last == "" || a.InChain(last) {
		return a, err
	}
	return nil, &archive.IntegrityError{Dir: a.Dir, Problems: []archive.Problem{{Kind: archive.HeadDiffer, Path: archive.ManifestName,
		Detail: fmt.Sprintf("库中记录的链尾哈希 %s… 不在清单链中：清单末尾被删除或改写（the store's last chain hash is not in MANIFEST）", last[:12])}},
		Hint: "请运行 qdoc verify，并从备份或归档副本恢复 MANIFEST"}
}

// ArchiveStep puts every issued FM-30 — originals and reissues — in the
// archive, as archive/<year>/<form code>/<same name as under out/>, and
// prints the manifest's chain hash so it can be written down. Forms
// already archived are recognised by their recorded checksum, unread.
type ArchiveStep struct{}

func (ArchiveStep) String() string { return "archive" }

// Run archives what was issued and not yet archived.
func (ArchiveStep) Run(ctx context.Context, r *Run) error {
	if r.DryRun {
		return nil
	}
	a, err := r.Archive()
	if err != nil {
		return err
	}
	// Copying thousands of forms in takes seconds (8.7 s for 4,000).
	a.Progress = r.Progress
	items, err := r.archiveItems()
	if err != nil {
		return err
	}
	out, err := a.Put(items...)
	r.Result.Archive = &ArchiveResult{Added: count(out, archive.Added), Files: a.Manifest().Files(),
		Dir: a.Dir, Head: a.Head()}
	return err
}

// archiveItems lists everything issued that belongs in the archive: every
// FM-30 (originals and reissues), every document-control form, and every
// controlled document's own file.
func (r *Run) archiveItems() ([]archive.Item, error) {
	forms, err := r.Store.IssuedForms(FM30)
	if err != nil {
		return nil, err
	}
	others, err := r.Store.OtherForms(FM30)
	if err != nil {
		return nil, err
	}
	var items []archive.Item
	for _, f := range append(forms, others...) {
		items = append(items, r.formItem(f))
	}
	docs, err := r.Store.DocFiles()
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		items = append(items, r.docItem(d))
	}
	return items, nil
}

// formItem archives an issued form as <year>/<form code>/<file name>; a
// put-back looks for the original there.
func (r *Run) formItem(f store.IssuedForm) archive.Item {
	return archive.Item{Src: r.Cfg.Path(f.Path), Year: f.Year, Form: r.Cfg.FormCode(f.Form.Form),
		Serial: f.Serial, Record: f.Serial, SHA256: f.SHA256}
}

// docItem archives a controlled document's file as
// archive/<year>/受控文件/<number folder> <version folder> <file name>: the
// folders under docs/ are already safe names, and together unique.
func (r *Run) docItem(d store.VersionFile) archive.Item {
	rel := filepath.ToSlash(d.Path)
	parts := strings.Split(rel, "/")
	name := strings.Join(parts[max(0, len(parts)-3):], " ")
	year, _ := strconv.Atoi(strings.SplitN(d.Date, "-", 2)[0])
	if year == 0 {
		year = r.Actor.Today.Year()
	}
	return archive.Item{Src: r.Cfg.Path(d.Path), Year: year, Form: archive.DocumentFolder,
		Name: name, Record: d.Number + "@" + d.Version, SHA256: d.SHA256}
}

// printArchive closes the summary with what the archive step did and the
// chain hash, so it can be written down or kept elsewhere.
func (r *Run) printArchive() {
	ar := r.Result.Archive
	if ar == nil {
		return
	}
	fmt.Fprintf(r.Out, "归档: 新增 %d 个文件，共 %d 个（%s）\n", ar.Added, ar.Files, r.relPath(ar.Dir))
	head := ar.Head
	if head == "" {
		head = "（归档为空）"
	}
	fmt.Fprintf(r.Out, "归档清单链尾哈希: %s\n", head)
}

func count(out []archive.Outcome, want archive.Outcome) int {
	n := 0
	for _, o := range out {
		if o == want {
			n++
		}
	}
	return n
}

// ScansFolder is where signed forms scanned back are dropped, under the
// inbox (intake does not read sub-folders).
const ScansFolder = "scans"

// filedFolder, under the scans folder, receives each scan once archived,
// so the clerk sees what is done and nothing is ever lost or re-filed.
const filedFolder = "已归档"

// scanExts are the scan formats filed.
var scanExts = []string{".pdf", ".jpg", ".jpeg", ".png"}

// FileScansStep files each scan in inbox/scans/ whose name contains a
// serial against that record — archive/<year>/<form code>/<serial>-扫描件-<n>.<ext>
// — and marks the record 已归档 (then refreshes the ledgers that show it).
// Every form that prints a serial for signing can come back: an entry's
// FM-30, a revision request (FM-10) and a training request (FM-11); a
// document's are shown filed in its trail (doc show). Scans it cannot
// match are reported and left where they are.
type FileScansStep struct{}

func (FileScansStep) String() string { return "scans" }

// Run files the scans waiting in the inbox.
func (FileScansStep) Run(ctx context.Context, r *Run) error {
	dir := filepath.Join(r.Cfg.InboxDir(), ScansFolder)
	ents, err := os.ReadDir(dir)
	if r.DryRun || errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", dir, err)
	}
	dc := r.Cfg.Documents
	m, err := archive.NewMatcher(r.Cfg.Prefix, r.Cfg.SerialPattern, dc.RevisionPattern, dc.TrainingPattern)
	if err != nil {
		return err
	}
	a, err := r.Archive()
	if err != nil {
		return err
	}
	filed, left := 0, 0
	for _, e := range ents {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") || strings.HasPrefix(e.Name(), "~") {
			continue
		}
		ok, err := r.fileScan(a, m, filepath.Join(dir, e.Name()))
		if err != nil {
			return err
		}
		filed, left = filed+b2i(ok), left+b2i(!ok)
	}
	return r.scansDone(ctx, filed, left)
}

func (r *Run) scansDone(ctx context.Context, filed, left int) error {
	r.Result.ScansFiled, r.Result.ScansLeft = filed, left
	if filed+left == 0 {
		return nil
	}
	fmt.Fprintf(r.Out, "扫描件: 归档 %d 份，未归档 %d 份（留在 %s）\n", filed, left, r.relPath(filepath.Join(r.Cfg.InboxDir(), ScansFolder)))
	if filed == 0 {
		return nil
	}
	// The ledgers show 已归档: rewrite the ones whose records just changed,
	// naming each ledger once in the summary however often it was written.
	if err := (LedgerStep{}).Run(ctx, r); err != nil {
		return err
	}
	seen := map[string]bool{}
	r.Result.Ledgers = slices.DeleteFunc(r.Result.Ledgers, func(l string) bool {
		dup := seen[l]
		seen[l] = true
		return dup
	})
	return nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// scanTarget is the record a scan is filed against.
type scanTarget struct {
	Serial string
	Year   int
	Form   string // unprefixed form code: FM-30, or the documents' revision or training form
	Doc    string // the document of a revision or training request; "" for an entry
}

// fileScan files one scan; false means it was reported and left in place.
func (r *Run) fileScan(a *archive.Archive, m *archive.Matcher, path string) (bool, error) {
	name := filepath.Base(path)
	t, why := r.scanRecord(m, name)
	if why != "" {
		fmt.Fprintf(r.Out, "  扫描件 %s: %s，未归档，留在原处\n", name, why)
		return false, nil
	}
	sc, err := r.archiveScan(a, t, path)
	if err != nil {
		return false, err
	}
	of := ""
	if t.Doc != "" {
		of = "，文件 " + t.Doc
	}
	fmt.Fprintf(r.Out, "  扫描件 %s → %s/%s（%s 已归档%s）\n", name, r.relPath(a.Dir), sc.Path, t.Serial, of)
	moveFiled(path)
	return true, nil
}

// scanRecord finds the one record a scan's file name names, or says why not.
func (r *Run) scanRecord(m *archive.Matcher, name string) (scanTarget, string) {
	if !slices.Contains(scanExts, strings.ToLower(filepath.Ext(name))) {
		return scanTarget{}, "不是 PDF、JPG 或 PNG 扫描件"
	}
	var found []scanTarget
	var serials []string
	for _, s := range m.Find(name) {
		if t, ok := r.scanSerial(s); ok && !slices.Contains(serials, t.Serial) {
			found, serials = append(found, t), append(serials, t.Serial)
		}
	}
	dc := r.Cfg.Documents
	switch {
	case len(found) == 0:
		return scanTarget{}, fmt.Sprintf("文件名中没有编号（应含如 %s、%s 或 %s）", r.Cfg.Serial(2026, 1),
			r.Cfg.DocSerial(dc.RevisionPattern, 2026, 1), r.Cfg.DocSerial(dc.TrainingPattern, 2026, 1))
	case len(found) > 1:
		return scanTarget{}, "文件名中有多个编号 " + strings.Join(serials, "、") + "，请每份扫描件只含一个编号"
	}
	t := found[0]
	if t.Form != FM30 {
		return r.docScan(t)
	}
	e, err := r.Store.Get(t.Serial)
	switch {
	case err != nil:
		return t, t.Serial + " 未发出（不是本系统的编号）"
	case e.Void:
		return t, t.Serial + " 已作废"
	case e.Reserved:
		return t, t.Serial + " 是预留编号，尚未登记；登记后再运行即可归档"
	}
	t.Year = e.Year
	return t, ""
}

// scanSerial reads a serial found in a file name as an entry's, a
// revision request's or a training request's, in its canonical spelling.
func (r *Run) scanSerial(s string) (scanTarget, bool) {
	if y, q, ok := r.Cfg.ParseSerial(s); ok {
		return scanTarget{Serial: r.Cfg.Serial(y, q), Year: y, Form: FM30}, true
	}
	dc := r.Cfg.Documents
	for _, f := range [][2]string{{dc.RevisionPattern, dc.RevisionForm}, {dc.TrainingPattern, dc.TrainingForm}} {
		if y, q, ok := r.Cfg.ParseDocSerial(f[0], s); ok {
			return scanTarget{Serial: r.Cfg.DocSerial(f[0], y, q), Year: y, Form: f[1]}, true
		}
	}
	return scanTarget{}, false
}

// docScan checks that a revision or training request serial was issued,
// and names its document.
func (r *Run) docScan(t scanTarget) (scanTarget, string) {
	lookup, what := r.Store.DocTrainingNumber, "培训申请单"
	if t.Form == r.Cfg.Documents.RevisionForm {
		lookup, what = r.Store.DocRequestNumber, "文件修订申请表"
	}
	n, err := lookup(t.Serial)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return t, t.Serial + " 未发出（不是本系统的" + what + "编号）"
	case err != nil:
		return t, t.Serial + " 无法查询：" + err.Error()
	}
	t.Doc = n
	return t, ""
}

// archiveScan puts the scan in the archive under the record's next scan
// number — or finds it already there — and records it in the store.
func (r *Run) archiveScan(a *archive.Archive, t scanTarget, path string) (store.Scan, error) {
	sum, size, err := fsutil.HashFile(path)
	if err != nil {
		return store.Scan{}, fmt.Errorf("cannot read scan %s: %w", path, err)
	}
	have, err := r.Store.Scans(t.Serial)
	if err != nil {
		return store.Scan{}, err
	}
	for _, sc := range have {
		if sc.SHA256 == sum {
			return sc, nil // filed before; the source was not moved away
		}
	}
	it := archive.Item{Src: path, Year: t.Year, Form: r.Cfg.FormCode(t.Form), Serial: t.Serial, Record: t.Serial, SHA256: sum}
	n := r.nextScanNo(a, &it, len(have)+1, sum)
	if _, err := a.Put(it); err != nil {
		return store.Scan{}, err
	}
	rel, _ := it.Rel()
	sc := store.Scan{Serial: t.Serial, N: n, Path: rel, SHA256: sum, Size: size, Source: r.relPath(path)}
	return sc, r.recordScan(sc)
}

// nextScanNo names the item <serial>-扫描件-<n>.<ext> with the first n
// from start whose name is free in the archive or holds this very file (a
// run that stopped after archiving but before recording).
func (r *Run) nextScanNo(a *archive.Archive, it *archive.Item, start int, sum string) int {
	ext := strings.ToLower(filepath.Ext(it.Src))
	for n := start; ; n++ {
		it.Name = fmt.Sprintf("%s-%s-%d%s", it.Serial, archive.ScanMark, n, ext)
		rel, _ := it.Rel()
		if l, ok := a.Has(rel); !ok || l.SHA256 == sum {
			return n
		}
	}
}

func (r *Run) recordScan(sc store.Scan) error {
	tx, err := r.Store.Begin(r.Actor)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := tx.AddScan(sc); err != nil {
		return err
	}
	return tx.Commit()
}

// moveFiled moves a filed scan into the scans folder's 已归档 sub-folder,
// never over another file. A failure (the file open in a viewer) is not
// an error: the next run finds it already filed and tries again.
func moveFiled(path string) {
	dir := filepath.Join(filepath.Dir(path), filedFolder)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return
	}
	ext := filepath.Ext(path)
	base := strings.TrimSuffix(filepath.Base(path), ext)
	dst := filepath.Join(dir, base+ext)
	for i := 2; exists(dst); i++ {
		dst = filepath.Join(dir, fmt.Sprintf("%s (%d)%s", base, i, ext))
	}
	os.Rename(path, dst)
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// LateGuard tells whether a change to a record comes late: after its
// signed form was filed (已归档) or after its quarter was closed (the
// quarter's FM-31 or FM-32 archived). Such a change needs a reason — on a
// command --reason, through intake the file and row — and is flagged.
type LateGuard struct{ closed map[string]bool }

// lastGuard keeps the guard of the manifest last read, with the size and
// time it had, so a file of many updated rows reads the manifest once.
var lastGuard struct {
	sync.Mutex
	path string
	size int64
	mod  time.Time
	g    *LateGuard
}

// LateGuard reads which quarters are closed from the archive's manifest.
func (s *Session) LateGuard() (*LateGuard, error) {
	path := filepath.Join(s.Cfg.ArchiveDir(), archive.ManifestName)
	fi, statErr := os.Stat(path)
	lastGuard.Lock()
	defer lastGuard.Unlock()
	if statErr == nil && lastGuard.g != nil && lastGuard.path == path && lastGuard.size == fi.Size() && lastGuard.mod.Equal(fi.ModTime()) {
		return lastGuard.g, nil
	}
	m, err := archive.ReadManifest(s.Cfg.ArchiveDir())
	if err != nil {
		return nil, err
	}
	g := &LateGuard{closed: map[string]bool{}}
	for _, l := range m.Lines {
		g.closed[l.Record] = true
	}
	if statErr == nil {
		lastGuard.path, lastGuard.size, lastGuard.mod, lastGuard.g = path, fi.Size(), fi.ModTime(), g
	}
	return g, nil
}

// lateChange says why updating the stored entry to e is a late change.
func (r *Run) lateChange(tx *store.Tx, e *record.Entry) (string, error) {
	old, err := tx.Get(e.Serial)
	if err != nil {
		return "", err
	}
	g, err := r.LateGuard()
	if err != nil {
		return "", err
	}
	return g.Why(old, e), nil
}

// Why says why changing old (as stored) into new is a late change, "" if
// it is not.
func (g *LateGuard) Why(old, new *record.Entry) string {
	if old.Archived {
		return "签字表单已归档"
	}
	for _, d := range []time.Time{old.Received, new.Received} {
		if d.IsZero() {
			continue
		}
		if q := archive.Quarter(d.Year(), (int(d.Month())+2)/3); g.closed[q] {
			return q + " 季度已结（季度台帐/报表已归档）"
		}
	}
	return ""
}
