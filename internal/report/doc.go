// Package report makes the quarterly quality-information analysis
// LDMD-FM-32 质量信息汇总分析表 (seed §7): the statistics of a quarter's
// entries, counted by a pure function so they can be table-tested, written
// as a printable Excel workbook with native charts and as a PDF with the
// same charts drawn, both under out/reports/.
//
// The counts follow the FM-31 ledger's rules — status and overdue as of
// the report date, void and reserved serials left out — so every total
// reconciles with the ledger rows of the quarter.
package report
