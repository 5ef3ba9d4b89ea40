// Package doc is document control (受控文件管理): controlled documents and
// their versions, the revision request (文件修订申请表) with its review and
// approval, issue of a new version with the recall and destruction of the
// old copies and training on the new one (培训申请单), and the document
// status register (文件状态档案). It holds the rules of that lifecycle —
// each step refused, with what must happen first, when it is out of order —
// and carries the steps out on the store in one transaction each.
package doc

// Version states (文件状态), as stored.
const (
	Controlled = "controlled" // 受控: the version in force
	Recalling  = "recalling"  // 待回收: superseded, copies still out
	Recalled   = "recalled"   // 已回收待销毁: every copy back
	Destroyed  = "destroyed"  // 已回收销毁: destroyed, one copy archived
)

// Request states (修订申请状态), as stored.
const (
	Requested = "requested" // 待审核
	Reviewed  = "reviewed"  // 已审核待批准
	Approved  = "approved"  // 已批准待发放
	Rejected  = "rejected"  // 已驳回
	Issued    = "issued"    // 已发放
	// Withdrawn is a request rejected after its approval, before any
	// version was issued on it (撤回批准). It is closed as a rejection
	// is, and printed as one; it is its own state because its 文件修订申请表
	// has one revision more (R1 the approval, R2 the withdrawal) and which
	// forms are due must follow from the stored row alone.
	Withdrawn = "withdrawn" // 已驳回（撤回批准）
)

var stateLabels = map[string]string{
	Controlled: "受控", Recalling: "待回收", Recalled: "已回收待销毁", Destroyed: "已回收销毁",
	Requested: "待审核", Reviewed: "已审核待批准", Approved: "已批准待发放", Rejected: "已驳回", Issued: "已发放",
	Withdrawn: "已驳回（撤回批准）",
}

// StateLabel is the printed Chinese name of a version or request state.
func StateLabel(code string) string {
	if l, ok := stateLabels[code]; ok {
		return l
	}
	return code
}

// Rule is a step refused by the lifecycle's rules: out of order, by the
// wrong person, or on the wrong version. Its message says what must happen
// first. The command line exits 1 for it.
type Rule struct{ Msg string }

func (e *Rule) Error() string { return e.Msg }

func rule(format string, args ...any) error { return &Rule{Msg: sprintf(format, args...)} }

// Usage is a command's value that cannot be read at all (a malformed
// number, version or date). The command line exits 2 for it.
type Usage struct{ Msg string }

func (e *Usage) Error() string { return e.Msg }

func usage(format string, args ...any) error { return &Usage{Msg: sprintf(format, args...)} }
