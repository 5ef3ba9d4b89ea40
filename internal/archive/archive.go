// Package archive is the write-once archive an inspector can trust
// (ISO 13485 §4.2.5: records legible, identifiable, retrievable, protected).
//
// Files are laid out as <year>/<form code>/<file name>, so a person finds
// them without the tool. Each is created without overwriting (a hard link
// from a synced temp file, or an exclusive create where links are not
// supported), fsynced and made read-only. MANIFEST beside them lists one
// line per file — path, SHA-256, size, serial, record, time — and the
// SHA-256 of the line before, so editing or removing any line breaks the
// chain. Putting an identical file again is a no-op; a different file
// under an existing name is an integrity error, never an overwrite.
//
// Verify needs only the folder: an inspector can check a copy of the
// archive on another machine without the store or the config.
package archive

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/qdoc/qdoc/internal/fsutil"
	"github.com/qdoc/qdoc/internal/progress"
)

// Item is one file to put in the archive.
type Item struct {
	Src    string // the file to copy in
	Year   int    // the record's year: the first folder
	Form   string // the form code, e.g. LDMD-FM-30: the second folder
	Name   string // the file name in the archive; "" = the name of Src
	Serial string // the serial printed on the file, if any
	Record string // what it belongs to: entry serial, quarter ("2026Q3", see Quarter), document number
	// SHA256, when known (e.g. recorded when the file was written), lets
	// an already-archived file be recognised without reading it; a file
	// that no longer matches it is refused.
	SHA256 string
}

// Rel is the item's path inside the archive, with forward slashes.
func (it Item) Rel() (string, error) {
	name := it.Name
	if name == "" {
		name = filepath.Base(it.Src)
	}
	if it.Year < 1900 || it.Year > 9999 {
		return "", fmt.Errorf("archive: year %d of %s is not a calendar year", it.Year, name)
	}
	for _, part := range []string{it.Form, name} {
		if _, err := fsutil.SafeName(part); err != nil {
			return "", fmt.Errorf("archive: %w", err)
		}
	}
	for _, f := range []string{it.Serial, it.Record} {
		if strings.ContainsAny(f, "\t\r\n") {
			return "", fmt.Errorf("archive: serial or record %q contains a tab or line break", f)
		}
	}
	return path.Join(strconv.Itoa(it.Year), it.Form, name), nil
}

// Quarter is the Record of a quarter's ledger and report, e.g. "2026Q3";
// a quarter with such a record archived is closed.
func Quarter(year, q int) string { return fmt.Sprintf("%dQ%d", year, q) }

// Outcome is what Put did with one item.
type Outcome int

const (
	Added Outcome = iota // copied in and listed
	Same                 // already archived with the same content: nothing done
)

// Archive is an archive folder opened for putting files in. It is not
// safe for concurrent use; callers hold the workspace lock.
type Archive struct {
	Dir string
	// Now is the time written on new manifest lines (default time.Now).
	Now func() time.Time
	// Committed, when set, is called after lines are appended with the new
	// chain hash and line count, so the store can keep the head and notice
	// a manifest cut short.
	Committed func(head string, files int) error
	// Progress, when set, shows the files and bytes Put copies in.
	Progress *progress.Reporter
	m        *Manifest
}

// Open reads the archive in dir (which need not exist yet).
func Open(dir string) (*Archive, error) {
	m, err := readManifest(manifestPath(dir))
	if err != nil {
		return nil, err
	}
	return &Archive{Dir: dir, Now: time.Now, m: m}, nil
}

// Manifest is the archive's manifest as read and appended by this Archive.
func (a *Archive) Manifest() *Manifest { return a.m }

// Head is the chain hash: the SHA-256 of the manifest's last line.
func (a *Archive) Head() string { return a.m.Head }

// InChain reports whether head is the hash of a line of the manifest (or
// of its header): a chain hash noted earlier stays in the chain for good.
func (a *Archive) InChain(head string) bool {
	if head == lineHash(manifestHeader) {
		return true
	}
	for i := range a.m.Lines {
		if a.m.Lines[i].Hash() == head {
			return true
		}
	}
	return false
}

// Has reports whether rel (forward slashes) is listed in the manifest.
func (a *Archive) Has(rel string) (*Line, bool) {
	l, ok := a.m.ByPath[rel]
	return l, ok
}

// HasRecord reports whether any archived file belongs to record.
func (a *Archive) HasRecord(record string) bool {
	for i := range a.m.Lines {
		if a.m.Lines[i].Record == record {
			return true
		}
	}
	return false
}

// Put archives items in order and returns what happened to each. Items
// that conflict with the archive are refused and reported together in an
// *IntegrityError after the others are archived. Nothing is overwritten.
// Files are copied in on every core; their manifest lines keep item order.
func (a *Archive) Put(items ...Item) ([]Outcome, error) {
	if err := a.writable(); err != nil {
		return nil, err
	}
	out := make([]Outcome, len(items))
	jobs, bad, err := a.plan(items, out)
	if err != nil {
		return out, err
	}
	a.placeAll(jobs)
	var added []Line
	for _, j := range jobs {
		l, err := a.settle(j, jobs)
		var ce *ConflictError
		switch {
		case errors.As(err, &ce):
			bad = append(bad, Problem{Kind: Conflict, Path: ce.Path, Detail: ce.Error()})
		case err != nil:
			return out, errors.Join(a.commit(added), err)
		case l == nil:
			out[j.i] = Same
		default:
			out[j.i] = Added
			added = append(added, *l)
		}
	}
	fsutil.Crash(fsutil.CrashMidArchive)
	if err := a.commit(added); err != nil {
		return out, err
	}
	if len(bad) > 0 {
		return out, &IntegrityError{Dir: a.Dir, Problems: bad}
	}
	return out, nil
}

// placeJob is one item to copy into the archive.
type placeJob struct {
	i     int // index in the items
	it    Item
	rel   string
	dupOf int // index in jobs of an earlier job for the same path, or -1
	sum   string
	size  int64
	err   error
}

// plan sorts the items: those already listed are checked now (Same or a
// conflict); the rest become jobs to place.
func (a *Archive) plan(items []Item, out []Outcome) ([]*placeJob, []Problem, error) {
	var jobs []*placeJob
	var bad []Problem
	first := map[string]int{}
	for i, it := range items {
		rel, err := it.Rel()
		if err != nil {
			return nil, nil, err
		}
		if l, ok := a.m.ByPath[rel]; ok {
			err := a.same(it, rel, l.SHA256)
			var ce *ConflictError
			if errors.As(err, &ce) {
				bad = append(bad, Problem{Kind: Conflict, Path: ce.Path, Detail: ce.Error()})
			} else if err != nil {
				return nil, nil, err
			}
			out[i] = Same
			continue
		}
		j := &placeJob{i: i, it: it, rel: rel, dupOf: -1}
		if k, ok := first[rel]; ok {
			j.dupOf = k
		} else {
			first[rel] = len(jobs)
		}
		jobs = append(jobs, j)
	}
	return jobs, bad, nil
}

// placeAll copies the jobs' files in, a few at a time: every copy is
// staged under a temp name, the batch is synced once, then each is linked
// to its final name, so a file under its final name is always complete.
func (a *Archive) placeAll(jobs []*placeJob) {
	var todo []*placeJob
	for _, j := range jobs {
		if j.dupOf < 0 {
			todo = append(todo, j)
		}
	}
	if len(todo) == 0 {
		return
	}
	task := a.Progress.Task("归档", len(todo))
	defer task.Done()
	tmps := make([]staged, len(todo))
	parallel(todo, func(i int, j *placeJob) {
		tmps[i], j.err = stageCopy(j.it.Src, a.path(j), j.it.SHA256)
	})
	var names []string
	for i, j := range todo {
		if j.err == nil {
			names = append(names, tmps[i].tmp)
		}
	}
	if err := fsutil.SyncAll(names); err != nil {
		for i, j := range todo {
			if j.err == nil {
				os.Remove(tmps[i].tmp)
				j.err = err
			}
		}
	}
	parallel(todo, func(i int, j *placeJob) {
		if j.err == nil {
			j.sum, j.size = tmps[i].sum, tmps[i].size
			j.err = linkInto(tmps[i].tmp, a.path(j), j.sum, false)
		}
		task.AddBytes(1, tmps[i].size)
	})
	syncDirs(a.Dir, jobs)
}

// path is where a job's file goes in the archive.
func (a *Archive) path(j *placeJob) string {
	return filepath.Join(a.Dir, filepath.FromSlash(j.rel))
}

// parallel calls fn for every job on all cores.
func parallel(jobs []*placeJob, fn func(i int, j *placeJob)) {
	ch := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range ch {
				fn(i, jobs[i])
			}
		}()
	}
	for i := range jobs {
		ch <- i
	}
	close(ch)
	wg.Wait()
}

// syncDirs makes the placed files' folder entries durable, one sync per
// folder rather than per file, before commit lists them in the manifest:
// a crash before it leaves files unlisted, which the next run places
// again. A folder that cannot be synced fails its jobs.
func syncDirs(root string, jobs []*placeJob) {
	byDir := map[string][]*placeJob{}
	for _, j := range jobs {
		if j.dupOf < 0 && j.err == nil {
			d := filepath.Dir(filepath.Join(root, filepath.FromSlash(j.rel)))
			byDir[d] = append(byDir[d], j)
		}
	}
	dirs := make([]string, 0, len(byDir))
	for d := range byDir {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		if err := fsutil.SyncDir(d); err != nil {
			for _, j := range byDir[d] {
				j.err = err
			}
		}
	}
}

// settle turns a placed job into its manifest line (nil: nothing new).
func (a *Archive) settle(j *placeJob, jobs []*placeJob) (*Line, error) {
	if j.dupOf >= 0 {
		return nil, a.same(j.it, j.rel, jobs[j.dupOf].sum)
	}
	var ee *existsError
	var ce *changedError
	switch {
	case errors.As(j.err, &ee):
		return nil, &ConflictError{Path: j.rel, Src: j.it.Src, Listed: ee.have, New: j.sum, Unlisted: true}
	case errors.As(j.err, &ce):
		return nil, &ConflictError{Path: j.rel, Src: j.it.Src, Listed: j.it.SHA256, New: ce.have, Changed: true}
	case j.err != nil:
		return nil, j.err
	}
	return &Line{Path: j.rel, SHA256: j.sum, Size: j.size, Serial: j.it.Serial, Record: j.it.Record, Time: a.Now()}, nil
}

// writable refuses to extend a manifest that is already damaged: a new
// line would chain onto a broken one and hide where it broke.
func (a *Archive) writable() error {
	if len(a.m.Problems) == 0 {
		return nil
	}
	return &IntegrityError{Dir: a.Dir, Problems: a.m.Problems,
		Hint: "归档清单已损坏，不再写入；请运行 qdoc verify 查看，并从备份或归档副本恢复 MANIFEST（MANIFEST is damaged: nothing more is archived until it is restored from a backup or copy）"}
}

// same checks that an item already listed has the content it was listed
// with.
func (a *Archive) same(it Item, rel, listed string) error {
	sum := it.SHA256
	if sum == "" {
		var err error
		if sum, _, err = fsutil.HashFile(it.Src); err != nil {
			return fmt.Errorf("archive: cannot read %s: %w", it.Src, err)
		}
	}
	if sum != listed {
		return &ConflictError{Path: rel, Listed: listed, New: sum, Src: it.Src}
	}
	return nil
}

// commit chains the new lines onto the manifest and appends them.
func (a *Archive) commit(lines []Line) error {
	if len(lines) == 0 {
		return nil
	}
	header := a.m.Head == "" && len(a.m.Lines) == 0
	prev := a.m.Head
	if header {
		prev = lineHash(manifestHeader)
	}
	no := len(a.m.Lines) + 2
	for i := range lines {
		lines[i].Prev, lines[i].No = prev, no+i
		lines[i].format()
		prev = lines[i].Hash()
	}
	if err := os.MkdirAll(a.Dir, 0o755); err != nil {
		return err
	}
	if err := appendLines(manifestPath(a.Dir), header, lines); err != nil {
		return err
	}
	if header {
		if err := fsutil.SyncDir(a.Dir); err != nil {
			return err
		}
	}
	for _, l := range lines {
		a.m.Lines = append(a.m.Lines, l)
	}
	a.reindex()
	a.m.Head = prev
	fsutil.Crash(fsutil.CrashAfterArchived)
	if a.Committed != nil {
		return a.Committed(prev, len(a.m.Lines))
	}
	return nil
}

// reindex rebuilds ByPath after appending, since the slice may have moved.
func (a *Archive) reindex() {
	for i := range a.m.Lines {
		a.m.ByPath[a.m.Lines[i].Path] = &a.m.Lines[i]
	}
}

// PutFile archives one file in the archive folder dir, dating its line at:
// for code that archives a file now and then — a controlled document's
// file, a closed quarter's report — under the workspace lock. (A batch
// session's Archive also keeps the chain hash in the store.)
func PutFile(dir string, at time.Time, it Item) (Outcome, error) {
	a, err := Open(dir)
	if err != nil {
		return 0, err
	}
	a.Now = func() time.Time { return at }
	out, err := a.Put(it)
	if len(out) == 0 {
		return 0, err
	}
	return out[0], err
}
