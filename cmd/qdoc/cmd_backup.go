package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/archive"
	"github.com/qdoc/qdoc/internal/batch"
)

// The files of a backup folder.
const (
	backupDB    = "qdoc.db"
	backupChain = "CHAIN"
)

func newBackupCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "backup DIR",
		Short: "Back up (备份) the store, MANIFEST and its chain hash into DIR",
		Long: `backup writes into DIR (new or empty): qdoc.db, a consistent snapshot of the
store taken while nothing can change it (SQLite VACUUM INTO); MANIFEST, a copy
of the archive's manifest; and CHAIN, the manifest's chain hash and the
snapshot's SHA-256. Copy the archive folder itself as it is: it only grows.
'qdoc restore DIR' brings the store back.`,
		Example: `  qdoc backup E:\qdoc备份\2026-11-28`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withSession(g, cmd, "backup", func(s *batch.Session) error {
				return runBackup(cmd.OutOrStdout(), s, args[0])
			})
		},
	}
}

func runBackup(out io.Writer, s *batch.Session, dir string) error {
	if err := emptyDir(dir); err != nil {
		return withCode(exitUsage, err)
	}
	a, err := s.Archive()
	if err != nil {
		return err
	}
	db := filepath.Join(dir, backupDB)
	sum, err := snapshot(s, db)
	if err != nil {
		return err
	}
	if err := copyManifest(s.Cfg.ArchiveDir(), dir); err != nil {
		return err
	}
	chain := fmt.Sprintf("# qdoc backup\ntime: %s\nby: %s\nstore: %s sha256 %s\narchive_files: %d\narchive_chain_hash: %s\n",
		s.Actor.At.Format(time.RFC3339), s.Actor.By, backupDB, sum, a.Manifest().Files(), a.Head())
	if _, err := archive.WriteOnce(filepath.Join(dir, backupChain), strings.NewReader(chain)); err != nil {
		return err
	}
	fmt.Fprintf(out, "备份: %s（库快照 SHA-256 %s）\n归档 %d 个文件，归档清单链尾哈希: %s\n", dir, sum, a.Manifest().Files(), orEmpty(a.Head()))
	return nil
}

func orEmpty(head string) string {
	if head == "" {
		return "（归档为空）"
	}
	return head
}

// emptyDir makes dir, or accepts it if it holds nothing: a backup never
// mixes with or replaces another.
func emptyDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot make backup folder %s: %w", dir, err)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(ents) > 0 {
		return fmt.Errorf("backup folder %s is not empty: give a new folder, e.g. one named by date", dir)
	}
	return nil
}

// snapshot writes the store's snapshot under a temp name, then puts it
// in place write-once, so a crash never leaves a torn qdoc.db; it returns
// the snapshot's SHA-256.
func snapshot(s *batch.Session, db string) (string, error) {
	tmp := filepath.Join(filepath.Dir(db), ".qdoc.db.tmp")
	os.Remove(tmp)
	if err := s.Store.BackupTo(tmp); err != nil {
		return "", fmt.Errorf("store snapshot to %s: %w", tmp, err)
	}
	defer os.Remove(tmp)
	f, err := os.Open(tmp)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return archive.WriteOnce(db, f)
}

// copyManifest copies the archive's MANIFEST into dir, if there is one.
func copyManifest(archiveDir, dir string) error {
	f, err := os.Open(filepath.Join(archiveDir, archive.ManifestName))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = archive.WriteOnce(filepath.Join(dir, archive.ManifestName), f)
	return err
}
