package doc

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/qdoc/qdoc/internal/form"
	"github.com/qdoc/qdoc/internal/fsutil"
	"github.com/qdoc/qdoc/internal/store"
)

//go:embed copycover.yaml
var copyCoverYAML []byte

const copyCoverName = "copycover.yaml"

// coverLayout is the 受控文件标识页 layout: the workspace's own copy in its
// templates folder, else the built-in one.
func (w *Workspace) coverLayout() (*form.Layout, error) {
	p := filepath.Join(w.Cfg.TemplatesDir(), copyCoverName)
	b, err := os.ReadFile(p)
	switch {
	case err == nil:
		return form.ParseLayout(b, p)
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	return form.ParseLayout(copyCoverYAML, "built-in "+copyCoverName)
}

// Print writes the cover pages (受控文件标识页) of a version's copies —
// all of them, or copy no only — into one PDF under out/print/ and returns
// its path. The version in force is stamped 受控 with the copy number and
// holder; a superseded version 作废, so a copy kept after recall cannot be
// taken for the current one.
func (w *Workspace) Print(ref string, no int) (string, error) {
	number, ver, err := ParseRef(ref)
	if err != nil {
		return "", err
	}
	f, err := w.Store.LoadDoc(number)
	if errors.Is(err, store.ErrNotFound) {
		return "", rule("文件 %s 未登记", number)
	}
	if err != nil {
		return "", err
	}
	v := Find(f, ver)
	if v == nil {
		return "", rule("%s 没有版本 %s；已有版本：%s", number, ver, versionList(f))
	}
	cs, err := pickCopies(f, v, no)
	if err != nil {
		return "", err
	}
	return w.writeCovers(f, v, cs)
}

func pickCopies(f *store.DocFile, v *store.DocVersion, no int) ([]*store.DocCopy, error) {
	cs := Copies(f, v.Version)
	if no == 0 {
		if len(cs) == 0 {
			return nil, rule("%s@%s 没有发放给任何部门的副本", f.Doc.Number, v.Version)
		}
		return cs, nil
	}
	for _, c := range cs {
		if c.No == no {
			return []*store.DocCopy{c}, nil
		}
	}
	return nil, rule("--copy %d：%s@%s 没有第 %d 份；各份为 %s", no, f.Doc.Number, v.Version, no, holders(cs))
}

func (w *Workspace) writeCovers(f *store.DocFile, v *store.DocVersion, cs []*store.DocCopy) (string, error) {
	l, err := w.coverLayout()
	if err != nil {
		return "", err
	}
	r, err := w.renderer()
	if err != nil {
		return "", err
	}
	ds := make([]form.Data, len(cs))
	for i, c := range cs {
		ds[i] = w.coverData(f, v, c)
	}
	created := v.Issued
	if !v.Superseded.IsZero() {
		created = v.Superseded
	}
	var buf bytes.Buffer
	if err := r.eng.RenderMany(&buf, l, ds, created); err != nil {
		return "", err
	}
	name := fmt.Sprintf("%s %s 受控文件标识页.pdf", DirName(f.Doc.Number), MustVersion(v.Version).FileName())
	if len(cs) == 1 {
		name = fmt.Sprintf("%s %s 第%d份 受控文件标识页.pdf", DirName(f.Doc.Number), MustVersion(v.Version).FileName(), cs[0].No)
	}
	if _, err := fsutil.SafeName(name); err != nil {
		return "", err
	}
	path := filepath.Join(w.Cfg.OutDir(), "print", name)
	return path, fsutil.WriteFile(path, func(out io.Writer) error { _, err := buf.WriteTo(out); return err })
}

// coverData is one copy's cover, stamped by the version's state.
func (w *Workspace) coverData(f *store.DocFile, v *store.DocVersion, c *store.DocCopy) form.Data {
	sub := "第 " + strconv.Itoa(c.No) + " 份 " + c.Holder
	stamp := &form.Stamp{Text: "受控", Sub: sub}
	if v.State != Controlled {
		stamp = &form.Stamp{Text: "作废", Sub: sub}
	}
	return form.Data{
		Serial: sprintf("%s@%s#%d", f.Doc.Number, v.Version, c.No), Company: w.Cfg.Company, IssueDate: fd(c.Issued), Stamp: stamp,
		Fields: map[string]string{
			"doc_number": f.Doc.Number, "doc_title": f.Doc.Title, "version": v.Version, "owner": f.Doc.Owner,
			"state": StateLabel(v.State), "issued": fd(c.Issued), "effective": fd(v.Effective),
			"copy": "第 " + strconv.Itoa(c.No) + " 份", "holder": c.Holder,
			"superseded": fd(v.Superseded), "request": v.Request,
		},
	}
}
