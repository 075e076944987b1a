package train

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/paddock-ai/paddock/llama"
)

// ulGolden is what trajectory_unlikelihood.json adds to a trajectory: the
// unlikelihood weight and clamp, and each step's micro-batch [ce, ul] terms.
type ulGolden struct {
	Unlikelihood struct {
		Alpha    float64 `json:"alpha"`
		ClampMin float64 `json:"clamp_min"`
	} `json:"unlikelihood"`
	Steps []struct {
		Micro [][2]float64 `json:"micro"`
	} `json:"steps"`
}

// TestUnlikelihoodTrajectoryMatchesPyTorch replays
// tools/reference/unlikelihood_goldens.py: training with
// llama.WithUnlikelihood(0.5) (cross-entropy + 0.5·token-level
// unlikelihood, prompt targets ignored) gives PyTorch's per-step loss and
// gradient norm within 1e-4 relative for every step, and the first step's
// micro-batches split into PyTorch's CE and UL terms.
func TestUnlikelihoodTrajectoryMatchesPyTorch(t *testing.T) {
	data, err := os.ReadFile("testdata/trajectory_unlikelihood.json")
	if err != nil {
		t.Fatal(err)
	}
	var g trajectory
	var ul ulGolden
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &ul); err != nil {
		t.Fatal(err)
	}
	alpha := ul.Unlikelihood.Alpha
	if alpha != 0.5 || ul.Unlikelihood.ClampMin != 1e-5 || len(ul.Steps) == 0 {
		t.Fatalf("golden has alpha %g, clamp %g, %d steps; want 0.5, 1e-5 and terms", alpha, ul.Unlikelihood.ClampMin, len(ul.Steps))
	}
	opt := llama.WithUnlikelihood(float32(alpha))

	// The first step's micro-batches, on the initial weights, term by term.
	m, err := llama.Load("../" + g.Model)
	if err != nil {
		t.Fatal(err)
	}
	s := g.Settings
	tg, err := m.NewTrainGraph(s.Batch, s.Seq, opt)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range ul.Steps[0].Micro {
		b := g.Batches[k]
		loss, err := tg.Step(flat(b[0]), flat(b[1]))
		if err != nil {
			t.Fatal(err)
		}
		ce, u, ok := tg.LossParts()
		if !ok {
			t.Fatal("no loss parts")
		}
		t.Logf("micro-batch %d: ce %.7g (PyTorch %.7g), ul %.7g (PyTorch %.7g)", k, ce, want[0], u, want[1])
		for _, c := range []struct {
			what      string
			got, want float64
		}{{"ce", float64(ce), want[0]}, {"ul", float64(u), want[1]},
			{"loss", float64(loss), want[0] + alpha*want[1]}} {
			if d := math.Abs(c.got-c.want) / math.Abs(c.want); d > 1e-5 {
				t.Errorf("micro-batch %d: %s %g, PyTorch %g (%.2e relative)", k, c.what, c.got, c.want, d)
			}
		}
	}
	tg.Close()

	m, err = llama.Load("../" + g.Model)
	if err != nil {
		t.Fatal(err)
	}
	tr := replay(t, &g, m, opt)
	tr.Close()
}
