package llama

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paddock-ai/paddock/ops"
)

// rewardBatch is B right-padded rows of T ids with the given lengths and
// targets that mark each row's last real token.
func rewardBatch(r *rand.Rand, T, vocab int, lengths []int) (ids, targets []int) {
	for _, n := range lengths {
		for t := range T {
			id, tgt := 0, -100
			if t < n {
				id = 1 + r.IntN(vocab-1)
			}
			if t == n-1 {
				tgt = 0
			}
			ids, targets = append(ids, id), append(targets, tgt)
		}
	}
	return ids, targets
}

// referenceRewardLoss computes the rewards from Hidden and the pairwise
// loss in float64.
func referenceRewardLoss(t *testing.T, m *Model, score []float32, ids []int, T int, lengths []int, margin, center float64) (float64, []float64) {
	t.Helper()
	B, C := len(lengths), m.Config.Hidden
	h, err := m.Hidden(ids, B, T, lengths)
	if err != nil {
		t.Fatal(err)
	}
	rewards := make([]float64, B)
	for b, n := range lengths {
		for c := range C {
			rewards[b] += float64(h[(b*T+n-1)*C+c]) * float64(score[c])
		}
	}
	var loss float64
	for k := 0; k < B; k += 2 {
		d := rewards[k] - rewards[k+1] - margin
		loss += math.Log1p(math.Exp(-d)) + center*(rewards[k]+rewards[k+1])*(rewards[k]+rewards[k+1])
	}
	return loss / float64(B/2), rewards
}

func randomScore(r *rand.Rand, C int) []float32 {
	s := make([]float32, C)
	for i := range s {
		s[i] = float32(r.NormFloat64() * 0.3)
	}
	return s
}

// TestRewardHeadMatchesHidden: the reward graph's loss and rewards equal
// those computed from the inference pass (Hidden · score), its gradients
// match finite differences of that reference, and its parameters are the
// model's (no lm_head) then score.weight.
func TestRewardHeadMatchesHidden(t *testing.T) {
	for _, tied := range []bool{false, true} {
		c := tinyConfig()
		c.TieWordEmbedding = tied
		m := tinyModel(t, c, 51)
		r := rand.New(rand.NewPCG(5, 5))
		const T = 7
		lengths := []int{7, 3, 5, 1}
		ids, targets := rewardBatch(r, T, c.VocabSize, lengths)
		score := randomScore(r, c.Hidden)
		pairs := &ops.Pairs{Margin: 0.1, Center: 0.05}
		tg, err := m.NewTrainGraph(len(lengths), T, WithRewardHead(score, pairs))
		if err != nil {
			t.Fatal(err)
		}
		if tg.Logits != nil {
			t.Error("the reward graph has logits")
		}
		last := tg.Params[len(tg.Params)-1]
		if last.Name != ScoreWeight || &last.Data[0] != &score[0] || len(tg.Params) != len(m.Weights.Params(c))-map[bool]int{false: 1, true: 0}[tied]+1 {
			t.Fatalf("tied=%v: %d params ending in %s: want the model's without lm_head, then score.weight sharing score", tied, len(tg.Params), last.Name)
		}
		for _, p := range tg.Params {
			if p.Name == "lm_head.weight" {
				t.Fatal("lm_head.weight is trainable in a reward graph")
			}
		}
		loss, err := tg.Step(ids, targets)
		if err != nil {
			t.Fatal(err)
		}
		want, rewards := referenceRewardLoss(t, m, score, ids, T, lengths, 0.1, 0.05)
		if math.Abs(float64(loss)-want) > 1e-5*(1+want) {
			t.Errorf("tied=%v: loss %g, reference %g", tied, loss, want)
		}
		for i, v := range pairs.Rewards() {
			if math.Abs(float64(v)-rewards[i]) > 1e-5 {
				t.Errorf("tied=%v: reward %d is %g, reference %g", tied, i, v, rewards[i])
			}
		}
		grads, err := tg.Grads()
		if err != nil {
			t.Fatal(err)
		}
		for _, pi := range []int{0, 2, 7, len(tg.Params) - 2, len(tg.Params) - 1} {
			p := tg.Params[pi]
			for _, j := range []int{0, len(p.Data) / 2, len(p.Data) - 1} {
				old := p.Data[j]
				const h = 1e-2
				p.Data[j] = old + h
				lp, _ := referenceRewardLoss(t, m, score, ids, T, lengths, 0.1, 0.05)
				p.Data[j] = old - h
				lm, _ := referenceRewardLoss(t, m, score, ids, T, lengths, 0.1, 0.05)
				p.Data[j] = old
				fd := (lp - lm) / (2 * h)
				if g := float64(grads[pi][j]); math.Abs(g-fd) > 1e-3+2e-2*math.Abs(fd) {
					t.Errorf("tied=%v %s[%d]: gradient %g, finite differences %g", tied, p.Name, j, g, fd)
				}
			}
		}
		tg.Close()
	}
}

// TestRewardHeadWithLoRA: with an adapter the trainable tensors are the
// adapter's then score.weight, and a fresh adapter gives the base rewards.
func TestRewardHeadWithLoRA(t *testing.T) {
	c := tinyConfig()
	m := tinyModel(t, c, 52)
	r := rand.New(rand.NewPCG(6, 6))
	const T = 6
	lengths := []int{6, 2}
	ids, targets := rewardBatch(r, T, c.VocabSize, lengths)
	score := randomScore(r, c.Hidden)
	l, err := NewLoRA(c, LoRAConfig{R: 2, Alpha: 4, Targets: []string{"q_proj", "v_proj"}}, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	pairs := &ops.Pairs{}
	tg, err := m.NewTrainGraph(2, T, WithLoRA(l, nil), WithRewardHead(score, pairs))
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	if n := len(l.Params()); len(tg.Params) != n+1 || tg.Params[n].Name != ScoreWeight {
		t.Fatalf("%d params, want the adapter's %d then score.weight", len(tg.Params), n)
	}
	loss, err := tg.Step(ids, targets)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := referenceRewardLoss(t, m, score, ids, T, lengths, 0, 0)
	if math.Abs(float64(loss)-want) > 1e-5*(1+want) {
		t.Errorf("loss %g with a fresh adapter, base model %g", loss, want)
	}
	grads, err := tg.Grads()
	if err != nil {
		t.Fatal(err)
	}
	var norm float64
	for _, g := range grads[len(grads)-1] {
		norm += float64(g) * float64(g)
	}
	if norm == 0 {
		t.Error("score.weight has no gradient")
	}
}

func TestRewardHeadErrors(t *testing.T) {
	c := tinyConfig()
	m := tinyModel(t, c, 53)
	if _, err := m.NewTrainGraph(3, 4, WithRewardHead(make([]float32, c.Hidden), &ops.Pairs{})); err == nil {
		t.Error("3 rows gave no error")
	}
	if _, err := m.NewTrainGraph(2, 4, WithRewardHead(make([]float32, c.Hidden-1), &ops.Pairs{})); err == nil {
		t.Error("a score of the wrong size gave no error")
	}
	if _, err := m.NewTrainGraph(2, 4, WithRewardHead(make([]float32, c.Hidden), nil)); err == nil {
		t.Error("nil pairs gave no error")
	}
	tg, err := m.NewTrainGraph(2, 4, WithRewardHead(make([]float32, c.Hidden), &ops.Pairs{}))
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	if _, err := tg.Step(make([]int, 8), []int{0, -100, -100, -100, -100, -100, -100, -100}); err == nil {
		t.Error("a row without a marked token gave no error")
	}
}
