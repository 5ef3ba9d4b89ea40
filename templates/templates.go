// Package templates embeds the built-in form and ledger layouts (YAML).
// A workspace overrides a layout by putting a file of the same name in its
// own templates folder; adding a form is adding a file here.
package templates

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed *.yaml
var builtin embed.FS

// MaxTemplateBytes caps a layout file.
const MaxTemplateBytes = 1 << 20

// Load returns the layout named name (e.g. "fm31.yaml"): the workspace's
// copy in overrideDir when there is one, else the built-in one. It also
// returns where it came from, for error messages.
func Load(name, overrideDir string) (data []byte, source string, err error) {
	if overrideDir != "" {
		p := filepath.Join(overrideDir, name)
		st, err := os.Stat(p)
		switch {
		case err == nil && st.Size() > MaxTemplateBytes:
			return nil, p, fmt.Errorf("template %s is larger than 1 MB", p)
		case err == nil:
			data, err := os.ReadFile(p)
			return data, p, err
		case !errors.Is(err, fs.ErrNotExist):
			return nil, p, err
		}
	}
	data, err = builtin.ReadFile(name)
	if err != nil {
		return nil, "built-in " + name, fmt.Errorf("no template named %s", name)
	}
	return data, "built-in " + name, nil
}

// Names lists the built-in layouts.
func Names() []string {
	ents, _ := builtin.ReadDir(".")
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}
