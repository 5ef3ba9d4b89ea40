package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Stamped at release by scripts/dist.sh:
//
//	go build -ldflags "-X main.version=v1.2.0 -X main.commit=3f1c2ab" ./cmd/qdoc
//
// A plain `go build` leaves them unstamped and currentBuild fills them from
// what the Go toolchain recorded (module version, vcs.revision), so a
// support call can still tell which source a binary came from.
var (
	version = "dev"
	commit  = ""
)

// buildInfo is what `qdoc version` reports.
type buildInfo struct {
	Version, Commit, Go, Platform string
}

func currentBuild() buildInfo {
	b := buildInfo{Version: version, Commit: commit, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b.withDefaults()
	}
	if b.Version == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		b.Version = info.Main.Version // go install …@v1.2.0
	}
	if b.Commit == "" {
		b.Commit = vcsRevision(info.Settings)
	}
	return b.withDefaults()
}

// vcsRevision is the commit the toolchain stamped, shortened, with
// "-dirty" when the tree had uncommitted changes.
func vcsRevision(settings []debug.BuildSetting) string {
	rev, dirty := "", false
	for _, s := range settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" && dirty {
		rev += "-dirty"
	}
	return rev
}

func (b buildInfo) withDefaults() buildInfo {
	if b.Version == "" {
		b.Version = "dev"
	}
	if b.Commit == "" {
		b.Commit = "unknown"
	}
	return b
}

func (b buildInfo) String() string {
	return fmt.Sprintf("qdoc %s\ncommit: %s\ngo: %s %s\n", b.Version, b.Commit, b.Go, b.Platform)
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print qdoc's version, commit and Go version (版本信息)",
		Long: `version prints the release qdoc was built as, the source commit and the Go
toolchain. Quote all three when reporting a problem. A binary built by
scripts/dist.sh carries the release tag; one built with 'go build' says
"dev" and the commit Go recorded.`,
		Example: `  qdoc version
  qdoc --version`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprint(cmd.OutOrStdout(), currentBuild())
			return err
		},
	}
}
