// Package config loads a workspace's config.yaml: strict decoding (unknown
// keys are errors naming their line), defaults applied in one step, paths
// resolved against the config file's folder so a workspace moves whole.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/qdoc/qdoc/internal/record"
)

// Config is a workspace's configuration.
type Config struct {
	Company       string            `yaml:"company"`
	Operator      string            `yaml:"operator"`
	Timezone      string            `yaml:"timezone"`
	Prefix        string            `yaml:"prefix"`
	SerialPattern string            `yaml:"serial_pattern"`
	Language      string            `yaml:"language"`
	Font          string            `yaml:"font"`
	Paths         Paths             `yaml:"paths"`
	Departments   []string          `yaml:"departments"`
	DeptAliases   map[string]string `yaml:"department_aliases"`
	Deadlines     map[string]int    `yaml:"deadlines"`
	Limits        Limits            `yaml:"limits"`
	Vocabulary    Vocabulary        `yaml:"vocabulary"`
	Schedule      map[string]string `yaml:"schedule"`
	Documents     Documents         `yaml:"documents"`
	Retention     Retention         `yaml:"retention"`

	// Filled by Load, not read from YAML.
	Dir    string              `yaml:"-"` // folder of the config file
	File   string              `yaml:"-"` // path of the config file
	Loc    *time.Location      `yaml:"-"`
	Vocabs Vocabs              `yaml:"-"`
	Depts  *record.Departments `yaml:"-"`
}

// Paths are the workspace's folders and files, relative to the config file.
type Paths struct {
	Inbox     string `yaml:"inbox"`
	Out       string `yaml:"out"`
	Store     string `yaml:"store"`
	Archive   string `yaml:"archive"`
	Templates string `yaml:"templates"`
}

// Limits bound what intake will read.
type Limits struct {
	XLSXMB int `yaml:"xlsx_mb"` // uncompressed size of an xlsx
	TextMB int `yaml:"text_mb"` // size of a csv or yaml file
}

// Vocabulary lets a workspace replace the built-in value lists.
type Vocabulary struct {
	Category []record.Term `yaml:"category"`
	Channel  []record.Term `yaml:"channel"`
	Class    []record.Term `yaml:"class"`
	Status   []record.Term `yaml:"status"`
}

// Vocabs are the compiled vocabularies.
type Vocabs struct {
	Category, Channel, Class, Status *record.Vocab
}

// MaxConfigBytes caps config.yaml so a hostile file cannot exhaust memory.
const MaxConfigBytes = 1 << 20

// Locate returns the config path: the flag, else $QDOC_CONFIG, else ./config.yaml.
func Locate(flag string) string {
	if flag != "" {
		return flag
	}
	if env := os.Getenv("QDOC_CONFIG"); env != "" {
		return env
	}
	return "config.yaml"
}

// Load reads, decodes strictly, defaults and checks a config file.
func Load(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("config %s not found: run 'qdoc init DIR' to make a workspace, or pass -c PATH", path)
		}
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxConfigBytes+1))
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	if len(data) > MaxConfigBytes {
		return nil, fmt.Errorf("config %s is larger than 1 MB; it should be a short settings file", path)
	}
	c, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	c.File, c.Dir = abs, filepath.Dir(abs)
	return c, nil
}

// Parse decodes config YAML, applies defaults and validates it.
func Parse(data []byte) (*Config, error) {
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlError(err, data)
	}
	c.applyDefaults()
	if err := c.compile(); err != nil {
		return nil, err
	}
	if err := c.checkNames(data); err != nil {
		return nil, err
	}
	return &c, nil
}

// Path resolves a workspace path from the config.
func (c *Config) Path(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.Dir, filepath.FromSlash(p))
}

// InboxDir, OutDir, StorePath, ArchiveDir and TemplatesDir are the resolved paths.
func (c *Config) InboxDir() string     { return c.Path(c.Paths.Inbox) }
func (c *Config) OutDir() string       { return c.Path(c.Paths.Out) }
func (c *Config) StorePath() string    { return c.Path(c.Paths.Store) }
func (c *Config) ArchiveDir() string   { return c.Path(c.Paths.Archive) }
func (c *Config) TemplatesDir() string { return c.Path(c.Paths.Templates) }

// FormCode is the prefixed code of a form, e.g. FormCode("FM-31") = "LDMD-FM-31".
func (c *Config) FormCode(form string) string { return c.Prefix + "-" + form }
