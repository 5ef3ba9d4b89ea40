// Package ledger writes the department's Excel workbooks: the yearly FM-31
// quality-information ledger (质量信息台帐) an inspector reads and prints, and
// the intake template (质量信息登记表) clerks fill in for `qdoc init`.
//
// The ledger is streamed row by row so a year of 100,000 entries fits in a
// small, flat amount of memory, and every value from a user is written as an
// inert string cell so a title like "=1+2" can never become a formula. Its
// columns come from templates/fm31.yaml, which a workspace may override.
package ledger
