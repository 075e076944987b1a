package quality

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAgreeKappa uses the worked example of Cohen's kappa in Wikipedia's
// "Cohen's kappa" article: two raters, 50 items, 20 yes/yes, 5 yes/no, 10
// no/yes and 15 no/no, so p_o = 0.7, p_e = 0.5 and kappa = 0.4. Here the
// automatic filter is the first rater (drop = yes), the human the second.
func TestAgreeKappa(t *testing.T) {
	var b strings.Builder
	b.WriteString("\ufeffid,source,decision,reason,prompt,response,verdict\n") // a spreadsheet's BOM
	id := 0
	row := func(n int, decision, reason, verdict string) {
		for range n {
			id++
			fmt.Fprintf(&b, "%d,f:line %d,%s,%s,\"a prompt, with a comma\",\"a response\nover two lines\",%s\n", id, id, decision, reason, verdict)
		}
	}
	row(12, "drop", "too_short", "drop")
	row(8, "drop", "repetition", "BAD")
	row(3, "drop", "too_short", "keep")
	row(2, "drop", "repetition", " ok ")
	row(10, "keep", "", "drop")
	row(15, "keep", "", "Keep")
	row(3, "keep", "", "") // not reviewed
	path := filepath.Join(t.TempDir(), "spotcheck.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := ReadAgreement(path)
	if err != nil {
		t.Fatal(err)
	}
	if a.Rows != 53 || a.Reviewed != 50 || a.Agreed != 35 || a.Confusion != [2][2]int{{15, 10}, {5, 20}} {
		t.Errorf("rows %d reviewed %d agreed %d confusion %v", a.Rows, a.Reviewed, a.Agreed, a.Confusion)
	}
	if math.Abs(a.Overall-0.7) > 1e-12 || math.Abs(a.Kappa-0.4) > 1e-12 {
		t.Errorf("agreement %v, kappa %v; want 0.7 and 0.4", a.Overall, a.Kappa)
	}
	want := []GroupAgreement{
		{Keep, 28, 25, 15, 0.6}, {ReasonTooShort, 15, 15, 12, 0.8}, {ReasonRepetition, 10, 10, 8, 0.8},
	}
	if len(a.Groups) != len(want) {
		t.Fatalf("groups %+v", a.Groups)
	}
	for i, g := range a.Groups {
		if g.Group != want[i].Group || g.Rows != want[i].Rows || g.Reviewed != want[i].Reviewed ||
			g.Confirmed != want[i].Confirmed || math.Abs(g.Precision-want[i].Precision) > 1e-12 {
			t.Errorf("group %+v, want %+v", g, want[i])
		}
	}
}

func TestAgreeEdgeCases(t *testing.T) {
	// One answer throughout from both raters: kappa is undefined.
	a, err := Agree(strings.NewReader("decision,verdict\nkeep,keep\nkeep,ok\n"))
	if err != nil || a.Overall != 1 || !math.IsNaN(a.Kappa) {
		t.Errorf("constant raters: %+v, %v", a, err)
	}
	// Nothing reviewed.
	if a, err := Agree(strings.NewReader("decision,verdict\ndrop,\n")); err != nil || !math.IsNaN(a.Overall) || !math.IsNaN(a.Groups[0].Precision) {
		t.Errorf("unreviewed: %+v, %v", a, err)
	}
	for _, c := range []struct{ csv, want string }{
		{"decision,verdict\nkeep,keep\ndrop,maybe\n", `line 3: verdict "maybe"`},
		{"decision,verdict\nkept,keep\n", `line 2: decision "kept"`},
		{"id,decision\n1,keep\n", "no verdict column"},
		{"", "header"},
	} {
		if _, err := Agree(strings.NewReader(c.csv)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: err %v, want %q", c.csv, err, c.want)
		}
	}
	if _, err := ReadAgreement(filepath.Join(t.TempDir(), "missing.csv")); err == nil || !strings.HasPrefix(err.Error(), "quality: ") {
		t.Errorf("missing file: %v", err)
	}
}

// TestSpotcheckRoundTrip: the CSV Run writes reads back with no verdicts.
func TestSpotcheckRoundTrip(t *testing.T) {
	env := &testEnv{dir: t.TempDir(), seed: 3}
	if err := Run(stageConfig(t, "skip"), env); err != nil {
		t.Fatal(err)
	}
	a, err := ReadAgreement(filepath.Join(env.dir, SpotcheckCSV))
	if err != nil {
		t.Fatal(err)
	}
	if a.Rows != 9 || a.Reviewed != 0 || len(a.Groups) != 8 {
		t.Errorf("%+v", a)
	}
}
