package reward

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/ops"
)

// goldenScores is reward/testdata/golden/scores.json, written by
// tools/reference/reward_goldens.py (PyTorch, float64).
type goldenScores struct {
	Tolerance float64 `json:"tolerance"`
	Pad       int     `json:"pad_token_id"`
	Margin    float64 `json:"margin"`
	Center    float64 `json:"center"`
	Sequences []struct {
		IDs   []int   `json:"ids"`
		Score float64 `json:"score"`
	} `json:"sequences"`
	Loss  float64              `json:"loss"`
	Grads map[string][]float64 `json:"grads"`
}

func readGoldenScores(t *testing.T) (*Model, goldenScores) {
	t.Helper()
	b, err := os.ReadFile("testdata/golden/scores.json")
	if err != nil {
		t.Fatal(err)
	}
	var g goldenScores
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	if g.Tolerance <= 0 || g.Tolerance > 1e-4 || len(g.Sequences) < 2 || len(g.Sequences)%2 != 0 {
		t.Fatalf("golden: tolerance %g and %d sequences: not usable", g.Tolerance, len(g.Sequences))
	}
	m, err := Load("testdata/golden")
	if err != nil {
		t.Fatal(err)
	}
	return m, g
}

// TestGoldenScores: the scores of sequences of different lengths, run as
// one batch and one by one, match the PyTorch reference of HF's
// LlamaForSequenceClassification within 1e-4.
func TestGoldenScores(t *testing.T) {
	m, g := readGoldenScores(t)
	var seqs [][]int
	for _, s := range g.Sequences {
		seqs = append(seqs, s.IDs)
	}
	got, err := m.Scores(seqs)
	if err != nil {
		t.Fatal(err)
	}
	var worst float64
	for i, s := range g.Sequences {
		alone, err := m.Scores([][]int{s.IDs})
		if err != nil {
			t.Fatal(err)
		}
		worst = max(worst, math.Abs(got[i]-s.Score), math.Abs(alone[0]-s.Score))
	}
	t.Logf("max |Δscore| = %.3g over %d sequences (tolerance %g)", worst, len(seqs), g.Tolerance)
	if worst > g.Tolerance {
		t.Errorf("max |Δscore| = %g exceeds %g", worst, g.Tolerance)
	}
}

// TestGoldenPairwiseLoss: the training graph's pairwise loss and the
// gradients of score.weight and model.norm.weight on the golden pairs
// match the PyTorch reference (TRL's loss with margin and centring).
func TestGoldenPairwiseLoss(t *testing.T) {
	m, g := readGoldenScores(t)
	B, T := len(g.Sequences), 0
	for _, s := range g.Sequences {
		T = max(T, len(s.IDs))
	}
	var ids, targets []int
	for _, s := range g.Sequences {
		for i := range T {
			id, tgt := g.Pad, -100
			if i < len(s.IDs) {
				id = s.IDs[i]
			}
			if i == len(s.IDs)-1 {
				tgt = 0
			}
			ids, targets = append(ids, id), append(targets, tgt)
		}
	}
	pairs := &ops.Pairs{Margin: float32(g.Margin), Center: float32(g.Center)}
	tg, err := m.LLaMA.NewTrainGraph(B, T, llama.WithRewardHead(m.Score, pairs))
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	loss, err := tg.Step(ids, targets)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loss %.7g, golden %.7g", loss, g.Loss)
	if math.Abs(float64(loss)-g.Loss) > g.Tolerance {
		t.Errorf("loss %g, golden %g", loss, g.Loss)
	}
	if got := PairLoss(pairs.Rewards(), g.Margin, g.Center); math.Abs(got-g.Loss) > g.Tolerance {
		t.Errorf("PairLoss of the graph's rewards %g, golden %g", got, g.Loss)
	}
	grads, err := tg.Grads()
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range tg.Params {
		want, ok := g.Grads[p.Name]
		if !ok {
			continue
		}
		delete(g.Grads, p.Name)
		for j, w := range want {
			if d := math.Abs(float64(grads[i][j]) - w); d > g.Tolerance*(1+math.Abs(w)) {
				t.Errorf("d%s[%d] = %g, golden %g", p.Name, j, grads[i][j], w)
			}
		}
	}
	if len(g.Grads) > 0 {
		t.Errorf("golden gradients of %v not among the graph's parameters", g.Grads)
	}
}
