package archive

import (
	"fmt"
	"strings"
)

// Kind is the kind of an integrity problem.
type Kind string

// The kinds verify and Put report, with their printed labels.
const (
	Missing    Kind = "缺失（missing）"
	Altered    Kind = "已改动（altered）"
	Unexpected Kind = "多余文件（unexpected）"
	Broken     Kind = "清单损坏（manifest broken）"
	Conflict   Kind = "拒绝覆盖（refused）"
	HeadDiffer Kind = "链尾不符（chain hash differs）"
)

// Problem is one thing wrong with the archive, named by its path
// (relative to the archive, forward slashes).
type Problem struct {
	Kind   Kind
	Path   string
	Detail string
}

func (p Problem) String() string {
	if p.Detail == "" {
		return fmt.Sprintf("%s %s", p.Kind, p.Path)
	}
	return fmt.Sprintf("%s %s: %s", p.Kind, p.Path, p.Detail)
}

// IntegrityError is an archive that is damaged or would be overwritten.
// Commands exit with the integrity status (4) for it.
type IntegrityError struct {
	Dir      string
	Problems []Problem
	Hint     string
}

func (e *IntegrityError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "归档 %s 完整性错误，共 %d 处（archive integrity: %d problem(s)）", e.Dir, len(e.Problems), len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n  " + p.String())
	}
	if e.Hint != "" {
		b.WriteString("\n  " + e.Hint)
	}
	return b.String()
}

// Integrity marks the error as an integrity failure for the exit status.
func (e *IntegrityError) Integrity() bool { return true }

// ConflictError is a file that cannot be archived without overwriting a
// different one, or whose source no longer matches its recorded checksum.
type ConflictError struct {
	Path     string // in the archive
	Src      string
	Listed   string // SHA-256 in the manifest, or of the file already there
	New      string // SHA-256 of the file offered
	Changed  bool   // the source differs from the checksum recorded for it
	Unlisted bool   // the file there is not in the manifest
}

func (e *ConflictError) Error() string {
	switch {
	case e.Changed:
		return fmt.Sprintf("%s 已与出具时记录的校验值不同（SHA-256 %s，现为 %s），不予归档；请恢复原文件或重新出具（%s changed since it was issued: not archived）",
			e.Src, short(e.Listed), short(e.New), e.Src)
	case e.Unlisted:
		return fmt.Sprintf("归档中已有同名但内容不同的文件且不在清单中（SHA-256 %s，新文件 %s）；若是中断的归档留下的，请移出后重新运行（a different unlisted file is already there: never overwritten）",
			short(e.Listed), short(e.New))
	}
	return fmt.Sprintf("已归档的文件内容不同（清单 SHA-256 %s，新文件 %s，来自 %s）；归档文件从不覆盖，修改请重新出具新版本（a different file is archived under this name: never overwritten）",
		short(e.Listed), short(e.New), e.Src)
}

// Integrity marks the error as an integrity failure for the exit status.
func (e *ConflictError) Integrity() bool { return true }

func short(sum string) string {
	if len(sum) > 12 {
		return sum[:12] + "…"
	}
	return sum
}
