package train

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	"github.com/paddock-ai/paddock/llama"
)

type loraTrajectory struct {
	trajectory
	LoRA struct {
		R       int      `json:"r"`
		Alpha   float64  `json:"alpha"`
		Dropout float64  `json:"dropout"`
		Targets []string `json:"targets"`
	} `json:"lora"`
	InitA map[string][][]float64 `json:"lora_A"`
	Final map[string][][]float64 `json:"final"`
}

// setTensor copies a golden matrix into p, checking its shape.
func setTensor(t *testing.T, p llama.Param, rows [][]float64) {
	t.Helper()
	if len(rows) != p.Shape[0] || len(rows[0]) != p.Shape[1] {
		t.Fatalf("%s: golden is %d×%d, adapter %v", p.Name, len(rows), len(rows[0]), p.Shape)
	}
	for i, r := range rows {
		for j, v := range r {
			p.Data[i*p.Shape[1]+j] = float32(v)
		}
	}
}

// TestLoRATrajectoryMatchesPyTorch replays tools/reference/lora_goldens.py:
// a PEFT-style adapter (r=4, alpha=8, q_proj and v_proj, no dropout) on the
// frozen gqa golden model, starting from the golden's A and zero B, trained
// by AdamW with the train_goldens.py settings, gives the same per-step loss
// and gradient norm within 1e-4 relative.
func TestLoRATrajectoryMatchesPyTorch(t *testing.T) {
	data, err := os.ReadFile("testdata/trajectory_lora.json")
	if err != nil {
		t.Fatal(err)
	}
	var g loraTrajectory
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	m, err := llama.Load("../" + g.Model)
	if err != nil {
		t.Fatal(err)
	}
	base := snapshot(m)
	lc := llama.LoRAConfig{R: g.LoRA.R, Alpha: g.LoRA.Alpha, Dropout: g.LoRA.Dropout, Targets: g.LoRA.Targets}
	l, err := llama.NewLoRA(m.Config, lc, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	nA := 0
	for _, p := range l.Params() {
		if rows, ok := g.InitA[p.Name]; ok {
			setTensor(t, p, rows)
			nA++
		}
	}
	if nA != len(l.Params())/2 || len(g.InitA) != nA {
		t.Fatalf("golden has %d A tensors, the adapter %d", len(g.InitA), len(l.Params())/2)
	}
	tr := replay(t, &g.trajectory, m, llama.WithLoRA(l, nil))
	defer tr.Close()
	// The adapter after the last step, relative to its largest value.
	var worstW float64
	for _, p := range l.Params() {
		var scale, d float64
		for i, row := range g.Final[p.Name] {
			for j, v := range row {
				scale = math.Max(scale, math.Abs(v))
				d = math.Max(d, math.Abs(float64(p.Data[i*p.Shape[1]+j])-v))
			}
		}
		worstW = math.Max(worstW, d/scale)
	}
	t.Logf("final adapter: max difference %.2e of its largest value", worstW)
	if worstW > 1e-3 {
		t.Errorf("final adapter differs from PyTorch's by %.2e of its largest value (tolerance 1e-3)", worstW)
	}
	if !sameWeights(base, m) {
		t.Error("LoRA training changed the frozen base weights")
	}
}

// snapshot copies every base weight of m.
func snapshot(m *llama.Model) [][]float32 {
	var out [][]float32
	for _, p := range m.Weights.Params(m.Config) {
		out = append(out, slices.Clone(p.Data))
	}
	return out
}

// sameWeights reports whether m's weights equal a snapshot bit for bit.
func sameWeights(snap [][]float32, m *llama.Model) bool {
	for i, p := range m.Weights.Params(m.Config) {
		for j, v := range p.Data {
			if math.Float32bits(v) != math.Float32bits(snap[i][j]) {
				return false
			}
		}
	}
	return true
}

// TestLoRATrainsOnlyAdapter: with dropout and weight decay, every step
// changes every LoRA tensor (A from the second step on, once B is nonzero)
// and leaves every base weight, norms and embedding included, bit-exact.
func TestLoRATrainsOnlyAdapter(t *testing.T) {
	m := tinyModel(t)
	base := snapshot(m)
	l, err := llama.NewLoRA(m.Config, llama.LoRAConfig{R: 4, Dropout: 0.1, Targets: llama.LoRAModules()}, rand.New(rand.NewPCG(3, 3)))
	if err != nil {
		t.Fatal(err)
	}
	if l.Config.Dropout != 0.1 || l.Config.Alpha != 32 {
		t.Fatalf("defaults not applied: %+v", l.Config)
	}
	before := make([][]float32, 0)
	for _, p := range l.Params() {
		before = append(before, slices.Clone(p.Data))
	}
	const steps = 3
	tr, err := New(m, 2, 6, Config{LR: 1e-2, WeightDecay: 0.1, Steps: steps}, llama.WithLoRA(l, rand.New(rand.NewPCG(4, 4))))
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Close()
	for _, b := range randomBatches(steps, 2, 6, m.Config.VocabSize, 11) {
		mt, err := tr.Step([]Batch{b})
		if err != nil {
			t.Fatal(err)
		}
		if !sameWeights(base, m) {
			t.Fatalf("step %d changed the frozen base weights", tr.StepCount())
		}
		if mt.GradNorm == 0 {
			t.Fatalf("step %d: zero gradient", tr.StepCount())
		}
	}
	for i, p := range l.Params() {
		if slices.Equal(p.Data, before[i]) {
			t.Errorf("%s did not change in %d steps", p.Name, steps)
		}
	}
	share := l.TrainableShare(m.Config)
	t.Logf("%v", share)
	var trained int64
	for _, p := range tr.params {
		trained += int64(len(p.Data))
	}
	if trained != share.Trainable {
		t.Errorf("trainer updates %d values, the adapter has %d", trained, share.Trainable)
	}
}

// TestLoRADeterministic: the same adapter seed, dropout seed and data give
// bit-identical metrics.
func TestLoRADeterministic(t *testing.T) {
	run := func() []Metrics {
		m := tinyModel(t)
		l, err := llama.NewLoRA(m.Config, llama.LoRAConfig{R: 2, Dropout: 0.2}, rand.New(rand.NewPCG(5, 5)))
		if err != nil {
			t.Fatal(err)
		}
		tr, err := New(m, 2, 5, Config{LR: 3e-3, Steps: 4}, llama.WithLoRA(l, rand.New(rand.NewPCG(6, 6))))
		if err != nil {
			t.Fatal(err)
		}
		defer tr.Close()
		return stepAll(t, tr, randomBatches(4, 2, 5, m.Config.VocabSize, 12))
	}
	a, b := run(), run()
	if !slices.Equal(a, b) {
		t.Fatalf("%+v then %+v", a, b)
	}
}
