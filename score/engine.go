package score

import (
	"fmt"
	"math"
	"math/bits"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
)

// The composition of scores in integers: weights in units of 10^-12 (a
// valid rubric's finest weight, rubric.MaxPlaces places), points and
// scores in hundredths (Places places). Every rule is the decimal rule of
// the package doc, computed exactly: a test holds the results to decimal
// arithmetic digit for digit, and decimals are made from them only to
// explain a score.

// unit is 1 in units of 10^-12.
const unit = 1_000_000_000_000

// none marks points or a score that is absent.
const none = -1

// node is a rubric node (a dimension, or the rubric as a whole) prepared
// for composition.
type node struct {
	method   rubric.Method
	weights  []int64           // the children's weights, in units
	weightsD []decimal.Decimal // the same, as the rubric writes them
	// minAvailable is Method.MinAvailable in units; -1 without one.
	minAvailable int64
}

func newNode(m rubric.Method, weights []decimal.Decimal) node {
	n := node{method: m, weightsD: weights, minAvailable: -1}
	for _, w := range weights {
		n.weights = append(n.weights, inUnits(w))
	}
	if m.MinAvailable != nil {
		n.minAvailable = inUnits(*m.MinAvailable)
	}
	return n
}

// combined is what a node's method makes of its children's points.
type combined struct {
	score      int64   // hundredths; none when there is no score (no data, or withheld)
	eff        []int64 // effective weight of each child, units; nil when every one is 0
	contrib    []int64 // eff × points for an arithmetic node, in 10^-14; nil when every one is 0
	sumIsOne   bool    // the weights used sum to 1, so eff are the rubric's weights
	reweighted bool    // a child with weight was left out
	zeroed     bool    // a child with weight and no data counted 0 points
	left       []int   // the children with weight and no data
	withheld   string  // why the node is withheld, if it is
}

// combine applies a node's method to its children's points (hundredths,
// none for no data). The rules, in order:
//
//  1. MinAvailable: when the children with data carry less than this share
//     of the node's weight, the node is withheld.
//  2. Missing: Withhold withholds the node when any child with weight has no
//     data; Zero scores such children 0 points; Reweight (the default) leaves
//     them out and spreads their weight over the others.
//  3. No weight left: no score.
//  4. Aggregation over the children used, with effective weights w/Σw
//     rounded half up to 12 places (the rubric's own weights when they sum
//     to 1): arithmetic Σ w p, exact, rounded half up to hundredths;
//     geometric Π p^w in float64 (after raising points below ZeroFloor to
//     it; a 0 makes the node 0 when there is no floor), rounded half away
//     from zero from its shortest decimal form; minimum, the lowest points
//     among children with weight.
func (n *node) combine(pts []int64) combined {
	res := combined{score: none}
	var total, withData int64
	missing, any := false, false
	for i, w := range n.weights {
		total += w
		if pts[i] != none {
			withData += w
			any = true
		} else if w > 0 {
			missing = true
		}
	}
	if n.minAvailable >= 0 && total > 0 && divRound(withData, total) < n.minAvailable {
		res.withheld = fmt.Sprintf("the %s with data carry %s of the weight, below the minimum of %s",
			"children", decimal.New(withData, -rubric.MaxPlaces).DivRound(decimal.New(total, -rubric.MaxPlaces), 4),
			n.method.MinAvailable)
		return res
	}
	if !any {
		return res
	}
	if missing && n.method.Missing == rubric.Withhold && withData > 0 {
		res.withheld = "a child with weight has no data, and the method withholds the score then"
		return res
	}
	zero := n.method.Missing == rubric.Zero && withData > 0
	// usedW is the weight child i counts with: its own, when it has data
	// or counts 0 without; none otherwise.
	var buf [16]int64
	usedW := buf[:0]
	if len(n.weights) > len(buf) {
		usedW = make([]int64, 0, len(n.weights))
	}
	usedW = usedW[:len(n.weights)]
	var sum int64
	for i, w := range n.weights {
		switch {
		case pts[i] != none:
			usedW[i] = w
		case zero && w > 0:
			usedW[i] = w
			res.zeroed = true
			res.left = append(res.left, i)
		case w > 0:
			res.reweighted = true
			res.left = append(res.left, i)
		}
		sum += usedW[i]
	}
	if sum == 0 {
		res.reweighted = false
		return res
	}
	res.sumIsOne = sum == unit
	res.eff = make([]int64, len(n.weights))
	for i, w := range usedW {
		switch {
		case w == 0:
		case res.sumIsOne:
			res.eff[i] = w
		default:
			res.eff[i] = divRound(w, sum)
		}
	}
	p := func(i int) int64 { return max(pts[i], 0) } // a child counted 0 has none
	switch n.method.Aggregation {
	case rubric.Geometric:
		logSum := 0.0
		s := float64(sum) / unit // as decimal's InexactFloat64 gives it: both round once
		for i, w := range usedW {
			if w == 0 {
				continue
			}
			f := float64(p(i)) / 100
			if floor := n.method.ZeroFloor; floor != nil && decimal.New(p(i), -Places).LessThan(*floor) {
				f = floor.InexactFloat64()
			}
			if f <= 0 {
				logSum = math.Inf(-1)
				break
			}
			logSum += float64(w) / unit / s * math.Log(f)
		}
		res.score = hundredths(decimal.NewFromFloat(math.Exp(logSum)).Round(Places))
	case rubric.Minimum:
		for i, w := range usedW {
			if w > 0 && (res.score == none || p(i) < res.score) {
				res.score = p(i)
			}
		}
	default:
		res.contrib = make([]int64, len(n.weights))
		var score int64
		for i := range usedW {
			res.contrib[i] = res.eff[i] * p(i)
			score += res.contrib[i]
		}
		q, r := score/unit, score%unit
		if 2*r >= unit {
			q++
		}
		res.score = q
	}
	return res
}

// effAt returns the effective weight of child i as a decimal.
func (c *combined) effAt(i int) decimal.Decimal {
	if c.eff == nil {
		return decimal.Decimal{}
	}
	return decimal.New(c.eff[i], -rubric.MaxPlaces)
}

// contribAt returns the contribution of child i as a decimal.
func (c *combined) contribAt(i int) decimal.Decimal {
	if c.contrib == nil {
		return decimal.Decimal{}
	}
	return decimal.New(c.contrib[i], -rubric.MaxPlaces-Places)
}

// divRound returns a/b in units, rounded half up: the DivRound to
// rubric.MaxPlaces places of two decimals given in units, with 0 <= a and
// 0 < b.
func divRound(a, b int64) int64 {
	hi, lo := bits.Mul64(uint64(a), unit)
	q, r := bits.Div64(hi, lo, uint64(b))
	if 2*r >= uint64(b) {
		q++
	}
	return int64(q)
}

// inUnits returns a weight or share of a valid rubric, which has at most
// rubric.MaxPlaces decimal places and lies in 0..1, in units.
func inUnits(d decimal.Decimal) int64 {
	return d.Shift(rubric.MaxPlaces).IntPart()
}
