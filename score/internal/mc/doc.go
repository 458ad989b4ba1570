// Package mc runs seeded Monte Carlo simulations whose results do not depend
// on how many goroutines run them, and summarises integer outcomes by
// nearest-rank percentiles. It is the machinery behind score's sensitivity
// analysis and not part of govscore's promise: its API may change in any
// release.
//
// # Determinism
//
// The runs of a simulation are cut into blocks of [BlockRuns] consecutive
// runs. Block b draws from its own PCG stream, seeded from the simulation's
// seed and b alone ([Stream]), so what a block computes depends neither on
// the worker that runs it nor on the blocks run before it on that worker.
// The blocks are fixed by the run count, never by the number of workers,
// and a caller that writes each run's results at the run's index (or
// combines block results in block order) gets the same output for the same
// seed on any machine. Because blocks have a fixed size, the first n runs
// of a longer simulation are the runs of a simulation of n.
package mc
