package report_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/govscore/govscore/score/report"
)

// exampleReport scores one agency that answers eleven inquiries, each two
// hours after it arrives, with reply curves.
func exampleReport() *score.Report {
	asOf := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ds := model.Dataset{
		Agencies: []model.Agency{{ID: "mof", Name: "Ministry of Finance", Names: map[string]string{"ar": "وزارة المالية"}}},
		Channels: []model.Channel{{ID: "mof-x", AgencyID: "mof", Kind: model.ChannelX, Official: true, AcceptsInquiries: true}},
	}
	for i := range 11 {
		recv := asOf.AddDate(0, 0, -30+i)
		ds.Inquiries = append(ds.Inquiries, model.Inquiry{ID: fmt.Sprint("q", i), AgencyID: "mof", ChannelID: "mof-x",
			Requester: model.RequesterPublic, ReceivedAt: recv, FirstReplyAt: recv.Add(2 * time.Hour), Accuracy: model.AccuracyAccurate})
	}
	sc, err := score.New(rubric.Default(), score.Options{AsOf: asOf, Curves: true})
	if err != nil {
		panic(err)
	}
	rep, err := sc.Score(ds)
	if err != nil {
		panic(err)
	}
	return rep
}

func ExampleWriteCriteriaCSV() {
	var b bytes.Buffer
	if err := report.WriteCriteriaCSV(&b, exampleReport()); err != nil {
		panic(err)
	}
	lines := strings.Split(b.String(), "\n")
	fmt.Println(lines[0])
	fmt.Println(lines[3])
	// Output:
	// agency_id,rank,dimension,criterion,metric,status,value,n,count,censored,pending,ci_low,ci_high,shrunk,points,weight,effective_weight,contribution
	// mof,1,reply_speed,median_reply,reply_time_quantile,scored,2,11,11,0,0,,,,99.4,0.15,0.1875,18.6375
}

func ExampleWriteDimensionsCSV() {
	if err := report.WriteDimensionsCSV(os.Stdout, exampleReport()); err != nil {
		panic(err)
	}
	// Output:
	// agency_id,agency_name,rank,overall,grade,coverage,dimension,weight,effective_weight,score,uncapped,capped_by,contribution
	// mof,Ministry of Finance,1,87.96,exemplary,0.755,reply_speed,0.4,0.4,99.89,,,39.956
	// mof,Ministry of Finance,1,87.96,exemplary,0.755,accuracy,0.25,0.25,100,,,25
	// mof,Ministry of Finance,1,87.96,exemplary,0.755,channel_openness,0.2,0.2,100,,,20
	// mof,Ministry of Finance,1,87.96,exemplary,0.755,staffing,0.15,0.15,20,30,staff_per_channel,3
}

func ExampleWriteMarkdown() {
	var b bytes.Buffer
	if err := report.WriteMarkdown(&b, exampleReport(), report.Options{Lang: "ar"}); err != nil {
		panic(err)
	}
	for _, line := range strings.Split(b.String(), "\n") {
		// The summary's first sentence, and the ranking's first row.
		if strings.HasPrefix(line, "- قُيِّمت") || strings.HasPrefix(line, "| 1 |") {
			fmt.Println(line)
		}
	}
	// Output:
	// - قُيِّمت 1 من 1 جهات: 1 ⁨نموذجي⁩.
	// | 1 | وزارة المالية | 87.96 | نموذجي | 99.89 | 100.00 | 100.00 | 20.00 | بيانات غير كافية، أُعيد توزيع الأوزان، لا بيانات، احتُسب الناقص صفرًا، مؤشر إقصائي، لم يُصرَّح بشيء |
}

func ExampleWriteHTML() {
	var b bytes.Buffer
	if err := report.WriteHTML(&b, exampleReport(), report.Options{Lang: "ar"}); err != nil {
		panic(err)
	}
	page := b.String()
	fmt.Println(strings.Contains(page, `<html lang="ar" dir="rtl">`), strings.Count(page, `class="km"`), strings.Contains(page, `<bdi class="d">وزارة المالية</bdi>`))
	// Output:
	// true 1 true
}

func ExampleCSVOptions() {
	rep := exampleReport()
	rep.Agencies[0].AgencyID = "=1+1" // an ID a spreadsheet would run as a formula
	for _, opts := range []report.CSVOptions{{}, {Raw: true}} {
		var b bytes.Buffer
		if err := opts.WriteDimensions(&b, rep); err != nil {
			panic(err)
		}
		fmt.Println(strings.Split(b.String(), "\n")[1])
	}
	// Output:
	// '=1+1,Ministry of Finance,1,87.96,exemplary,0.755,reply_speed,0.4,0.4,99.89,,,39.956
	// =1+1,Ministry of Finance,1,87.96,exemplary,0.755,reply_speed,0.4,0.4,99.89,,,39.956
}
