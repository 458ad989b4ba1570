package report

import (
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/govscore/govscore/score/internal/safe"
)

// labels are the words of a rendering in one language.
type labels struct {
	Lang, Dir                                      string
	Title, Ranking, Rank, Agency, Score, Grade     string
	Contributions, ContributionsNote, NotAdditive  string
	Curves, CurvesNote, YAxis, XAxis, NoCurves     string
	Agencies, NotScored, Rubric, AsOf, Inquiries   string
	Dimension, Criterion, Weight, Effective        string
	ToScore, ToDimension, ExactWeight              string
	Measure, Interval, N, Points, Status, Flags    string
	Coverage, Later, CappedBy, NotReached, Yes, No string
	Hours, RankOf, Answered, Unanswered            string
	Lost, Sep                                      string // Sep separates items of a list
	// The reply curves' table and descriptions: CurveDesc takes the
	// inquiries, those answered, the share answered within a day and the
	// share unanswered at the cut-off.
	CurveTable, CurveN, CurveAnswered, WithinDay, AtCutOff, CurveDesc string
	// The summary: its heading, the link to the numbers, and its
	// sentences' formats (see summarize).
	Summary, Numbers, SumScored, SumGrades, SumNotScored, SumTop, SumSilence, SumDimensions string
	// The methodology section: headings, and formats (see newMethod).
	Method, MethodIntro, HashLabel, MetricCol, ScaleCol, MinSampleCol, Gates, Grades, GradeFrom string
	GateMin, GateMax, GateCap, GateGrade                                                        string
	ParamTarget, ParamQuantile, ParamSilence, ParamBusiness                                     string
	ScaleGoalposts, ScaleBand, ScaleBandFrom, ScaleBandUpTo, ScaleBandAll, ScaleBoolean         string
	ScaleRelative                                                                               string
	ScaleKinds                                                                                  map[rubric.ScaleKind]string
	Better                                                                                      map[rubric.Direction]string
	Dimensions                                                                                  map[rubric.DimensionID]string
	Statuses                                                                                    map[score.Status]string
	FlagNames                                                                                   map[score.FlagCode]string
	Metrics                                                                                     map[rubric.Metric]string
	Ticks                                                                                       map[float64]string // time-axis ticks, by hours
}

func labelsFor(lang string) labels {
	if lang == "ar" {
		return arabic
	}
	return english
}

var english = labels{
	Lang: "en", Dir: "ltr",
	Title: "Digital governance scorecard", Ranking: "Ranking", Rank: "Rank", Agency: "Agency", Score: "Score", Grade: "Grade",
	Contributions:     "Contribution of each dimension to the score",
	ContributionsNote: "Each bar is the overall score split into the points each dimension adds (effective weight × dimension score); the grey track is what was lost.",
	NotAdditive:       "The rubric does not combine dimensions arithmetically, so the score is not a sum of contributions.",
	Curves:            "Time to first reply",
	CurvesNote:        "Kaplan-Meier estimate of the share of inquiries still unanswered, by time since receipt, on a log time axis: one panel per agency, its curve in blue over the others in grey. Inquiries unanswered at the cut-off count as waiting until then; a line that stays flat to the right is silence.",
	YAxis:             "Share still unanswered", XAxis: "Time since receipt (log scale)",
	NoCurves: "Reply curves are not in this report (score with Options.Curves to include them).",
	Agencies: "Agencies", NotScored: "Not scored", Rubric: "Rubric", AsOf: "As of", Inquiries: "inquiries received",
	Dimension: "Dimension", Criterion: "Criterion", Weight: "Weight", Effective: "Effective weight",
	ToScore: "Adds to the score", ToDimension: "Adds to the dimension", ExactWeight: "exact weight",
	Measure: "Measure", Interval: "95% CI", N: "n", Points: "Points", Status: "Status", Flags: "Flags",
	Coverage: "Coverage", Later: "received after the cut-off, not scored", CappedBy: "capped by knock-out",
	NotReached: "not reached", Yes: "yes", No: "no", Hours: "h", RankOf: "rank",
	Answered: "answered", Unanswered: "still unanswered", Lost: "lost", Sep: ", ",
	CurveTable: "What the curves say", CurveN: "Inquiries", CurveAnswered: "Answered",
	WithinDay: "Answered within a day (Kaplan-Meier)", AtCutOff: "Unanswered at the cut-off",
	CurveDesc: "%[1]d inquiries, %[2]d of them answered; %[3]s answered within a day, %[4]s still unanswered at the cut-off.",
	Summary:   "In brief", Numbers: "the numbers",
	SumScored: "%[1]d of %[2]d agencies were scored", SumGrades: ": %[1]s.", SumNotScored: "%[1]d could not be scored, for want of data.",
	SumTop:        "%[1]s ranks first, with %[2]s points of 100; %[3]s ranks last, with %[4]s.",
	SumSilence:    "The longest silence: %[1]s has left an inquiry unanswered for %[2]s days, and %[3]s of its %[4]s inquiries waited %[5]s days or more.",
	SumDimensions: "Across the agencies scored, %[1]s is the strongest dimension (%[2]s points on average) and %[3]s the weakest (%[4]s).",
	Method:        "Method",
	MethodIntro:   "The standard %[1]s, version %[2]s. Each criterion's measure earns 0 to 100 points on its scale; a dimension's score combines its criteria's points by their weights, and the overall score combines the dimensions' by theirs.",
	HashLabel:     "The standard's SHA-256, to check that a ranking used it", MetricCol: "Measure", ScaleCol: "Points", MinSampleCol: "Minimum sample",
	Gates: "Gates", Grades: "Grades", GradeFrom: "%[1]s from %[2]s points",
	GateMin: "at least %[1]s", GateMax: "at most %[1]s", GateCap: "else the score is capped at %[1]s", GateGrade: "else the grade is at most %[1]s",
	ParamTarget: "target %[1]s", ParamQuantile: "quantile %[1]s", ParamSilence: "%[1]s days", ParamBusiness: "in working hours",
	ScaleGoalposts: "%[1]s earns 0 points and %[2]s earns 100, in a straight line between",
	ScaleBand:      "%[1]s to %[2]s: %[3]s points", ScaleBandFrom: "%[1]s or more: %[2]s points", ScaleBandUpTo: "up to %[1]s: %[2]s points", ScaleBandAll: "any: %[1]s points",
	ScaleBoolean:  "yes: %[1]s points, no: %[2]s",
	ScaleRelative: "%[1]s among the agencies compared; %[2]s",
	ScaleKinds: map[rubric.ScaleKind]string{rubric.MinMax: "from the worst agency (0) to the best (100)",
		rubric.ZScore: "50 + 25 standard scores from the mean", rubric.PercentileRank: "percentile rank"},
	Better: map[rubric.Direction]string{rubric.HigherIsBetter: "higher is better", rubric.LowerIsBetter: "lower is better"},
	Dimensions: map[rubric.DimensionID]string{
		rubric.ReplySpeed: "Reply speed", rubric.Accuracy: "Accuracy",
		rubric.ChannelOpenness: "Channel openness", rubric.Staffing: "Staffing",
	},
	Statuses: map[score.Status]string{
		score.StatusScored: "scored", score.StatusNoData: "no data", score.StatusInsufficient: "sample too small",
	},
	FlagNames: map[score.FlagCode]string{
		score.FlagNotScored: "not scored", score.FlagLowCoverage: "low coverage",
		score.FlagInsufficientData: "insufficient data", score.FlagNoData: "no data",
		score.FlagReweighted: "re-weighted", score.FlagMissingZero: "missing counted as zero",
		score.FlagWithheld: "withheld", score.FlagLongSilence: "long silence",
		score.FlagBroadcastOnly: "broadcast only", score.FlagNobodyAssigned: "nobody assigned",
		score.FlagNotDeclared: "nothing declared", score.FlagGateFailed: "failed a gate",
		score.FlagKnockout: "knock-out", score.FlagNoCalendar: "no business calendar",
	},
	Metrics: map[rubric.Metric]string{
		rubric.ResponseRate:             "Response rate",
		rubric.WithinTargetRate:         "Answered within the target",
		rubric.ReplyTimeQuantile:        "Time to first reply",
		rubric.ReplyTimeRestrictedMean:  "Restricted mean time to first reply",
		rubric.EventualNonresponseShare: "Share never answered",
		rubric.LongSilenceShare:         "Share left in long silence",
		rubric.AccurateShare:            "Share of accurate replies",
		rubric.DeflectionShare:          "Share of deflecting replies",
		rubric.OpenChannelShare:         "Share of open channels",
		rubric.BroadcastOnly:            "A broadcast-only channel",
		rubric.StaffPerOpenChannel:      "Staff per open channel",
		rubric.DeclaredCoverage:         "Declared hours of monitoring",
		rubric.ObservedPresence:         "Observed presence",
	},
	Ticks: map[float64]string{
		0.25: "15 min", 1: "1 h", 6: "6 h", 24: "1 day", 168: "1 week", 720: "30 days", 2160: "90 days", 8760: "1 year",
	},
}

var arabic = labels{
	Lang: "ar", Dir: "rtl",
	Title: "بطاقة أداء الحوكمة الرقمية", Ranking: "الترتيب", Rank: "الترتيب", Agency: "الجهة", Score: "الدرجة", Grade: "التقدير",
	Contributions:     "إسهام كل محور في الدرجة",
	ContributionsNote: "كل شريط هو الدرجة الكلية مقسّمة على النقاط التي يضيفها كل محور (الوزن الفعلي × درجة المحور)؛ والمسار الرمادي هو ما فُقد.",
	NotAdditive:       "لا يجمع المعيار المحاور جمعًا حسابيًا، فالدرجة ليست مجموع الإسهامات.",
	Curves:            "زمن الرد الأول",
	CurvesNote:        "تقدير كابلان-ماير لنسبة الاستفسارات التي لم يُرد عليها بعد، بحسب الزمن منذ الاستلام، على محور زمني لوغاريتمي: لوحة لكل جهة، منحناها بالأزرق فوق منحنيات الجهات الأخرى بالرمادي. الاستفسارات التي بقيت بلا رد عند تاريخ القطع تُحتسب منتظرة حتى ذلك التاريخ؛ والخط الذي يبقى مستويًا هو الصمت.",
	YAxis:             "نسبة ما لم يُرد عليه", XAxis: "الزمن منذ الاستلام (مقياس لوغاريتمي)",
	NoCurves: "منحنيات الرد ليست في هذا التقرير.",
	Agencies: "الجهات", NotScored: "لم تُقيَّم", Rubric: "المعيار", AsOf: "حتى تاريخ", Inquiries: "استفسارًا مستلمًا",
	Dimension: "المحور", Criterion: "المؤشر", Weight: "الوزن", Effective: "الوزن الفعلي",
	ToScore: "يضيف إلى الدرجة", ToDimension: "يضيف إلى المحور", ExactWeight: "الوزن الدقيق",
	Measure: "القياس", Interval: "فترة الثقة 95%", N: "العدد", Points: "النقاط", Status: "الحالة", Flags: "تنبيهات",
	Coverage: "التغطية", Later: "وردت بعد تاريخ القطع ولم تُقيَّم", CappedBy: "حُدَّت بمؤشر إقصائي",
	NotReached: "لم يُبلَغ", Yes: "نعم", No: "لا", Hours: "ساعة", RankOf: "الترتيب",
	Answered: "أُجيب عن", Unanswered: "ما زال بلا رد", Lost: "مفقود", Sep: "، ",
	CurveTable: "ما تقوله المنحنيات", CurveN: "الاستفسارات", CurveAnswered: "أُجيب عنها",
	WithinDay: "أُجيب عنها خلال يوم (كابلان-ماير)", AtCutOff: "بلا رد عند تاريخ القطع",
	CurveDesc: "%[1]d استفسارًا، أُجيب عن %[2]d منها؛ أُجيب عن %[3]s خلال يوم، و%[4]s ما زالت بلا رد عند تاريخ القطع.",
	Summary:   "خلاصة", Numbers: "الأرقام",
	SumScored: "قُيِّمت %[1]d من %[2]d جهات", SumGrades: ": %[1]s.", SumNotScored: "وتعذّر تقييم %[1]d لقلة البيانات.",
	SumTop:        "في المرتبة الأولى %[1]s بـ%[2]s نقطة من 100، وفي المرتبة الأخيرة %[3]s بـ%[4]s.",
	SumSilence:    "أطول صمت: لدى %[1]s استفسار بلا رد منذ %[2]s يومًا، وانتظر %[3]s من أصل %[4]s استفسارًا مدة %[5]s يومًا أو أكثر.",
	SumDimensions: "على مستوى الجهات المقيَّمة، %[1]s أقوى المحاور (%[2]s نقطة في المتوسط) و%[3]s أضعفها (%[4]s).",
	Method:        "المنهجية",
	MethodIntro:   "المعيار %[1]s، الإصدار %[2]s. يحصل قياس كل مؤشر على 0 إلى 100 نقطة وفق سلّمه؛ وتجمع درجة المحور نقاط مؤشراته بأوزانها، وتجمع الدرجة الكلية درجات المحاور بأوزانها.",
	HashLabel:     "بصمة المعيار، للتحقق من أن الترتيب استخدمه", MetricCol: "القياس", ScaleCol: "النقاط", MinSampleCol: "الحد الأدنى للعينة",
	Gates: "الشروط الأساسية", Grades: "التقديرات", GradeFrom: "%[1]s من %[2]s نقطة",
	GateMin: "لا يقل عن %[1]s", GateMax: "لا يزيد على %[1]s", GateCap: "وإلا حُدَّت الدرجة عند %[1]s", GateGrade: "وإلا فالتقدير لا يتجاوز %[1]s",
	ParamTarget: "المهلة %[1]s", ParamQuantile: "المئين %[1]s", ParamSilence: "%[1]s يومًا", ParamBusiness: "بساعات العمل",
	ScaleGoalposts: "%[1]s = 0 نقطة و%[2]s = 100 نقطة، وخطيًا بينهما",
	ScaleBand:      "من %[1]s إلى %[2]s: %[3]s نقطة", ScaleBandFrom: "%[1]s فأكثر: %[2]s نقطة", ScaleBandUpTo: "حتى %[1]s: %[2]s نقطة", ScaleBandAll: "أي قيمة: %[1]s نقطة",
	ScaleBoolean:  "نعم: %[1]s نقطة، لا: %[2]s",
	ScaleRelative: "%[1]s بين الجهات المقارَنة؛ %[2]s",
	ScaleKinds: map[rubric.ScaleKind]string{rubric.MinMax: "من أسوأ جهة (0) إلى أفضلها (100)",
		rubric.ZScore: "50 + 25 درجة معيارية عن المتوسط", rubric.PercentileRank: "الرتبة المئينية"},
	Better: map[rubric.Direction]string{rubric.HigherIsBetter: "الأعلى أفضل", rubric.LowerIsBetter: "الأدنى أفضل"},
	Dimensions: map[rubric.DimensionID]string{
		rubric.ReplySpeed: "سرعة الرد", rubric.Accuracy: "الدقة",
		rubric.ChannelOpenness: "انفتاح القنوات", rubric.Staffing: "التوظيف",
	},
	Statuses: map[score.Status]string{
		score.StatusScored: "مُقيَّم", score.StatusNoData: "لا بيانات", score.StatusInsufficient: "عينة غير كافية",
	},
	FlagNames: map[score.FlagCode]string{
		score.FlagNotScored: "لم تُقيَّم", score.FlagLowCoverage: "تغطية منخفضة",
		score.FlagInsufficientData: "بيانات غير كافية", score.FlagNoData: "لا بيانات",
		score.FlagReweighted: "أُعيد توزيع الأوزان", score.FlagMissingZero: "احتُسب الناقص صفرًا",
		score.FlagWithheld: "حُجبت الدرجة", score.FlagLongSilence: "صمت طويل",
		score.FlagBroadcastOnly: "بثّ فقط", score.FlagNobodyAssigned: "لا أحد مكلَّف",
		score.FlagNotDeclared: "لم يُصرَّح بشيء", score.FlagGateFailed: "أخفق في شرط أساسي",
		score.FlagKnockout: "مؤشر إقصائي", score.FlagNoCalendar: "لا تقويم عمل",
	},
	Metrics: map[rubric.Metric]string{
		rubric.ResponseRate:             "نسبة الرد",
		rubric.WithinTargetRate:         "نسبة الرد ضمن المهلة",
		rubric.ReplyTimeQuantile:        "زمن الرد الأول",
		rubric.ReplyTimeRestrictedMean:  "متوسط زمن الرد المقيَّد",
		rubric.EventualNonresponseShare: "نسبة عدم الرد النهائي",
		rubric.LongSilenceShare:         "نسبة الصمت الطويل",
		rubric.AccurateShare:            "نسبة الإجابات الدقيقة",
		rubric.DeflectionShare:          "نسبة الإحالة والتهرب",
		rubric.OpenChannelShare:         "نسبة القنوات المفتوحة",
		rubric.BroadcastOnly:            "قناة للبث فقط",
		rubric.StaffPerOpenChannel:      "الموظفون لكل قناة مفتوحة",
		rubric.DeclaredCoverage:         "ساعات التغطية المعلنة",
		rubric.ObservedPresence:         "الحضور الفعلي",
	},
	Ticks: map[float64]string{
		0.25: "15 دقيقة", 1: "ساعة", 6: "6 ساعات", 24: "يوم", 168: "أسبوع", 720: "30 يومًا", 2160: "90 يومًا", 8760: "سنة",
	},
}

// The labels of things the data names (a dimension, a criterion, a flag,
// a status) are made safe to print ([safe.Text]) when they come from the
// data: a rubric's title or ID, or a code a report read back from JSON
// holds.

// dimensionLabel is a dimension's name in the rendering's language: the
// translation of a standard dimension, else its title, else its ID.
func (l labels) dimensionLabel(id rubric.DimensionID, title string) string {
	if t := l.Dimensions[id]; t != "" && (l.Lang != "en" || title == "") {
		return t
	}
	if title != "" {
		return safe.Text(title)
	}
	return safe.Text(string(id))
}

// criterionLabel is a criterion's name: its title in English (the
// rubric's own words); in another language the name of its metric, when
// there is one.
func (l labels) criterionLabel(c score.CriterionScore) string {
	if t := l.Metrics[c.Metric]; t != "" && (l.Lang != "en" || c.Title == "") {
		return t
	}
	if c.Title != "" {
		return safe.Text(c.Title)
	}
	return safe.Text(c.ID)
}

// flagName is a flag's name in the language, or its code.
func (l labels) flagName(c score.FlagCode) string {
	if n := l.FlagNames[c]; n != "" {
		return n
	}
	return safe.Text(string(c))
}

// status is a criterion's status in the language.
func (l labels) status(s score.Status) string {
	if n := l.Statuses[s]; n != "" {
		return n
	}
	return safe.Text(string(s))
}
