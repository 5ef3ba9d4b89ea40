package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/archive"
	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/fsutil"
	"github.com/qdoc/qdoc/internal/store"
)

func newRestoreCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "restore DIR",
		Short: "Restore (恢复) the workspace's store from a backup made by 'qdoc backup'",
		Long: `restore checks the backup (the snapshot's SHA-256 against CHAIN, SQLite's
integrity check, and that the backup's chain hash is still in the archive's
manifest), keeps the current store beside it as qdoc.db.before-restore-<time>
(nothing is deleted), and puts the snapshot in place. Serial counters are then
raised past every serial the archive shows was issued, so no number is ever
given twice. Each serial issued after the backup (in the archive, not in the
restored store) is listed and kept as a void (作废) entry whose reason names
its archived file, so the ledger shows it and no number is silently skipped;
register those records again from the archived copies. The restore itself
(who, when, from which backup) is written to the change log.`,
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
	return reconcile(out, cfg, restoreActor(cfg, by), path, dir, kept)
}

// restoreActor is who restores, for the audit rows restore writes.
func restoreActor(cfg *config.Config, by string) store.Actor {
	a := store.Actor{By: by, At: config.Now(), Today: cfg.Today(), Serial: cfg.Serial}
	if u, err := user.Current(); err == nil {
		a.OSUser = u.Username
	}
	return a
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

// lostSerial is a serial the archive holds and the restored store lacks.
type lostSerial struct {
	serial, form string // form: "" for an entry, else FM-10 / FM-11
	year, seq    int
	path         string // its first file in the archive, as the workspace names it
}

// reconcile makes the restored store agree with the archive, in one
// transaction: every serial counter is raised past every serial the
// archive holds, each entry serial the store lacks becomes a void (作废)
// placeholder whose reason names its archived file — so the ledger shows
// it and no number is silently skipped — each lost revision or training
// request serial gets an audit row, and the restore itself one (who,
// when, from which backup).
func reconcile(out io.Writer, cfg *config.Config, a store.Actor, path, dir, kept string) error {
	m, err := archive.ReadManifest(cfg.ArchiveDir())
	if err != nil {
		return err
	}
	st, err := store.Open(path)
	if err != nil {
		return err
	}
	defer st.Close()
	lost, err := lostSerials(cfg, st, m)
	if err != nil {
		return err
	}
	tx, err := st.Begin(a)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	src := "command: restore " + dir
	for _, l := range lost {
		if err := placeholder(tx, l, src); err != nil {
			return fmt.Errorf("restore: %s: %w", l.serial, err)
		}
	}
	from := fmt.Sprintf("从备份 %s 恢复（from backup %s）", dir, dir)
	if err := tx.AuditRestore(from, kept, src); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	printLost(out, lost)
	fmt.Fprintln(out, "请运行 qdoc verify 核验归档")
	return nil
}

// lostSerials lists, in manifest order, the serials of every kind the
// archive holds and the restored store lacks, raising the entry counters
// past every archived entry serial as it goes.
func lostSerials(cfg *config.Config, st *store.Store, m *archive.Manifest) ([]lostSerial, error) {
	seen := map[string]bool{}
	var lost []lostSerial
	for _, ln := range m.Lines {
		l, ok := archivedSerial(cfg, ln)
		if !ok || seen[l.serial] {
			continue
		}
		seen[l.serial] = true
		held, err := holds(st, l)
		if err != nil {
			return nil, err
		}
		if l.form == "" {
			if _, err := st.BumpCounter(l.year, l.seq); err != nil {
				return nil, err
			}
		}
		if !held {
			lost = append(lost, l)
		}
	}
	return lost, nil
}

// archivedSerial reads the serial of a manifest line as an entry's or a
// revision or training request's.
func archivedSerial(cfg *config.Config, ln archive.Line) (lostSerial, bool) {
	rel := filepath.ToSlash(filepath.Join(workspaceRel(cfg, cfg.ArchiveDir()), filepath.FromSlash(ln.Path)))
	if y, q, ok := cfg.ParseSerial(ln.Serial); ok {
		return lostSerial{serial: cfg.Serial(y, q), year: y, seq: q, path: rel}, true
	}
	dc := cfg.Documents
	for _, f := range [][2]string{{dc.RevisionPattern, dc.RevisionForm}, {dc.TrainingPattern, dc.TrainingForm}} {
		if y, q, ok := cfg.ParseDocSerial(f[0], ln.Serial); ok {
			return lostSerial{serial: cfg.DocSerial(f[0], y, q), form: f[1], year: y, seq: q, path: rel}, true
		}
	}
	return lostSerial{}, false
}

// workspaceRel names a path as the workspace does, relative to its folder
// when inside it.
func workspaceRel(cfg *config.Config, p string) string {
	if rel, err := filepath.Rel(cfg.Dir, p); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return p
}

// holds reports whether the restored store has the serial's record.
func holds(st *store.Store, l lostSerial) (bool, error) {
	var err error
	if l.form == "" {
		_, err = st.Get(l.serial)
	} else if _, err = st.DocRequestNumber(l.serial); errors.Is(err, store.ErrNotFound) {
		_, err = st.DocTrainingNumber(l.serial)
	}
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// placeholder keeps a lost serial's number: an entry's as a void
// placeholder, a request's as its raised counter and an audit row.
func placeholder(tx *store.Tx, l lostSerial, src string) error {
	reason := fmt.Sprintf("恢复备份后缺失：已归档于 %s，原记录未在备份中；请按归档件重新登记（missing after restore: archived as %s, not in the backup; register it again from the archived copy）", l.path, l.path)
	if l.form == "" {
		_, err := tx.InsertVoid(l.year, l.seq, reason, src)
		return err
	}
	if err := tx.RaiseDocCounter(l.form, l.year, l.seq); err != nil {
		return err
	}
	return tx.NoteLostSerial(l.serial, reason, src)
}

func printLost(out io.Writer, lost []lostSerial) {
	var entries, docs []string
	for _, l := range lost {
		if l.form == "" {
			entries = append(entries, l.serial)
		} else {
			docs = append(docs, l.serial)
		}
	}
	if len(entries) > 0 {
		fmt.Fprintf(out, "注意: 归档中有 %d 个编号在备份之后发出，恢复的库中没有：%s\n  已在库中登记为作废（原因：恢复备份后缺失，注明归档位置），台帐中可见，不会再次发出；请按归档件重新登记这些记录\n",
			len(entries), strings.Join(entries, "、"))
	}
	if len(docs) > 0 {
		fmt.Fprintf(out, "注意: 归档中有 %d 个文件修订/培训申请编号在备份之后发出，恢复的库中没有：%s\n  这些编号不会再次发出（已记入修改记录）；请按归档件重新办理\n",
			len(docs), strings.Join(docs, "、"))
	}
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
