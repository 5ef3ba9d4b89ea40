package archive

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/qdoc/qdoc/internal/fsutil"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ManifestName is the manifest's file name in the archive folder.
const ManifestName = "MANIFEST"

// manifestHeader is the manifest's first line. It names the columns for a
// person reading the file without the tool, and is the chain's anchor: the
// first file line carries its hash.
const manifestHeader = "# qdoc archive manifest v1\tpath\tsha256\tsize\tserial\trecord\ttime\tprev-line-sha256"

// none stands for an empty serial or record, so every line has seven
// non-empty columns and reads clearly.
const none = "-"

// Line is one manifest line: a file put in the archive.
type Line struct {
	No     int    // line number in MANIFEST, from 1 (the header)
	Path   string // relative to the archive, with forward slashes
	SHA256 string
	Size   int64
	Serial string // the serial printed on the file ("" if none)
	Record string // the record it belongs to: an entry serial, "2026Q3", a document number
	Time   time.Time
	Prev   string // SHA-256 of the previous line's text
	Text   string // the line as written, without its newline
}

// Hash is the SHA-256 of the line's text: the next line's Prev, and the
// chain hash when it is the last line.
func (l *Line) Hash() string { return lineHash(l.Text) }

func lineHash(text string) string {
	s := sha256.Sum256([]byte(text))
	return hex.EncodeToString(s[:])
}

// format writes the line's text from its fields.
func (l *Line) format() {
	l.Text = strings.Join([]string{l.Path, l.SHA256, strconv.FormatInt(l.Size, 10),
		orNone(l.Serial), orNone(l.Record), l.Time.Format(time.RFC3339), l.Prev}, "\t")
}

func orNone(s string) string {
	if s == "" {
		return none
	}
	return s
}

func fromNone(s string) string {
	if s == none {
		return ""
	}
	return s
}

// parseLine reads a file line; the error says which column is wrong.
func parseLine(no int, text string) (Line, error) {
	l := Line{No: no, Text: text}
	f := strings.Split(text, "\t")
	if len(f) != 7 {
		return l, fmt.Errorf("has %d columns, want 7", len(f))
	}
	l.Path, l.SHA256, l.Serial, l.Record, l.Prev = f[0], f[1], fromNone(f[3]), fromNone(f[4]), f[6]
	var err error
	if l.Size, err = strconv.ParseInt(f[2], 10, 64); err != nil || l.Size < 0 {
		return l, fmt.Errorf("size %q is not a number", f[2])
	}
	if l.Time, err = time.Parse(time.RFC3339, f[5]); err != nil {
		return l, fmt.Errorf("time %q is not a date-time", f[5])
	}
	if !isHex64(l.SHA256) || !isHex64(l.Prev) {
		return l, errors.New("a checksum is not 64 hex digits")
	}
	if err := checkRel(l.Path); err != nil {
		return l, err
	}
	return l, nil
}

func isHex64(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// Manifest is a parsed MANIFEST: its lines in order and what is wrong
// with it. Problems do not stop parsing, so verify reports them all.
type Manifest struct {
	Lines    []Line
	ByPath   map[string]*Line
	Problems []Problem
	Head     string // the chain hash: SHA-256 of the last line ("" when empty)
	Torn     bool   // the file ends in a line without its newline
}

// Files is the number of files the manifest lists.
func (m *Manifest) Files() int { return len(m.Lines) }

// readManifest parses MANIFEST in dir; a missing file is an empty manifest.
func readManifest(path string) (*Manifest, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return &Manifest{ByPath: map[string]*Line{}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	return parseManifest(b), nil
}

// parseManifest checks every line and the chain that links them.
func parseManifest(b []byte) *Manifest {
	m := &Manifest{ByPath: map[string]*Line{}}
	if len(b) == 0 {
		return m
	}
	m.Torn = b[len(b)-1] != '\n'
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	prev, no := "", 0
	for sc.Scan() {
		no++
		text := strings.TrimSuffix(sc.Text(), "\r")
		m.line(no, text, prev)
		prev = lineHash(text)
	}
	if err := sc.Err(); err != nil {
		m.problem(Broken, ManifestName, fmt.Sprintf("第 %d 行之后无法读取（cannot read after line %d: %v）", no, no, err))
	}
	m.Head = prev
	if m.Torn {
		m.problem(Broken, ManifestName, fmt.Sprintf("第 %d 行不完整，缺少换行（last line incomplete: an interrupted write?）", no))
	}
	return m
}

func (m *Manifest) line(no int, text, prev string) {
	if no == 1 {
		if text != manifestHeader {
			m.problem(Broken, ManifestName, "第 1 行不是清单表头（line 1 is not the manifest header: edited?）")
		}
		return
	}
	l, err := parseLine(no, text)
	if err != nil {
		m.problem(Broken, ManifestName, fmt.Sprintf("第 %d 行格式错误（line %d malformed: %v）", no, no, err))
		return
	}
	if l.Prev != prev {
		// The line before is the one edited, or the last intact one before
		// lines were removed: name it, and the line where the break shows.
		at := ManifestName + " 第 1 行（表头）"
		if n := len(m.Lines); n > 0 {
			at = m.Lines[n-1].Path
		}
		m.problem(Broken, at, fmt.Sprintf("清单链在第 %d 行（%s）断开：第 %d 行被改动，或其后有行被删除（chain broken at line %d: line %d edited or lines after it removed）", no, l.Path, no-1, no, no-1))
	}
	if old, dup := m.ByPath[l.Path]; dup {
		m.problem(Broken, l.Path, fmt.Sprintf("第 %d 行与第 %d 行重复登记同一文件（listed twice）", no, old.No))
		return
	}
	m.Lines = append(m.Lines, l)
	m.ByPath[l.Path] = &m.Lines[len(m.Lines)-1]
}

func (m *Manifest) problem(k Kind, path, detail string) {
	m.Problems = append(m.Problems, Problem{Kind: k, Path: path, Detail: detail})
}

// appendLines writes lines at the end of the manifest (writing the header
// first into a new one), fsyncs it and keeps it read-only between writes so
// a stray edit in a text editor fails rather than lands.
func appendLines(path string, header bool, lines []Line) error {
	var buf bytes.Buffer
	if header {
		buf.WriteString(manifestHeader + "\n")
	}
	for _, l := range lines {
		buf.WriteString(l.Text + "\n")
	}
	os.Chmod(path, 0o644) // may not exist yet
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("cannot open %s to append: %w", path, err)
	}
	var orig int64
	if st, serr := f.Stat(); serr == nil {
		orig = st.Size()
	}
	if err = fsutil.Fault("write", path); err == nil {
		_, err = f.Write(buf.Bytes())
	}
	if err == nil {
		if err = fsutil.Fault("sync", path); err == nil {
			err = f.Sync()
		}
	}
	if err != nil {
		// A half-written line would break the chain for good (a damaged
		// manifest is never extended): cut the append back off.
		f.Truncate(orig)
		f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return os.Chmod(path, 0o444)
}

// ReadManifest reads and checks the manifest of the archive in dir,
// without touching the files it lists.
func ReadManifest(dir string) (*Manifest, error) {
	return readManifest(manifestPath(dir))
}

func manifestPath(dir string) string { return dir + string(os.PathSeparator) + ManifestName }

// bufs recycles copy buffers: verify reads thousands of small files, and
// a fresh buffer for each would cost more in zeroing than in hashing.
var bufs = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

// copyTo is io.Copy with a large pooled buffer, for archive and verify reads.
func copyTo(w io.Writer, r io.Reader) (int64, error) {
	b := bufs.Get().(*[]byte)
	defer bufs.Put(b)
	return io.CopyBuffer(w, r, *b)
}
