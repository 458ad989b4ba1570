package report_test

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/score/report"
)

// chromium returns the path of a headless-capable Chromium, or skips the
// test when there is none, unless GOVSCORE_REQUIRE_BROWSER=1, when it
// fails.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("GOVSCORE_REQUIRE_BROWSER") == "1" {
		t.Fatal("GOVSCORE_REQUIRE_BROWSER=1 but neither chromium nor chromium-browser is on PATH")
	}
	t.Skip("no chromium on PATH; apt-get install chromium to run the browser check")
	return ""
}

// runChromium runs a headless Chromium with args after its fixed flags and
// returns its standard output.
func runChromium(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "chromium %s: %s", strings.Join(args, " "), stderr.String())
	return stdout.Bytes()
}

// TestBrowser loads the HTML report in English and Arabic in headless
// Chromium, checks that the rendered DOM has the charts, and takes a
// screenshot. Set GOVSCORE_SCREENSHOT_DIR to keep the screenshots.
func TestBrowser(t *testing.T) {
	bin := chromium(t)
	rep := fixtureReport(t)
	for _, lang := range []string{"en", "ar"} {
		t.Run(lang, func(t *testing.T) {
			dir := t.TempDir()
			url := writePage(t, filepath.Join(dir, "report_"+lang+".html"), func(b *bytes.Buffer) error {
				return report.WriteHTML(b, rep, report.Options{Lang: lang})
			})

			dom := string(runChromium(t, bin, "--dump-dom", url))
			assert.GreaterOrEqual(t, strings.Count(dom, "<svg"), 3, "svg elements")
			for _, id := range []string{`id="ranking"`, `id="contributions"`, `id="curves"`} {
				assert.Contains(t, dom, id)
			}
			assert.Equal(t, 4, strings.Count(dom, `class="score"`), "ranking bars")
			assert.Equal(t, 4, strings.Count(dom, `class="km"`), "reply curves")
			if lang == "ar" {
				assert.Contains(t, dom, `dir="rtl"`)
			}

			shot := filepath.Join(dir, "report_"+lang+".png")
			runChromium(t, bin, "--screenshot="+shot, "--window-size=1200,2000", url)
			f, err := os.Open(shot)
			require.NoError(t, err, "no screenshot")
			defer f.Close()
			img, err := png.Decode(f)
			require.NoError(t, err)
			bounds := img.Bounds()
			assert.Equal(t, 1200, bounds.Dx(), "screenshot width")
			// A page with charts has many colours; a blank or error page few.
			colors := map[uint32]bool{}
			for y := bounds.Min.Y; y < bounds.Max.Y; y += 7 {
				for x := bounds.Min.X; x < bounds.Max.X; x += 7 {
					r, g, bl, _ := img.At(x, y).RGBA()
					colors[r>>8<<16|g>>8<<8|bl>>8] = true
				}
			}
			assert.Greater(t, len(colors), 50, "distinct colours in the screenshot")
			if keep := os.Getenv("GOVSCORE_SCREENSHOT_DIR"); keep != "" {
				png, err := os.ReadFile(shot)
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(filepath.Join(keep, "report_"+lang+".png"), png, 0o644))
			}
		})
	}
}

// TestTrendBrowser loads the trend page in English and Arabic in headless
// Chromium and checks the rendered DOM's panels and points. Set
// GOVSCORE_SCREENSHOT_DIR to keep screenshots.
func TestTrendBrowser(t *testing.T) {
	bin := chromium(t)
	tr := moversTrend(t)
	for _, lang := range []string{"en", "ar"} {
		t.Run(lang, func(t *testing.T) {
			url := writePage(t, filepath.Join(t.TempDir(), "trend_"+lang+".html"), func(b *bytes.Buffer) error {
				return report.WriteTrendHTML(b, tr, report.Options{Lang: lang})
			})
			dom := string(runChromium(t, bin, "--dump-dom", url))
			assert.Equal(t, 2, strings.Count(dom, `class="panel"`))
			assert.Equal(t, 4, strings.Count(dom, "<circle"))
			if keep := os.Getenv("GOVSCORE_SCREENSHOT_DIR"); keep != "" {
				runChromium(t, bin, "--screenshot="+filepath.Join(keep, "trend_"+lang+".png"), "--window-size=1100,1400", url)
			}
		})
	}
}

// writePage writes the page write renders to path and returns its URL.
func writePage(t *testing.T, path string, write func(*bytes.Buffer) error) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, write(&b))
	require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
	return "file://" + path
}

// TestPrintPDF prints the HTML report to PDF with headless Chromium, in
// English and Arabic, and reads the PDF back with pdftotext (Debian's
// poppler-utils): it is paginated on A4, the summary comes first, and the
// text is there, Arabic included. It skips without Chromium or pdftotext,
// unless GOVSCORE_REQUIRE_BROWSER=1.
func TestPrintPDF(t *testing.T) {
	bin := chromium(t)
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("GOVSCORE_REQUIRE_BROWSER") == "1" {
			t.Fatal("GOVSCORE_REQUIRE_BROWSER=1 but pdftotext is not on PATH (apt-get install poppler-utils)")
		}
		t.Skip("no pdftotext on PATH; apt-get install poppler-utils to run the print check")
	}
	rep := fixtureReport(t)
	std := fixtureRubric()
	for _, lang := range []string{"en", "ar"} {
		t.Run(lang, func(t *testing.T) {
			dir := t.TempDir()
			url := writePage(t, filepath.Join(dir, "report.html"), func(b *bytes.Buffer) error {
				return report.WriteHTML(b, rep, report.Options{Lang: lang, Rubric: &std})
			})
			pdf := filepath.Join(dir, "report.pdf")
			runChromium(t, bin, "--no-pdf-header-footer", "--print-to-pdf="+pdf, url)
			data, err := os.ReadFile(pdf)
			require.NoError(t, err, "no PDF")
			require.True(t, bytes.HasPrefix(data, []byte("%PDF-")), "not a PDF")

			out, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
			require.NoError(t, err)
			text := string(out)
			pages := strings.Split(strings.TrimRight(text, "\f"), "\f")
			assert.GreaterOrEqual(t, len(pages), 3, "pages")
			info, err := exec.Command(filepath.Join(filepath.Dir(pdftotext), "pdfinfo"), pdf).Output()
			require.NoError(t, err)
			assert.Contains(t, string(info), "pts (A4)", "A4 pages")
			if lang == "en" {
				s, r := strings.Index(text, "In brief"), strings.Index(text, "Ranking")
				assert.True(t, s >= 0 && s < r, "the summary comes first")
				assert.Contains(t, pages[len(pages)-1]+pages[max(0, len(pages)-2)], "Method", "the methodology at the end")
				assert.Contains(t, text, "Swift Ministry")
			} else {
				// pdftotext may give Arabic in visual order; count Arabic
				// letters, base or presentation forms, instead.
				arabic := 0
				for _, r := range text {
					if r >= 0x0600 && r <= 0x06FF || r >= 0xFB50 && r <= 0xFEFF {
						arabic++
					}
				}
				assert.Greater(t, arabic, 2000, "Arabic letters in the PDF's text")
				// The summary's second sentence says who ranks first: "في
				// المرتبة الأولى". (Its heading, خلاصة, comes back with its
				// lam-alef ligature decomposed.)
				assert.Contains(t, pages[0], "المرتبة", "the summary on the first page")
			}
			for i, p := range pages {
				assert.NotEmpty(t, strings.TrimSpace(p), "page %d is blank", i+1)
			}
		})
	}
}
