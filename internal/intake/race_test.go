//go:build race

package intake

// raceEnabled lets the 100,000-row test skip under -race, which makes it
// ten times slower without checking anything the plain run does not.
const raceEnabled = true
