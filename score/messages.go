package score

import (
	"fmt"
	"strings"
)

// flagMessages is the catalogue of the flags' details, in English and
// Arabic: each message a key of [Flag.Message], its text a format whose
// verbs take [Flag.Args] by position (%[1]s is the first argument). A
// key joined to another by "+" is the two messages, each formatted with
// all the arguments, joined by ": ". TestFlagMessages checks that every
// message has both languages with the same arguments, and that every
// flag the scorer raises has its message here.
var flagMessages = map[string]struct{ en, ar string }{
	"nothing":     {"nothing to measure", "لا شيء يُقاس"},
	"no_calendar": {"no business calendar: measured in calendar time", "لا تقويم عمل: قيس بالزمن التقويمي"},
	"zero.criterion": {"no data: scored 0 points, as the criterion says",
		"لا بيانات: مُنح 0 نقطة كما ينص المؤشر"},
	"insufficient.n": {"n = %[1]s, below the minimum of %[2]s", "العدد %[1]s، دون الحد الأدنى %[2]s"},
	"insufficient.young": {"not reached in %[1]s hours observed, short of the %[2]s hours from which it earns the worst points",
		"لم يُبلَغ خلال %[1]s ساعة من الرصد، وهي دون %[2]s ساعة التي يستحق بعدها أدنى النقاط"},
	"insufficient.no_reach": {"not reached in %[1]s hours observed, and no agency compared reached it: nothing to place it against",
		"لم يُبلَغ خلال %[1]s ساعة من الرصد، ولم تبلغه أي جهة في المقارنة: لا شيء يُقاس عليه"},
	"insufficient.reach": {"not reached in %[1]s hours observed, short of the %[2]s hours of the slowest agency compared",
		"لم يُبلَغ خلال %[1]s ساعة من الرصد، وهي دون %[2]s ساعة لأبطأ جهة في المقارنة"},
	"knockout": {"%[1]s scored 0 points: %[2]s capped at %[3]s by %[4]s",
		"حصل %[1]s على 0 نقطة: حُدَّ %[2]s عند %[3]s بسبب %[4]s"},
	"not_scored": {"no dimension could be scored", "لم يمكن تقييم أي محور"},
	"low_coverage": {"the criteria with data carry %[1]s of the rubric's weight, below the minimum of %[2]s",
		"المؤشرات ذات البيانات تحمل %[1]s من وزن المعيار، دون الحد الأدنى %[2]s"},
	// A failed gate: how the measure breaks the gate's bounds (metric,
	// value, bound), then what it costs (cap, grade).
	"gate.not_reached": {"%[1]s not reached, above the gate's maximum of %[3]s",
		"%[1]s: لم يُبلَغ، فوق الحد الأعلى للشرط %[3]s"},
	"gate.below": {"%[1]s %[2]s is below the gate's minimum of %[3]s",
		"%[1]s: القيمة %[2]s دون الحد الأدنى للشرط %[3]s"},
	"gate.above": {"%[1]s %[2]s is above the gate's maximum of %[3]s",
		"%[1]s: القيمة %[2]s فوق الحد الأعلى للشرط %[3]s"},
	"gate.cap":   {"the overall score at most %[4]s", "الدرجة الكلية لا تتجاوز %[4]s"},
	"gate.grade": {"the grade at most %[5]s", "التقدير لا يتجاوز %[5]s"},
	"gate.cap_grade": {"the overall score at most %[4]s, the grade at most %[5]s",
		"الدرجة الكلية لا تتجاوز %[4]s، والتقدير لا يتجاوز %[5]s"},
	"gate.unscored":  {"the agency has no overall score", "ليس للجهة درجة كلية"},
	"gate.unchecked": {"gate not checked", "لم يُتحقق من الشرط"},
	"withheld.coverage": {"the children with points carry %[1]s of the weight, below the minimum of %[2]s",
		"العناصر ذات النقاط تحمل %[1]s من الوزن، دون الحد الأدنى %[2]s"},
	"withheld.missing": {"a child with weight has no data, and the method withholds the score then",
		"عنصر ذو وزن بلا بيانات، والطريقة تحجب الدرجة حينئذٍ"},
	"reweighted.criteria": {"no data for %[1]s: weights spread over the other criteria",
		"لا بيانات لـ %[1]s: وُزِّعت الأوزان على المؤشرات الأخرى"},
	"reweighted.dimensions": {"no data for %[1]s: weights spread over the other dimensions",
		"لا بيانات لـ %[1]s: وُزِّعت الأوزان على المحاور الأخرى"},
	"zero.node": {"no data for %[1]s: scored 0 points, as the method says",
		"لا بيانات لـ %[1]s: مُنحت 0 نقطة كما تنص الطريقة"},
	"long_silence": {"%[1]s of %[2]s inquiries unanswered for %[3]s days or more; the oldest for %[4]s days",
		"%[1]s من %[2]s استفسارًا بلا رد منذ %[3]s يومًا أو أكثر؛ أقدمها منذ %[4]s يومًا"},
	"broadcast_only": {"official channel only broadcasts: %[1]s", "قناة رسمية للبث فقط: %[1]s"},
	"not_declared.channels": {"no official channels declared: %[1]s have no data",
		"لم يُصرَّح بقنوات رسمية: لا بيانات لـ %[1]s"},
	"not_declared.staffing": {"no staffing declared: %[1]s have no data",
		"لم يُصرَّح بالتوظيف: لا بيانات لـ %[1]s"},
	"nobody_assigned": {"staffing declared at AsOf assigns nobody to read the channels",
		"التوظيف المعلن حتى تاريخ القطع لا يكلّف أحدًا بقراءة القنوات"},
}

// Text returns the flag's detail in the language lang, "en" or "ar": its
// message formatted with its arguments. For a flag without a message in
// this version's catalogue (a report of another version, read back from
// JSON), or another language, it returns Detail, which is in English.
// Arguments are the report's facts (IDs, numbers, channel handles) as they
// are; a page that prints the text makes it safe as it does any text from
// the data.
func (f Flag) Text(lang string) string {
	if f.Message == "" || lang != "en" && lang != "ar" {
		return f.Detail
	}
	text, ok := formatMessage(lang, f.Message, f.Args)
	if !ok {
		return f.Detail
	}
	return text
}

// formatMessage formats the message key in lang with args, and reports
// whether the catalogue has it, in every part.
func formatMessage(lang, key string, args []string) (string, bool) {
	vals := make([]any, len(args))
	for i, a := range args {
		vals[i] = a
	}
	var parts []string
	for part := range strings.SplitSeq(key, "+") {
		m, ok := flagMessages[part]
		if !ok {
			return "", false
		}
		format := m.en
		if lang == "ar" {
			format = m.ar
		}
		if !strings.Contains(format, "%") {
			parts = append(parts, format) // no verbs: Sprintf would append the arguments
			continue
		}
		parts = append(parts, fmt.Sprintf(format, vals...))
	}
	return strings.Join(parts, ": "), true
}
