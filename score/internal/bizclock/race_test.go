//go:build race

package bizclock

// raceEnabled reports whether the tests run with the race detector, which
// allocates more: byte ceilings below a few kilobytes do not hold under it.
const raceEnabled = true
