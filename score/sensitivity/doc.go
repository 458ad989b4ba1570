// Package sensitivity measures how much a report's ranking and grades
// depend on the choices its standard made: the weights, the aggregation
// methods and the goalposts. A regulator drafting a standard runs it to
// see whether a ranking would survive a reasonable change of weights.
//
// [Analyze] recomposes every agency's overall score in Monte Carlo runs
// that perturb the rubric as [Options] say, from the points (or, for moved
// goalposts, the measures) the report holds, with the composition engine
// that made the report: a run that keeps the rubric reproduces the report
// exactly. The [Report] gives, for each agency, the distribution of its
// rank, score and grade over the runs, and [Report.Outranks] how often one
// agency ranks above another.
//
//	rep, _ := sc.Score(ds)
//	sens, err := sensitivity.Analyze(rep, std, sensitivity.Options{
//		Runs: 1000, Seed: 7, WeightNoise: 0.2,
//	})
//	sens.WriteText(os.Stdout)
//
// Results depend only on the report, the rubric and the options other
// than Workers: the same seed gives the same numbers on any number of
// goroutines.
//
// # Limits
//
// An analysis keeps a score and a rank, 8 bytes, for every agency in
// every run, and a little scratch space for each worker. So that no
// option can take memory without bound, [Options.Runs] may be at most
// [MaxRuns] (1,000,000), and Runs times the report's agencies at most
// [MaxRanks] (100,000,000, so 800 MB); more is an error wrapping
// [ErrOptions] that names the limit. WeightNoise and GoalpostShift must be
// within their ranges, and NaN or infinite values are errors too. Workers
// needs no limit: Analyze starts at most one worker for each block of 64
// runs. The limits are constants, not settings: at a million runs the
// standard error of a share is at most 0.0005, finer than any decision a
// ranking supports.
package sensitivity
