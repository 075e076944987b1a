package expmain

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/experiment"
)

func TestWriteReport(t *testing.T) {
	exp, err := experiment.Parse("x.toml", []byte("[run]\nname = \"r\"\n[[stage]]\nkind = \"pretrain\"\ndata = [\"x.txt\"]\ntokenizer = \"t\"\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	run, err := experiment.NewRun(exp, filepath.Join(t.TempDir(), "run"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer run.Close()
	for step := range 5 {
		m := map[string]float64{"objective/scores": float64(step), "objective/kl": math.NaN()}
		if step > 0 {
			m["objective/kl"] = 0.1 * float64(step)
		}
		if err := run.Log(0, step, m); err != nil {
			t.Fatal(err)
		}
	}
	figs := []Figure{{Metric: "objective/scores", Stage: -1, File: "scores.png"}, {Metric: "objective/kl", Stage: 0, Smooth: 0.5, File: "kl.svg"}}
	if err := writeReport(run, figs, []string{"objective/scores", "objective/kl"}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"figures/scores.png", "figures/kl.svg"} {
		if st, err := os.Stat(filepath.Join(run.Path, f)); err != nil || st.Size() < 1000 {
			t.Errorf("%s: %v", f, err)
		}
	}
	md, err := os.ReadFile(filepath.Join(run.Path, "summary.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "objective/scores") || !strings.Contains(string(md), "|     4 |") {
		t.Errorf("summary.md:\n%s", md)
	}
	if err := writeReport(run, []Figure{{Metric: "eval/missing", Stage: -1, File: "x.png"}}, nil); err == nil {
		t.Error("a missing metric: no error")
	}
}
