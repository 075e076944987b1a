package policy

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/ops"
	"github.com/paddock-ai/paddock/train"
)

// tinyModel is a small GQA model with weights large enough that the
// next-token distributions are far from uniform.
func tinyModel(t testing.TB, seed uint64) *llama.Model {
	t.Helper()
	c := llama.Config{VocabSize: 61, Hidden: 32, Intermediate: 48, Layers: 2, Heads: 4, KVHeads: 2,
		NormEps: 1e-5, RopeTheta: 10000, MaxPositions: 64}
	r := rand.New(rand.NewPCG(seed, 1))
	w := llama.RandomWeights(c, r)
	for _, p := range w.Params(c) {
		for i := range p.Data {
			if len(p.Shape) == 2 {
				p.Data[i] *= 10
			} else {
				p.Data[i] += float32(r.NormFloat64() * 0.1)
			}
		}
	}
	m, err := llama.New(c, w)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// testPolicy is a policy on a tiny model: full fine-tuning, or a LoRA
// adapter on q, v and down projections whose B is drawn non-zero so that
// the adapter changes the model. Its value head is random.
func testPolicy(t testing.TB, lora bool, seed uint64) *Policy {
	t.Helper()
	m := tinyModel(t, seed)
	r := rand.New(rand.NewPCG(seed, 9))
	cfg := Config{ValueInit: make([]float32, m.Config.Hidden)}
	for i := range cfg.ValueInit {
		cfg.ValueInit[i] = float32(r.NormFloat64() * 0.3)
	}
	if lora {
		cfg.LoRA = &llama.LoRAConfig{R: 4, Alpha: 8, Targets: []string{"q_proj", "v_proj", "down_proj"}}
	}
	p, err := New(m, cfg, r)
	if err != nil {
		t.Fatal(err)
	}
	if lora {
		for _, layer := range p.LoRA.Layers {
			for _, a := range layer {
				for j := range a.B {
					a.B[j] = float32(r.NormFloat64() * 0.1)
				}
			}
		}
	}
	return p
}

// episodes draws sequences of the given lengths and prompt lengths.
func episodes(r *rand.Rand, vocab int, lens, prompts []int) [][]int {
	var seqs [][]int
	for _, n := range lens {
		s := make([]int, n)
		for i := range s {
			s[i] = r.IntN(vocab)
		}
		seqs = append(seqs, s)
	}
	return seqs
}

// decoderLogProbs runs m's KV-cache decoder over each sequence one token
// at a time and returns the log-probability (float64 log-softmax) of each
// response token.
func decoderLogProbs(t *testing.T, m *llama.Model, seqs [][]int, prompts []int) [][]float64 {
	t.Helper()
	out := make([][]float64, len(seqs))
	for k, s := range seqs {
		d, err := m.NewDecoder(1, len(s))
		if err != nil {
			t.Fatal(err)
		}
		for pos := 0; pos < len(s)-1; pos++ {
			logits, err := d.Feed([][]int{{s[pos]}}, false)
			if err != nil {
				t.Fatal(err)
			}
			if pos < prompts[k]-1 {
				continue
			}
			row := logits[0]
			mx := math.Inf(-1)
			for _, v := range row {
				mx = math.Max(mx, float64(v))
			}
			var z float64
			for _, v := range row {
				z += math.Exp(float64(v) - mx)
			}
			out[k] = append(out[k], float64(row[s[pos+1]])-mx-math.Log(z))
		}
	}
	return out
}

// graphLogProbs runs the PPO training graph of p on the sequences, one per
// right-padded row of T tokens, and returns the new log-probabilities and
// values of its PPOStats at the response positions.
func graphLogProbs(t *testing.T, p *Policy, seqs [][]int, prompts []int, T int) (logp, values [][]float32) {
	t.Helper()
	B := len(seqs)
	d := ops.NewPPOData(B * T)
	tg, err := p.Model.NewTrainGraph(B, T, p.TrainOptions(d, ops.DefaultPPOLossConfig(), nil)...)
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	ids := make([]int, B*T)
	for k, s := range seqs {
		copy(ids[k*T:], s)
		for pos := prompts[k] - 1; pos < len(s)-1; pos++ {
			d.Action[k*T+pos] = s[pos+1]
		}
	}
	if _, err := tg.Step(ids, d.Action); err != nil {
		t.Fatal(err)
	}
	st := tg.PPOStats()
	for k, s := range seqs {
		lo, hi := k*T+prompts[k]-1, k*T+len(s)-1
		logp = append(logp, slices.Clone(st.LogProbs[lo:hi]))
		values = append(values, slices.Clone(st.Values[lo:hi]))
	}
	return logp, values
}

func maxDiff[A, B float32 | float64](a [][]A, b [][]B) float64 {
	var d float64
	for k := range a {
		if len(a[k]) != len(b[k]) {
			return math.Inf(1)
		}
		for j := range a[k] {
			d = math.Max(d, math.Abs(float64(a[k][j])-float64(b[k][j])))
		}
	}
	return d
}

// TestLogProbsAgree is the contract between training and decoding: the
// log-probabilities of the same response tokens from (a) the PPO training
// graph (llama.WithPPOHead's PPOStats), (b) LogProbs (the batched
// inference pass) and (c) the KV-cache decoder fed one token at a time
// agree within 1e-4, for full fine-tuning and for a LoRA adapter with
// non-zero B (which changes the log-probabilities by far more); the
// values of (a) and Values agree too, and RefLogProbs is the base model's.
func TestLogProbsAgree(t *testing.T) {
	for _, lora := range []bool{false, true} {
		name := map[bool]string{false: "full", true: "lora"}[lora]
		t.Run(name, func(t *testing.T) {
			p := testPolicy(t, lora, 3)
			r := rand.New(rand.NewPCG(1, 1))
			prompts := []int{3, 1, 5, 2, 7}
			seqs := episodes(r, p.Model.Config.VocabSize, []int{9, 6, 14, 2, 16}, prompts)

			a, av := graphLogProbs(t, p, seqs, prompts, 16)
			b, bv, err := p.Evaluate(seqs, prompts)
			if err != nil {
				t.Fatal(err)
			}
			im, err := p.InferenceModel()
			if err != nil {
				t.Fatal(err)
			}
			c := decoderLogProbs(t, im, seqs, prompts)
			ab, ac, bc, vals := maxDiff(a, b), maxDiff(a, c), maxDiff(b, c), maxDiff(av, bv)
			t.Logf("max |Δlogp|: graph–LogProbs %.2g, graph–decoder %.2g, LogProbs–decoder %.2g; max |Δvalue| graph–Values %.2g", ab, ac, bc, vals)
			if ab > 1e-4 || ac > 1e-4 || bc > 1e-4 || vals > 1e-4 {
				t.Errorf("the three paths disagree: %g, %g, %g; values %g", ab, ac, bc, vals)
			}
			lp, err := p.LogProbs(seqs, prompts)
			if err != nil {
				t.Fatal(err)
			}
			if maxDiff(lp, b) != 0 {
				t.Error("LogProbs differs from Evaluate's log-probabilities")
			}
			v, err := p.Values(seqs, prompts)
			if err != nil {
				t.Fatal(err)
			}
			if maxDiff(v, bv) != 0 {
				t.Error("Values differs from Evaluate's values")
			}

			// Small batches give the same results.
			p.BatchTokens = 10
			small, err := p.LogProbs(seqs, prompts)
			p.BatchTokens = 0
			if err != nil {
				t.Fatal(err)
			}
			if d := maxDiff(small, b); d > 1e-5 {
				t.Errorf("LogProbs in batches of 10 tokens differ by %g", d)
			}

			ref, err := p.RefLogProbs(seqs, prompts)
			if err != nil {
				t.Fatal(err)
			}
			base := decoderLogProbs(t, p.Model, seqs, prompts)
			if d := maxDiff(ref, base); d > 1e-4 {
				t.Errorf("RefLogProbs differ from the base model's decoder by %g", d)
			}
			adapter := maxDiff(ref, b)
			t.Logf("max |policy − reference logp| = %.3g", adapter)
			if lora && adapter < 1e-2 {
				t.Errorf("the adapter changes log-probs by only %g: the test does not exercise it", adapter)
			}
			if !lora && adapter != 0 {
				t.Errorf("a fresh full policy differs from its reference by %g", adapter)
			}
		})
	}
}

// TestPPOStepsMoveLogProbs is a sanity check of the PPO loss in training:
// with advantage +1 on the response tokens of one sequence and −1 on
// another's (0 on the third), a few AdamW steps (train.New with the
// policy's WithPPOHead options) raise the first tokens' log-probabilities
// and lower the second's, and the value loss falls. The updates show in
// LogProbs with no copy (full: the same weights; LoRA: InferenceModel
// remerges), and a fresh training graph on the updated policy gives the
// same log-probabilities.
func TestPPOStepsMoveLogProbs(t *testing.T) {
	for _, lora := range []bool{false, true} {
		name := map[bool]string{false: "full", true: "lora"}[lora]
		t.Run(name, func(t *testing.T) {
			p := testPolicy(t, lora, 5)
			r := rand.New(rand.NewPCG(2, 2))
			prompts := []int{3, 2, 4}
			seqs := episodes(r, p.Model.Config.VocabSize, []int{10, 8, 9}, prompts)
			old, oldV, err := p.Evaluate(seqs, prompts)
			if err != nil {
				t.Fatal(err)
			}
			const B, T = 3, 10
			d := ops.NewPPOData(B * T)
			ids := make([]int, B*T)
			for k, s := range seqs {
				copy(ids[k*T:], s)
				for j := range old[k] {
					i := k*T + prompts[k] - 1 + j
					d.Action[i], d.OldLogProb[i], d.OldValue[i] = s[prompts[k]+j], old[k][j], oldV[k][j]
					d.Advantage[i] = []float32{1, -1, 0}[k]
					d.Return[i] = 1
				}
			}
			lr := 1e-3
			if lora {
				lr = 1e-2
			}
			tr, err := train.New(p.Model, B, T, train.Config{LR: lr, Steps: 5, Schedule: "constant_with_warmup"},
				p.TrainOptions(d, ops.DefaultPPOLossConfig(), nil)...)
			if err != nil {
				t.Fatal(err)
			}
			defer tr.Close()
			for step := range 5 {
				m, err := tr.Step([]train.Batch{{IDs: ids, Targets: d.Action}})
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("step %d: loss %.4f grad norm %.3f", step, m.Loss, m.GradNorm)
			}
			now, nowV, err := p.Evaluate(seqs, prompts)
			if err != nil {
				t.Fatal(err)
			}
			mean := func(x [][]float32, k int) float64 {
				var s float64
				for _, v := range x[k] {
					s += float64(v)
				}
				return s / float64(len(x[k]))
			}
			up, down := mean(now, 0)-mean(old, 0), mean(now, 1)-mean(old, 1)
			var before, after float64
			for k := range seqs {
				for j := range oldV[k] {
					before += (float64(oldV[k][j]) - 1) * (float64(oldV[k][j]) - 1)
					after += (float64(nowV[k][j]) - 1) * (float64(nowV[k][j]) - 1)
				}
			}
			t.Logf("mean Δlogp: advantage +1 %+.4f, advantage −1 %+.4f; Σ(value − return)² %.3f → %.3f", up, down, before, after)
			if !(up > 0.01) || !(down < -0.01) {
				t.Errorf("mean log-prob changes %+g (advantage +1) and %+g (advantage −1): want a rise and a fall", up, down)
			}
			for j := range old[0] {
				if !(now[0][j] > old[0][j]) {
					t.Errorf("token %d of the advantaged sequence: log-prob %g → %g, want a rise", j, old[0][j], now[0][j])
				}
			}
			if !(after < before) {
				t.Errorf("value error %g → %g, want a fall", before, after)
			}
			g, _ := graphLogProbs(t, p, seqs, prompts, T)
			if dd := maxDiff(g, now); dd > 1e-4 {
				t.Errorf("after training, the graph and LogProbs differ by %g", dd)
			}
		})
	}
}

// TestNew: the value head starts at zero or as a copy of the given weight;
// with LoRA the adapter is fresh (the policy is the base) and the
// reference is the base itself; with full fine-tuning the reference is a
// copy (or none).
func TestNew(t *testing.T) {
	m := tinyModel(t, 7)
	C := m.Config.Hidden
	p, err := New(m, Config{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Value) != C || slices.ContainsFunc(p.Value, func(v float32) bool { return v != 0 }) {
		t.Errorf("default value head %v, want %d zeros", p.Value, C)
	}
	if p.Ref == nil || p.Ref.Model == m || &p.Ref.Model.Weights.Embed[0] == &m.Weights.Embed[0] {
		t.Fatal("full fine-tuning: want a reference with its own copy of the weights")
	}
	if !slices.Equal(p.Ref.Model.Weights.Layers[1].Down, m.Weights.Layers[1].Down) {
		t.Error("the reference copy differs from the model")
	}
	if im, _ := p.InferenceModel(); im != m {
		t.Error("full fine-tuning: InferenceModel is not the model itself")
	}
	score := make([]float32, C)
	score[3] = 0.5
	lc := llama.DefaultLoRAConfig()
	q, err := New(m, Config{LoRA: &lc, ValueInit: score}, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(q.Value, score) || &q.Value[0] == &score[0] {
		t.Error("the value head is not a copy of ValueInit")
	}
	if q.LoRA == nil || q.Ref == nil || q.Ref.Model != m || q.Model != m {
		t.Fatal("LoRA: want an adapter on the model, and the model as reference")
	}
	if n, _ := New(m, Config{NoReference: true}, nil); n.Ref != nil {
		t.Error("NoReference: the policy has a reference")
	}
	if _, err := New(m, Config{ValueInit: score[:5]}, nil); err == nil || !strings.Contains(err.Error(), "5 values") {
		t.Errorf("short ValueInit: %v", err)
	}
	if _, err := New(m, Config{LoRA: &lc}, nil); err == nil {
		t.Error("LoRA without a random source: no error")
	}
	if _, err := New(nil, Config{}, nil); err == nil {
		t.Error("no model: no error")
	}
}

// TestInferenceModelView: with LoRA, the inference model shares every
// tensor but the adapted ones with the base, is the same model from call
// to call, follows changes of the adapter, and never writes the base.
func TestInferenceModelView(t *testing.T) {
	p := testPolicy(t, true, 11)
	c := p.Model.Config
	snapshot := make([][]float32, 0)
	for _, prm := range p.Model.Weights.Params(c) {
		snapshot = append(snapshot, slices.Clone(prm.Data))
	}
	im, err := p.InferenceModel()
	if err != nil {
		t.Fatal(err)
	}
	bw, vw := p.Model.Weights, im.Weights
	for i := range bw.Layers {
		same := map[string]bool{
			"q": &bw.Layers[i].Wq[0] == &vw.Layers[i].Wq[0], "k": &bw.Layers[i].Wk[0] == &vw.Layers[i].Wk[0],
			"v": &bw.Layers[i].Wv[0] == &vw.Layers[i].Wv[0], "o": &bw.Layers[i].Wo[0] == &vw.Layers[i].Wo[0],
			"gate": &bw.Layers[i].Gate[0] == &vw.Layers[i].Gate[0], "up": &bw.Layers[i].Up[0] == &vw.Layers[i].Up[0],
			"down": &bw.Layers[i].Down[0] == &vw.Layers[i].Down[0], "norm": &bw.Layers[i].AttnNorm[0] == &vw.Layers[i].AttnNorm[0],
		}
		want := map[string]bool{"q": false, "k": true, "v": false, "o": true, "gate": true, "up": true, "down": false, "norm": true}
		for k, w := range want {
			if same[k] != w {
				t.Errorf("layer %d %s: shared %v, want %v", i, k, same[k], w)
			}
		}
	}
	if &bw.Embed[0] != &vw.Embed[0] || &bw.Head[0] != &vw.Head[0] {
		t.Error("the embedding or head is copied")
	}
	seqs, prompts := [][]int{{1, 2, 3, 4, 5}}, []int{2}
	before, err := p.LogProbs(seqs, prompts)
	if err != nil {
		t.Fatal(err)
	}
	for i := range p.LoRA.Layers {
		for _, a := range p.LoRA.Layers[i] {
			clear(a.B)
		}
	}
	for range 3 {
		if im2, _ := p.InferenceModel(); im2 != im {
			t.Fatal("InferenceModel returned a new model")
		}
	}
	after, err := p.LogProbs(seqs, prompts)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := p.RefLogProbs(seqs, prompts)
	if err != nil {
		t.Fatal(err)
	}
	if maxDiff(after, ref) != 0 || maxDiff(before, after) == 0 {
		t.Errorf("with B zeroed the policy's log-probs should be the reference's exactly: Δ %g (before: %g)", maxDiff(after, ref), maxDiff(before, after))
	}
	for i, prm := range p.Model.Weights.Params(c) {
		if !slices.Equal(prm.Data, snapshot[i]) {
			t.Fatalf("the base tensor %s changed", prm.Name)
		}
	}
}

// TestSaveLoad: a saved policy loads with the same weights, adapter and
// value head bit for bit, hence the same log-probs; a full save over a
// LoRA one drops the adapter files.
func TestSaveLoad(t *testing.T) {
	dir := t.TempDir()
	seqs, prompts := [][]int{{1, 2, 3, 4, 5, 6}, {7, 8, 9}}, []int{2, 1}
	for _, lora := range []bool{true, false} {
		p := testPolicy(t, lora, 13)
		if err := p.Save(dir); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"config.json", "model.safetensors", ValueHeadFile} {
			if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
				t.Errorf("lora %v: %v", lora, err)
			}
		}
		q, err := Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		if (q.LoRA != nil) != lora || (q.Ref != nil) != lora {
			t.Fatalf("lora %v: loaded adapter %v, reference %v", lora, q.LoRA != nil, q.Ref != nil)
		}
		if !slices.Equal(q.Value, p.Value) {
			t.Errorf("lora %v: value head changed", lora)
		}
		want, err := p.LogProbs(seqs, prompts)
		if err != nil {
			t.Fatal(err)
		}
		got, err := q.LogProbs(seqs, prompts)
		if err != nil {
			t.Fatal(err)
		}
		if d := maxDiff(got, want); d != 0 {
			t.Errorf("lora %v: loaded policy's log-probs differ by %g", lora, d)
		}
		if lora {
			if _, err := q.RefLogProbs(seqs, prompts); err != nil {
				t.Error(err)
			}
		} else if _, err := q.RefLogProbs(seqs, prompts); err == nil || !strings.Contains(err.Error(), "no reference") {
			t.Errorf("loaded full policy: RefLogProbs error %v", err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, llama.LoRAConfigFile)); !os.IsNotExist(err) {
		t.Errorf("a full save left the adapter config: %v", err)
	}
}

// TestLogProbsErrors: bad prompt lengths, ids and lengths are errors.
func TestLogProbsErrors(t *testing.T) {
	p := testPolicy(t, false, 17)
	for _, c := range []struct {
		name    string
		seqs    [][]int
		prompts []int
		want    string
	}{
		{"count", [][]int{{1, 2}}, []int{1, 1}, "2 prompt lengths"},
		{"no prompt", [][]int{{1, 2}}, []int{0}, "prompt length 0"},
		{"long prompt", [][]int{{1, 2}}, []int{3}, "prompt length 3"},
		{"id", [][]int{{1, 61}}, []int{1}, "id 61"},
		{"negative id", [][]int{{1, -1}}, []int{1}, "id -1"},
		{"too long", [][]int{make([]int, 65)}, []int{1}, "65 tokens"},
	} {
		if _, err := p.LogProbs(c.seqs, c.prompts); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to mention %q", c.name, err, c.want)
		}
	}
	lp, err := p.LogProbs([][]int{{1, 2}, {3}}, []int{2, 1})
	if err != nil || len(lp) != 2 || len(lp[0]) != 0 || len(lp[1]) != 0 {
		t.Errorf("empty responses: %v, %v", lp, err)
	}
}
