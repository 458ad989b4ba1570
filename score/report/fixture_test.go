package report_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/govscore/govscore/score/internal/fixture"
)

// The fixture is the one score's golden tests use (score/internal/fixture).
var fixtureAsOf = fixture.AsOf

func fixtureDataset() model.Dataset { return fixture.Dataset() }

// fixtureReport scores the fixture under the default standard, with the
// reply curves.
func fixtureReport(t testing.TB) *score.Report {
	t.Helper()
	sc, err := score.New(fixtureRubric(), score.Options{AsOf: fixtureAsOf, Curves: true})
	require.NoError(t, err)
	rep, err := sc.Score(fixtureDataset())
	require.NoError(t, err)
	return rep
}

// fixtureRubric is the default standard.
func fixtureRubric() rubric.Rubric { return rubric.Default() }
