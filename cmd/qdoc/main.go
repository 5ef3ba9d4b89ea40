// Command qdoc runs the paper side of a medical-device distributor's
// quality department: intake, serial numbers, ledgers, forms and archive.
package main

import "os"

func main() {
	os.Exit(Execute(os.Args[1:], os.Stdout, os.Stderr))
}
