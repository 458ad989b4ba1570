// Package compose is govscore's one composition engine: how a node of a
// rubric (a dimension over its criteria, or the rubric over its
// dimensions) combines its children's points into a score, how knock-out
// criteria cap a dimension, which grade band a score earns, and how
// agencies share ranks. The report (package score's Scorer) and the
// sensitivity analysis (package score/sensitivity) both compose with it,
// so that every rule exists once.
//
// It works in exact fixed-point integers: weights and shares in units of
// 10^-12 ([Unit] is 1; a valid rubric's finest weight is one unit), points
// and scores in hundredths (a score of 87.6 is 8760). Every rule is the
// decimal rule of the score package's documentation, computed exactly, but
// for the geometric mean, which is computed in float64 and rounded from its
// shortest decimal form; a test holds the results to decimal arithmetic
// digit for digit.
package compose

import (
	"math"
	"math/bits"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
)

// Unit is a weight of 1 in units of 10^-12 (rubric.MaxPlaces places).
const Unit = 1_000_000_000_000

// None marks points or a score that is absent.
const None = -1

// Aggregation is how a node combines its children's points.
type Aggregation uint8

const (
	// Arithmetic is the weighted arithmetic mean, Σ w·p.
	Arithmetic Aggregation = iota
	// Geometric is the weighted geometric mean, Π p^w.
	Geometric
	// Minimum is the lowest points of the children with weight.
	Minimum
)

// AggregationOf returns the Aggregation of a rubric's; "" is Arithmetic.
func AggregationOf(a rubric.Aggregation) Aggregation {
	switch a {
	case rubric.Geometric:
		return Geometric
	case rubric.Minimum:
		return Minimum
	}
	return Arithmetic
}

// Missing is what a node does with a child with weight and no data.
type Missing uint8

const (
	// Reweight leaves the child out and spreads its weight over the others.
	Reweight Missing = iota
	// Zero counts it 0 points.
	Zero
	// Withhold withholds the node's score.
	Withhold
)

// Method is how a node combines its children (see [Method.Combine]).
type Method struct {
	Aggregation Aggregation
	Missing     Missing
	// MinAvailable, when HasMinAvailable, is the share of the node's weight,
	// in units, that the children with data must carry.
	MinAvailable    int64
	HasMinAvailable bool
	// HasFloor says that a geometric mean raises points below FloorBelow
	// hundredths (the zero floor, rounded up to a hundredth) to
	// FloorPoints points.
	HasFloor    bool
	FloorBelow  int64
	FloorPoints float64
}

// MethodOf returns the Method of a rubric's node method, which must be
// valid.
func MethodOf(m rubric.Method) Method {
	out := Method{Aggregation: AggregationOf(m.Aggregation)}
	switch m.Missing {
	case rubric.Zero:
		out.Missing = Zero
	case rubric.Withhold:
		out.Missing = Withhold
	}
	if m.MinAvailable != nil {
		out.MinAvailable, out.HasMinAvailable = InUnits(*m.MinAvailable), true
	}
	if m.ZeroFloor != nil {
		out.HasFloor = true
		out.FloorBelow = m.ZeroFloor.Shift(2).Ceil().IntPart()
		out.FloorPoints = m.ZeroFloor.InexactFloat64()
	}
	return out
}

// Withheld says why a node has no score although a child has data.
type Withheld uint8

const (
	// NotWithheld: the node has a score, or no child has data.
	NotWithheld Withheld = iota
	// Unavailable: the children with data carry less than MinAvailable of
	// the weight (Result.WithData of Result.Total).
	Unavailable
	// MissingChild: a child with weight has no data, and the method
	// withholds the score then.
	MissingChild
)

// Result is what a node's method made of its children's points.
type Result struct {
	// Score is the node's score in hundredths; None when no child has data
	// or the node is withheld.
	Score    int64
	Withheld Withheld
	// WithData and Total are the weights, in units, of the children with
	// data and of all the children.
	WithData, Total int64
	// Reweighted says that a child with weight and no data was left out,
	// Zeroed that such a child counted 0 points.
	Reweighted, Zeroed bool
	// SumIsOne says that the weights used sum to 1, so that the effective
	// weights are the children's own.
	SumIsOne bool

	// Explain asks Combine for what follows; without it Combine leaves
	// them as they were (nil for a new Result) and does not allocate.
	Explain bool
	// Eff is each child's effective weight in units: its weight over the
	// sum of the weights used, rounded half up; 0 when left out. Empty
	// when no weight is used.
	Eff []int64
	// Contrib is each child's effective weight times its points, in units
	// of 10^-14, for an arithmetic node; empty otherwise.
	Contrib []int64
	// Left are the children with weight and no data, in order.
	Left []int
}

// Combine applies the method to the children's points (hundredths, None
// for no data) with their weights w (units), into r. The rules, in order:
//
//  1. MinAvailable: when the children with data carry less than this share
//     of the node's weight, the node is withheld.
//  2. No child with data: no score.
//  3. Missing, once children with data carry some weight: Withhold
//     withholds the node when any child with weight has no data; Zero
//     scores such children 0 points; Reweight (and the others, while no
//     child with data has weight) leaves them out and spreads their weight
//     over the others.
//  4. No weight used: no score.
//  5. Aggregation over the children used, with effective weights w/Σw
//     rounded half up to 12 places (the children's own weights when they
//     sum to 1): arithmetic Σ w·p, exact, rounded half up to hundredths;
//     geometric Π p^w in float64 (after raising points below the zero
//     floor to it; a 0 makes the node 0 when there is no floor), rounded
//     half away from zero from its shortest decimal form; minimum, the
//     lowest points among the children used.
func (m *Method) Combine(w, pts []int64, r *Result) {
	explain := r.Explain
	r.Score, r.Withheld, r.Reweighted, r.Zeroed, r.SumIsOne = None, NotWithheld, false, false, false
	if explain {
		r.Eff, r.Contrib, r.Left = r.Eff[:0], r.Contrib[:0], r.Left[:0]
	}
	var total, withData, missingW int64 // missingW: the weight of the children without data
	any := false
	for i, wi := range w {
		total += wi
		if pts[i] != None {
			withData += wi
			any = true
		} else {
			missingW += wi
		}
	}
	r.Total, r.WithData = total, withData
	if m.HasMinAvailable && total > 0 && DivRound(withData, total) < m.MinAvailable {
		r.Withheld = Unavailable
		return
	}
	if !any {
		return
	}
	if missingW > 0 && m.Missing == Withhold && withData > 0 {
		r.Withheld = MissingChild
		return
	}
	// A child counts when it has weight and data, or weight and no data
	// when such children count 0 points (zero).
	zero := m.Missing == Zero && withData > 0
	sum := withData
	if zero {
		sum += missingW
		r.Zeroed = missingW > 0
	} else {
		r.Reweighted = missingW > 0
	}
	if explain && missingW > 0 {
		for i, wi := range w {
			if wi > 0 && pts[i] == None {
				r.Left = append(r.Left, i)
			}
		}
	}
	if sum == 0 {
		r.Reweighted = false
		return
	}
	one := sum == Unit
	r.SumIsOne = one
	if explain {
		for i, wi := range w {
			var e int64
			switch {
			case wi == 0 || pts[i] == None && !zero:
			case one:
				e = wi
			default:
				e = DivRound(wi, sum)
			}
			r.Eff = append(r.Eff, e)
		}
	}
	switch m.Aggregation {
	case Geometric:
		logSum := 0.0
		s := float64(sum) / Unit // as decimal's InexactFloat64 gives it: both round once
		for i, wi := range w {
			if wi == 0 || pts[i] == None && !zero {
				continue
			}
			p := max(pts[i], 0) // a child counted 0 has none
			f := float64(p) / 100
			if m.HasFloor && p < m.FloorBelow {
				f = m.FloorPoints
			}
			if f <= 0 {
				logSum = math.Inf(-1)
				break
			}
			logSum += float64(wi) / Unit / s * math.Log(f)
		}
		r.Score = roundHundredths(math.Exp(logSum))
	case Minimum:
		low := int64(None)
		for i, wi := range w {
			if wi == 0 || pts[i] == None && !zero {
				continue
			}
			if p := max(pts[i], 0); low == None || p < low {
				low = p
			}
		}
		r.Score = low
	default:
		var score int64
		for i, wi := range w {
			// A child counted 0, or left out, adds nothing; when the
			// weights used sum to 1, every child with weight is used.
			var c int64
			switch p := pts[i]; {
			case p <= 0:
			case one:
				c = wi * p
			default:
				c = DivRound(wi, sum) * p
			}
			if explain {
				r.Contrib = append(r.Contrib, c)
			}
			score += c
		}
		q, rem := score/Unit, score%Unit
		if 2*rem >= Unit {
			q++
		}
		r.Score = q
	}
}

// roundHundredths returns y, a score in points, in hundredths: its
// shortest decimal form rounded half away from zero to two places. That
// form is within an ulp of y, so y itself rounds the same way unless it is
// within 10⁻⁶ of a hundredth's half, where the decimal form decides.
func roundHundredths(y float64) int64 {
	h := y * 100
	if frac := h - math.Floor(h); math.Abs(frac-0.5) >= 1e-6 {
		return int64(math.Floor(h + 0.5))
	}
	return decimal.NewFromFloat(y).Round(2).Shift(2).IntPart()
}

// Cap is a knock-out criterion of a dimension: when it scores 0 points, the
// dimension's score is capped.
type Cap struct {
	Child int   // the knock-out criterion, by its index among the dimension's; or the gate, by its index among the rubric's
	Units int64 // the cap as the rubric writes it, in units of 10^-12 points
	To    int64 // the capped score in hundredths: the cap rounded half away from zero
}

// Capped is what the knock-out caps of a dimension made of its score.
type Capped struct {
	Score    int64 // after the caps; None when the dimension has none
	Uncapped int64 // before, when a cap applied; None otherwise
	By       int   // the child whose cap applied last; -1 when none did
	// Failed are the knock-out children at 0 points, in order, when the
	// dimension has a score and explanations were asked for; left as it
	// was otherwise.
	Failed []int
}

// ApplyCaps caps a dimension's score, in hundredths, by the caps of its
// knock-out children at 0 points, in order: each cap applies when the
// score, capped by the caps before it, is above the cap as written, and
// sets the score to the cap rounded to hundredths.
func ApplyCaps(score int64, pts []int64, caps []Cap, explain bool, out *Capped) {
	out.Score, out.Uncapped, out.By = score, None, -1
	if explain {
		out.Failed = out.Failed[:0]
	}
	if score == None {
		return
	}
	for _, c := range caps {
		if c.Child >= len(pts) || pts[c.Child] != 0 {
			continue
		}
		if explain {
			out.Failed = append(out.Failed, c.Child)
		}
		if out.Score*(Unit/100) <= c.Units {
			continue
		}
		if out.Uncapped == None {
			out.Uncapped = out.Score
		}
		out.By, out.Score = c.Child, c.To
	}
}

// Grade returns the index of the first grade band whose minimum (units of
// 10^-12 points) a score in hundredths reaches, or -1 when it reaches
// none.
func Grade(score int64, mins []int64) int {
	for i, min := range mins {
		if score*(Unit/100) >= min {
			return i
		}
	}
	return -1
}

// Rank ranks agencies by their scores in hundredths (None for no score):
// higher scores first, equal scores by index. It sets ranks[i] to agency
// i's rank, shared by equal scores (1, 2, 2, 4), or 0 without a score, and,
// when order is not nil, order to the agencies in rank order followed by
// those without a score, by index. keys is scratch space, returned for the
// next call.
func Rank(scores []int32, ranks, order []int32, keys []uint64) []uint64 {
	keys = keys[:0]
	for i, s := range scores {
		k := uint64(i)
		if s == None {
			k |= 1 << 63 // after every score
		} else {
			k |= uint64(math.MaxInt32-s) << 32
		}
		keys = append(keys, k)
		ranks[i] = 0
	}
	slices.Sort(keys)
	prev, rank := int32(None), int32(0)
	for n, k := range keys {
		i := int32(k & math.MaxUint32)
		if order != nil {
			order[n] = i
		}
		s := scores[i]
		if s == None {
			continue
		}
		if s != prev {
			rank, prev = int32(n+1), s
		}
		ranks[i] = rank
	}
	return keys
}

// DivRound returns a/b in units, rounded half up: the DivRound to
// rubric.MaxPlaces places of two decimals given in units, with 0 <= a and
// 0 < b.
func DivRound(a, b int64) int64 {
	hi, lo := bits.Mul64(uint64(a), Unit)
	q, r := bits.Div64(hi, lo, uint64(b))
	if 2*r >= uint64(b) {
		q++
	}
	return int64(q)
}

// InUnits returns a weight or share of a valid rubric, which has at most
// rubric.MaxPlaces decimal places and lies in 0..1, in units.
func InUnits(d decimal.Decimal) int64 {
	return d.Shift(rubric.MaxPlaces).IntPart()
}

// Tree is a rubric prepared for composition: its dimensions over its
// criteria, and the rubric over its dimensions. Its nodes' methods and
// weights may be changed, as the sensitivity analysis does; Clone gives a
// tree that shares nothing with the original.
type Tree struct {
	Dims []Node // in rubric order
	Top  Node
	// Gates are the caps of the rubric's gates that have one: a failed gate
	// caps the overall score as a failed knock-out caps a dimension. Child
	// is the gate's index among the rubric's gates.
	Gates []Cap
	// GateGrades are, by gate, the index of the best grade an agency that
	// fails it can have; -1 for a gate without one.
	GateGrades []int
	// GradeMins are the grade bands' minimums in units of 10^-12 points, in
	// rubric order.
	GradeMins []int64
}

// Node is a node of a Tree.
type Node struct {
	Method
	Weights []int64 // the children's, in units
	// Lo and Hi delimit a dimension's criteria among the rubric's, in
	// order: points[Lo:Hi] are its children's.
	Lo, Hi int
	Caps   []Cap // a dimension's knock-out caps, in order
}

// TreeOf returns the tree of a valid rubric.
func TreeOf(r rubric.Rubric) Tree {
	var t Tree
	n := 0
	for _, d := range r.Dimensions {
		node := Node{Method: MethodOf(d.Method), Lo: n}
		for j, c := range d.Criteria {
			node.Weights = append(node.Weights, InUnits(c.Weight))
			if c.KnockoutCap != nil {
				node.Caps = append(node.Caps, Cap{Child: j, Units: c.KnockoutCap.Shift(rubric.MaxPlaces).IntPart(),
					To: c.KnockoutCap.Round(2).Shift(2).IntPart()})
			}
		}
		n += len(d.Criteria)
		node.Hi = n
		t.Dims = append(t.Dims, node)
		t.Top.Weights = append(t.Top.Weights, InUnits(d.Weight))
	}
	t.Top.Method = MethodOf(r.Method)
	t.Top.Hi = len(r.Dimensions)
	for _, g := range r.Grades {
		t.GradeMins = append(t.GradeMins, g.Min.Shift(rubric.MaxPlaces).IntPart())
	}
	for j, g := range r.Gates {
		if g.Cap != nil {
			t.Gates = append(t.Gates, Cap{Child: j, Units: g.Cap.Shift(rubric.MaxPlaces).IntPart(),
				To: g.Cap.Round(2).Shift(2).IntPart()})
		}
		t.GateGrades = append(t.GateGrades, slices.IndexFunc(r.Grades, func(gr rubric.Grade) bool { return gr.ID == g.Grade }))
	}
	return t
}

// GradeOf returns the index of the grade of an overall score in
// hundredths: the band the score reaches, or the grade of a failed gate
// when that is worse (later in the rubric's order); -1 when the score
// reaches no band. gates are the gates' outcomes, as Compose takes them.
func (t *Tree) GradeOf(score int64, gates []int64) int {
	g := Grade(score, t.GradeMins)
	for j, gg := range t.GateGrades {
		if gg >= 0 && j < len(gates) && gates[j] == 0 && gg > g {
			g = gg
		}
	}
	return g
}

// Clone returns a copy of t that shares no memory with it.
func (t *Tree) Clone() Tree {
	out := Tree{Dims: slices.Clone(t.Dims), Top: t.Top.clone(), Gates: slices.Clone(t.Gates),
		GateGrades: slices.Clone(t.GateGrades), GradeMins: slices.Clone(t.GradeMins)}
	for i := range out.Dims {
		out.Dims[i] = out.Dims[i].clone()
	}
	return out
}

func (n Node) clone() Node {
	n.Weights, n.Caps = slices.Clone(n.Weights), slices.Clone(n.Caps)
	return n
}

// Composition is what Compose made of an agency's points. It may be used
// again for another agency: with Explain unset, Compose then does not
// allocate.
type Composition struct {
	// Explain asks for the explanations of every node (see Result) and for
	// the knock-out children at 0 points (see Capped).
	Explain bool
	Dims    []Result // by dimension, before the caps
	Capped  []Capped // by dimension: its score after the caps
	Scores  []int64  // by dimension: Capped[d].Score
	Top     Result   // the overall score, before the gates' caps
	// TopCapped is the overall score after the caps of the failed gates;
	// By and Failed name gates, by index.
	TopCapped Capped
}

// Compose composes an agency's points, in hundredths by criterion in
// rubric order (None where a criterion has none), into its dimension
// scores, each capped by its knock-out criteria, and the overall score
// over them, capped by the gates the agency failed, which it returns
// (None for none). gates holds, by gate, 0 for a failed gate and None
// otherwise (passed, or not checked): a failed gate is a knock-out of the
// rubric as a whole.
func (t *Tree) Compose(pts, gates []int64, c *Composition) int64 {
	nd := len(t.Dims)
	if cap(c.Dims) < nd {
		c.Dims, c.Capped, c.Scores = make([]Result, nd), make([]Capped, nd), make([]int64, nd)
	}
	c.Dims, c.Capped, c.Scores = c.Dims[:nd], c.Capped[:nd], c.Scores[:nd]
	for d := range t.Dims {
		n := &t.Dims[d]
		kids := pts[n.Lo:n.Hi]
		c.Dims[d].Explain = c.Explain
		n.Combine(n.Weights, kids, &c.Dims[d])
		ApplyCaps(c.Dims[d].Score, kids, n.Caps, c.Explain, &c.Capped[d])
		c.Scores[d] = c.Capped[d].Score
	}
	c.Top.Explain = c.Explain
	t.Top.Combine(t.Top.Weights, c.Scores, &c.Top)
	ApplyCaps(c.Top.Score, gates, t.Gates, c.Explain, &c.TopCapped)
	return c.TopCapped.Score
}
