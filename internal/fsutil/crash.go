package fsutil

// Crash points name the moments a crash test kills a run at: after the
// store committed an intake file, with forms staged but not in place, with
// forms in place but not recorded, in the middle of writing a ledger, and
// so on. In a normal build Crash does nothing; built with -tags
// crashpoints and QDOC_CRASH=point[:n] in the environment, the process
// kills itself the nth time (default 1st) it reaches that point.
const (
	CrashAfterStore    = "after-store"    // an intake file's transaction committed
	CrashMidImport     = "mid-import"     // rows inserted, transaction not committed
	CrashMidRender     = "mid-render"     // some forms staged, none in place
	CrashAfterRename   = "after-rename"   // forms in place, not yet recorded
	CrashMidLedger     = "mid-ledger"     // ledger temp file written, not renamed
	CrashAfterLedger   = "after-ledger"   // ledger in place, digest not recorded
	CrashMidArchive    = "mid-archive"    // archive copy made, manifest not appended
	CrashAfterArchived = "after-archived" // manifest appended, store not told
)

// Crash kills the process at a named point in crash-test builds.
func Crash(point string) { crash(point) }
