// Command qdoc runs the paper side of a medical-device distributor's
// quality department: intake, serial numbers, ledgers, forms and archive.
package main

import (
	"os"
	_ "time/tzdata" // Windows has no zoneinfo; the configured time zone must still load
)

func main() {
	restore, stop := utf8Console(), startProfile()
	code := Execute(os.Args[1:], os.Stdout, os.Stderr)
	stop()
	restore()
	os.Exit(code)
}
