package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/archive"
	"github.com/qdoc/qdoc/internal/batch"
	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/fsutil"
	"github.com/qdoc/qdoc/internal/store"
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

func fileSHA(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func newRestoreCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "restore DIR",
		Short: "Restore (恢复) the workspace's store from a backup made by 'qdoc backup'",
		Long: `restore checks the backup (the snapshot's SHA-256 against CHAIN, SQLite's
integrity check, and that the backup's chain hash is still in the archive's
manifest), keeps the current store beside it as qdoc.db.before-restore-<time>
(nothing is deleted), and puts the snapshot in place. Serial counters are then
raised past every serial the archive shows was issued, so no number is ever
given twice; serials issued after the backup are listed.`,
		Example: `  qdoc restore E:\qdoc备份\2026-11-28`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(g)
			if err != nil {
				return err
			}
			return runRestore(cmd.OutOrStdout(), g, cfg, args[0])
		},
	}
}

// backupInfo is what CHAIN says about a backup.
type backupInfo struct{ storeSHA, head string }

func readChain(dir string) (backupInfo, error) {
	b, err := os.ReadFile(filepath.Join(dir, backupChain))
	if err != nil {
		return backupInfo{}, withCode(exitUsage, fmt.Errorf("%s is not a qdoc backup (no %s): %w", dir, backupChain, err))
	}
	var bi backupInfo
	for _, ln := range strings.Split(string(b), "\n") {
		k, v, _ := strings.Cut(ln, ": ")
		switch k {
		case "store":
			if f := strings.Fields(v); len(f) == 3 {
				bi.storeSHA = f[2]
			}
		case "archive_chain_hash":
			bi.head = strings.TrimSpace(v)
		}
	}
	return bi, nil
}

// checkBackup refuses a backup whose snapshot is damaged or whose archive
// state the workspace's archive does not contain.
func checkBackup(cfg *config.Config, dir string) error {
	bi, err := readChain(dir)
	if err != nil {
		return err
	}
	db := filepath.Join(dir, backupDB)
	if sum, err := fileSHA(db); err != nil || sum != bi.storeSHA {
		return withCode(exitIntegrity, fmt.Errorf("%s does not match the SHA-256 in %s: the backup is damaged, use another", db, backupChain))
	}
	st, err := store.OpenReadOnly(db)
	if err != nil {
		return withCode(exitIntegrity, err)
	}
	msg, err := st.Check()
	st.Close()
	if err != nil || msg != "" {
		return withCode(exitIntegrity, fmt.Errorf("%s fails SQLite's integrity check (%v%s): use another backup", db, err, msg))
	}
	a, err := archive.Open(cfg.ArchiveDir())
	if err != nil {
		return withCode(exitIntegrity, err)
	}
	if bi.head != "" && !a.InChain(bi.head) {
		return withCode(exitIntegrity, fmt.Errorf("the archive %s does not contain the backup's chain hash %s: restore the archive (copy it back) before the store, then run restore again", cfg.ArchiveDir(), bi.head))
	}
	return nil
}

func runRestore(out io.Writer, g *globalOptions, cfg *config.Config, dir string) error {
	if err := checkBackup(cfg, dir); err != nil {
		return err
	}
	by := g.by
	if by == "" {
		by = cfg.Operator
	}
	path := cfg.StorePath()
	lock, err := fsutil.Acquire(filepath.Join(filepath.Dir(path), "qdoc.lock"), fsutil.Holder(by, "restore"))
	if err != nil {
		return err
	}
	defer lock.Release()
	kept, err := setAside(path)
	if err != nil {
		return err
	}
	if err := putStore(filepath.Join(dir, backupDB), path); err != nil {
		return err
	}
	fmt.Fprintf(out, "已从 %s 恢复库 %s\n", dir, path)
	if kept != "" {
		fmt.Fprintf(out, "原库保留为 %s（未删除）\n", kept)
	}
	return reconcile(out, cfg, path)
}

// setAside renames the current store, and any journal beside it, to
// <name>.before-restore-<time>; it returns the new name ("" if none).
func setAside(path string) (string, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	stamp := config.Now().Format("20060102-150405")
	kept := path + ".before-restore-" + stamp
	for _, sfx := range []string{"", "-journal", "-wal", "-shm"} {
		if _, err := os.Stat(path + sfx); err != nil {
			continue
		}
		if _, err := os.Stat(kept + sfx); err == nil {
			return "", fmt.Errorf("%s already exists: wait a second and run restore again", kept+sfx)
		}
		if err := os.Rename(path+sfx, kept+sfx); err != nil {
			return "", fmt.Errorf("cannot set the current store aside (is qdoc or a viewer using it?): %w", err)
		}
	}
	return kept, fsutil.SyncDir(filepath.Dir(path))
}

// putStore copies the snapshot into place write-once, then makes it
// writable again: it is the live store from now on.
func putStore(src, dst string) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := archive.WriteOnce(dst, f); err != nil {
		return err
	}
	return os.Chmod(dst, 0o644)
}

// reconcile raises the serial counters past every serial in the archive
// and names those the restored store does not hold.
func reconcile(out io.Writer, cfg *config.Config, path string) error {
	m, err := archive.ReadManifest(cfg.ArchiveDir())
	if err != nil {
		return err
	}
	st, err := store.Open(path)
	if err != nil {
		return err
	}
	defer st.Close()
	var lost []string
	for _, l := range m.Lines {
		y, q, ok := cfg.ParseSerial(l.Serial)
		if !ok {
			continue
		}
		if _, err := st.BumpCounter(y, q); err != nil {
			return err
		}
		if _, err := st.Get(cfg.Serial(y, q)); err != nil && !slices.Contains(lost, cfg.Serial(y, q)) {
			lost = append(lost, cfg.Serial(y, q))
		}
	}
	if len(lost) > 0 {
		fmt.Fprintf(out, "注意: 归档中有 %d 个编号在备份之后发出，恢复的库中没有：%s\n  这些编号不会再次发出；请把它们的登记行（带编号）用 qdoc import --legacy 补回\n", len(lost), strings.Join(lost, "、"))
	}
	fmt.Fprintln(out, "请运行 qdoc verify 核验归档")
	return nil
}
