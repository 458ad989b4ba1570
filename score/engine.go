package score

import "github.com/govscore/govscore/score/internal/compose"

// none marks points or a score that is absent, in hundredths.
const none = compose.None
