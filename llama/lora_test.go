package llama

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gorgonia.org/gorgonia"
)

func TestLoRAConfigDefaultsAndValidate(t *testing.T) {
	c := DefaultLoRAConfig()
	want := LoRAConfig{R: 16, Alpha: 32, Dropout: 0.1, Targets: []string{"q_proj", "v_proj"}}
	if c.R != want.R || c.Alpha != want.Alpha || c.Dropout != want.Dropout || !slices.Equal(c.Targets, want.Targets) {
		t.Errorf("defaults %+v, want %+v (Alpaca-LoRA's)", c, want)
	}
	if err := c.Validate(); err != nil {
		t.Error(err)
	}
	if c.Scaling() != 2 {
		t.Errorf("scaling %g, want alpha/r = 2", c.Scaling())
	}
	none := LoRAConfig{}
	none.Defaults()
	if none.Dropout != 0 || none.R != 16 {
		t.Errorf("zero dropout became %g (r %d), want it kept at 0 and r 16", none.Dropout, none.R)
	}
	if err := (LoRAConfig{R: 4, Alpha: 8, Dropout: -0.5, Targets: []string{"q_proj"}}).Validate(); err == nil {
		t.Error("negative dropout accepted")
	}
	err := LoRAConfig{R: 0, Alpha: -1, Dropout: 1, Targets: []string{"q_proj", "w_proj", "q_proj"}}.Validate()
	for _, w := range []string{"r is 0", "lora_alpha is -1", "lora_dropout is 1", `"w_proj" is unknown`, `"q_proj" is listed twice`} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("Validate error %v does not mention %q", err, w)
		}
	}
	if err := (LoRAConfig{R: 4, Alpha: 8, Dropout: math.NaN(), Targets: []string{"down_proj"}}).Validate(); err == nil {
		t.Error("NaN dropout accepted")
	}
}

// TestNewLoRAInit: A is kaiming-uniform(a=√5), uniform in ±1/√in, from the
// given seed; B is zero; shapes follow the model (grouped-query k/v).
func TestNewLoRAInit(t *testing.T) {
	c := tinyConfig()
	lc := LoRAConfig{R: 8, Alpha: 16, Targets: LoRAModules()}
	l, err := NewLoRA(c, lc, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	again, _ := NewLoRA(c, lc, rand.New(rand.NewPCG(1, 2)))
	shapes := map[string][2]int{"q_proj": {32, 32}, "k_proj": {16, 32}, "v_proj": {16, 32}, "o_proj": {32, 32},
		"gate_proj": {48, 32}, "up_proj": {48, 32}, "down_proj": {32, 48}}
	for i, layer := range l.Layers {
		if len(layer) != 7 {
			t.Fatalf("layer %d has %d adapters, want 7", i, len(layer))
		}
		for k, a := range layer {
			if a.Module != loraModules[k] || [2]int{a.Out, a.In} != shapes[a.Module] {
				t.Errorf("layer %d adapter %d: %s %d×%d, want %s %v", i, k, a.Module, a.Out, a.In, loraModules[k], shapes[loraModules[k]])
			}
			bound := 1 / math.Sqrt(float64(a.In))
			var sum, sq float64
			for j, v := range a.A {
				if math.Abs(float64(v)) > bound {
					t.Fatalf("%s A[%d] = %g outside ±%g", a.Module, j, v, bound)
				}
				if v != again.Layers[i][k].A[j] {
					t.Fatalf("%s A[%d]: the same seed gave %g and %g", a.Module, j, v, again.Layers[i][k].A[j])
				}
				sum += float64(v)
				sq += float64(v) * float64(v)
			}
			n := float64(len(a.A))
			if mean, v := sum/n, sq/n; math.Abs(mean) > 0.25*bound || math.Abs(v/(bound*bound/3)-1) > 0.3 {
				t.Errorf("%s A: mean %g, variance %g; uniform ±%g has 0 and %g", a.Module, mean, v, bound, bound*bound/3)
			}
			for _, v := range a.B {
				if v != 0 {
					t.Fatalf("%s B is not zero", a.Module)
				}
			}
		}
	}
	if _, err := NewLoRA(c, LoRAConfig{}, nil); err == nil {
		t.Error("NewLoRA without a random source: no error")
	}
}

// TestTrainableShare: Alpaca-LoRA's setup on LLaMA-2-7B (r=16, q and v)
// trains 8,388,608 of 6,746,804,224 parameters, as PEFT prints.
func TestTrainableShare(t *testing.T) {
	c, _ := Preset("llama-2-7b")
	l, err := newZeroLoRA(c, LoRAConfig{R: 16, Alpha: 32, Targets: []string{"q_proj", "v_proj"}})
	if err != nil {
		t.Fatal(err)
	}
	s := l.TrainableShare(c)
	if s.Trainable != 8388608 || s.Total != 6746804224 {
		t.Errorf("share %v, want 8388608 of 6746804224", s)
	}
	if got := s.String(); got != "trainable params: 8388608 || all params: 6746804224 || trainable%: 0.1243" {
		t.Errorf("report %q", got)
	}
}

// randomizeB gives every B random values so that the adapter changes the
// model (a fresh one is zero).
func randomizeB(l *LoRA, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 7))
	for i := range l.Layers {
		for k := range l.Layers[i] {
			for j := range l.Layers[i][k].B {
				l.Layers[i][k].B[j] = float32(r.NormFloat64() * 0.1)
			}
		}
	}
}

func batch(r *rand.Rand, B, T, vocab int) (ids, targets []int, seqs [][]int) {
	for b := 0; b < B; b++ {
		s := randIDs(r, T+1, vocab)
		ids, targets = append(ids, s[:T]...), append(targets, s[1:]...)
		seqs = append(seqs, s[:T])
	}
	targets[1] = -100
	return ids, targets, seqs
}

// graphLogits runs the LoRA training graph on ids and returns its logits
// (the cross-entropy's input), kept by a tracing machine.
func graphLogits(t *testing.T, m *Model, l *LoRA, B, T int, ids, targets []int) (float32, []float32) {
	t.Helper()
	tg, err := m.NewTrainGraph(B, T, WithLoRA(l, nil))
	if err != nil {
		t.Fatal(err)
	}
	tg.vm.Close()
	tg.vm = gorgonia.NewTapeMachine(tg.g, gorgonia.TraceExec())
	defer tg.Close()
	children := tg.g.From(tg.Loss.ID())
	if children.Len() != 1 || !children.Next() {
		t.Fatalf("loss has %d inputs, want the logits only", children.Len())
	}
	logits := children.Node().(*gorgonia.Node)
	loss, err := tg.Step(ids, targets)
	if err != nil {
		t.Fatal(err)
	}
	return loss, slices.Clone(logits.Value().Data().([]float32))
}

// TestLoRAGraphFreshAdapterIsBase: with B zero the adapted graph computes
// exactly the base model's loss.
func TestLoRAGraphFreshAdapterIsBase(t *testing.T) {
	c := tinyConfig()
	m := tinyModel(t, c, 41)
	const B, T = 2, 5
	ids, targets, _ := batch(rand.New(rand.NewPCG(5, 5)), B, T, c.VocabSize)
	base, err := m.NewTrainGraph(B, T)
	if err != nil {
		t.Fatal(err)
	}
	defer base.Close()
	want, err := base.Step(ids, targets)
	if err != nil {
		t.Fatal(err)
	}
	l, err := NewLoRA(c, LoRAConfig{R: 4, Alpha: 8, Targets: LoRAModules()}, rand.New(rand.NewPCG(3, 3)))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := graphLogits(t, m, l, B, T, ids, targets)
	if got != want {
		t.Errorf("fresh adapter: loss %g, base %g", got, want)
	}
}

// TestLoRAGraphGradients: the graph trains exactly the adapter's tensors,
// builds no gradient for any base weight, and its A and B gradients match
// finite differences of the merged model's forward pass.
func TestLoRAGraphGradients(t *testing.T) {
	c := tinyConfig()
	m := tinyModel(t, c, 42)
	const B, T = 2, 6
	l, err := NewLoRA(c, LoRAConfig{R: 4, Alpha: 8, Targets: []string{"q_proj", "v_proj", "up_proj", "down_proj"}},
		rand.New(rand.NewPCG(4, 4)))
	if err != nil {
		t.Fatal(err)
	}
	randomizeB(l, 1)
	tg, err := m.NewTrainGraph(B, T, WithLoRA(l, nil))
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	if len(tg.Params) != 2*4*c.Layers {
		t.Fatalf("%d trainable tensors, want %d (A and B of 4 modules × %d layers)", len(tg.Params), 2*4*c.Layers, c.Layers)
	}
	for i, p := range tg.Params {
		if &p.Data[0] != &l.Params()[i].Data[0] {
			t.Fatalf("%s does not share the adapter's storage", p.Name)
		}
	}
	adapterOps := 0
	for _, n := range tg.g.AllNodes() {
		op := n.Op()
		if op == nil {
			continue
		}
		switch op.String() {
		case "RMSNormDw", "EmbeddingGrad":
			t.Errorf("the graph computes a base weight gradient: %s", op)
		case "Linear", "LinearDw": // allowed for the adapter's A and B only
			ch := tg.g.From(n.ID())
			var names []string
			for ch.Next() {
				names = append(names, ch.Node().(*gorgonia.Node).Name())
			}
			if len(names) < 2 || !strings.HasPrefix(names[1], "base_model.") {
				t.Errorf("%s over %v: not an adapter weight", op, names)
			}
			adapterOps++
		}
	}
	if want := 2 * 2 * 4 * c.Layers; adapterOps != want { // (A, B) × (forward, dW) × modules × layers
		t.Errorf("%d Linear/LinearDw ops, want %d", adapterOps, want)
	}
	r := rand.New(rand.NewPCG(6, 6))
	ids, targets, seqs := batch(r, B, T, c.VocabSize)
	tgts := make([][]int, B)
	for b := range tgts {
		tgts[b] = targets[b*T : (b+1)*T]
	}
	if _, err := tg.Step(ids, targets); err != nil {
		t.Fatal(err)
	}
	grads, err := tg.Grads()
	if err != nil {
		t.Fatal(err)
	}
	mergedLoss := func() float64 {
		if err := l.Merge(m); err != nil {
			t.Fatal(err)
		}
		defer func() {
			if err := l.Unmerge(m); err != nil {
				t.Fatal(err)
			}
		}()
		return referenceLoss(t, m, seqs, tgts)
	}
	checked := 0
	for pi, p := range tg.Params {
		for _, j := range []int{0, len(p.Data) / 3, len(p.Data) - 1} {
			old := p.Data[j]
			const h = 1e-2
			p.Data[j] = old + h
			lp := mergedLoss()
			p.Data[j] = old - h
			lm := mergedLoss()
			p.Data[j] = old
			fd := (lp - lm) / (2 * h)
			if g := float64(grads[pi][j]); math.Abs(g-fd) > 2e-3+2e-2*math.Abs(fd) {
				t.Errorf("%s[%d]: gradient %g, finite differences %g", p.Name, j, g, fd)
			}
			checked++
		}
	}
	t.Logf("%d gradient entries match finite differences", checked)
}

// TestLoRADropout: masks come from the seeded source, change every step,
// and the same seed replays the same losses.
func TestLoRADropout(t *testing.T) {
	c := tinyConfig()
	const B, T = 2, 5
	ids, targets, _ := batch(rand.New(rand.NewPCG(8, 8)), B, T, c.VocabSize)
	run := func(seed uint64) []float32 {
		m := tinyModel(t, c, 43)
		l, err := NewLoRA(c, LoRAConfig{R: 4, Alpha: 8, Dropout: 0.3}, rand.New(rand.NewPCG(1, 1)))
		if err != nil {
			t.Fatal(err)
		}
		randomizeB(l, 2)
		tg, err := m.NewTrainGraph(B, T, WithLoRA(l, rand.New(rand.NewPCG(seed, 0))))
		if err != nil {
			t.Fatal(err)
		}
		defer tg.Close()
		var out []float32
		for i := 0; i < 3; i++ {
			loss, err := tg.Step(ids, targets)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, loss)
		}
		return out
	}
	a, b, other := run(9), run(9), run(10)
	if !slices.Equal(a, b) {
		t.Errorf("same seed: losses %v then %v", a, b)
	}
	if a[0] == a[1] || a[1] == a[2] {
		t.Errorf("losses %v: the mask did not change between steps", a)
	}
	if slices.Equal(a, other) {
		t.Errorf("another seed gave the same losses %v", a)
	}
	m := tinyModel(t, c, 43)
	l, _ := NewLoRA(c, LoRAConfig{R: 4, Alpha: 8, Dropout: 0.3}, rand.New(rand.NewPCG(1, 1)))
	if _, err := m.NewTrainGraph(B, T, WithLoRA(l, nil)); err == nil || !strings.Contains(err.Error(), "random source") {
		t.Errorf("dropout without a random source: %v", err)
	}
}

// TestLoRAMergeUnmerge: the merged model's inference logits equal the LoRA
// graph's (no dropout) within 1e-5, and unmerging restores every base
// weight within 1e-6.
func TestLoRAMergeUnmerge(t *testing.T) {
	for _, tied := range []bool{false, true} {
		c := tinyConfig()
		c.TieWordEmbedding = tied
		m := tinyModel(t, c, 44)
		orig := NewWeights(c)
		for i, p := range orig.Params(c) {
			copy(p.Data, m.Weights.Params(c)[i].Data)
		}
		l, err := NewLoRA(c, LoRAConfig{R: 4, Alpha: 8, Targets: LoRAModules()}, rand.New(rand.NewPCG(5, 5)))
		if err != nil {
			t.Fatal(err)
		}
		randomizeB(l, 3)
		const B, T = 2, 7
		ids, targets, seqs := batch(rand.New(rand.NewPCG(9, 9)), B, T, c.VocabSize)
		_, got := graphLogits(t, m, l, B, T, ids, targets)
		if err := l.Merge(m); err != nil {
			t.Fatal(err)
		}
		if err := l.Merge(m); err == nil {
			t.Error("merging twice: no error")
		}
		if _, err := m.NewTrainGraph(B, T, WithLoRA(l, nil)); err == nil {
			t.Error("training a merged adapter: no error")
		}
		want, err := m.Forward(seqs, nil)
		if err != nil {
			t.Fatal(err)
		}
		var worst, changed float64
		for b := range seqs {
			for pos := range seqs[b] {
				row := got[(b*T+pos)*c.VocabSize : (b*T+pos+1)*c.VocabSize]
				worst = math.Max(worst, maxDiff(row, want[b][pos]))
			}
		}
		for i, p := range m.Weights.Params(c) {
			changed = math.Max(changed, maxDiff(p.Data, orig.Params(c)[i].Data))
		}
		if err := l.Unmerge(m); err != nil {
			t.Fatal(err)
		}
		if err := l.Unmerge(m); err == nil {
			t.Error("unmerging twice: no error")
		}
		var restore float64
		for i, p := range m.Weights.Params(c) {
			restore = math.Max(restore, maxDiff(p.Data, orig.Params(c)[i].Data))
		}
		t.Logf("tied=%v: merge moved weights by up to %.3g; logits differ by %.2e; unmerge restores within %.2e", tied, changed, worst, restore)
		if changed < 1e-2 {
			t.Errorf("merge changed the weights by only %g: the test adapter is too weak", changed)
		}
		if worst > 1e-5 {
			t.Errorf("tied=%v: merged logits differ from the LoRA graph's by %g (tolerance 1e-5)", tied, worst)
		}
		if restore > 1e-6 {
			t.Errorf("tied=%v: unmerge leaves the weights %g off (tolerance 1e-6)", tied, restore)
		}
	}
}

func TestWithLoRAMismatch(t *testing.T) {
	c := tinyConfig()
	other := c
	other.Layers = 3
	l, err := NewLoRA(other, LoRAConfig{}, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	m := tinyModel(t, c, 45)
	if _, err := m.NewTrainGraph(1, 4, WithLoRA(l, rand.New(rand.NewPCG(1, 1)))); err == nil || !strings.Contains(err.Error(), "3 layers") {
		t.Errorf("3-layer adapter on a 2-layer model: %v", err)
	}
	if err := l.Merge(m); err == nil {
		t.Error("merging a mismatched adapter: no error")
	}
}

func TestLoRAMergedCopy(t *testing.T) {
	c := tinyConfig()
	m := tinyModel(t, c, 46)
	l, err := NewLoRA(c, LoRAConfig{R: 4, Alpha: 8, Targets: LoRAModules()}, rand.New(rand.NewPCG(6, 6)))
	if err != nil {
		t.Fatal(err)
	}
	randomizeB(l, 3)
	before := m.Weights.Params(c)[1].Data[0]
	cp, err := l.MergedCopy(m)
	if err != nil {
		t.Fatal(err)
	}
	if l.Merged() || m.Weights.Params(c)[1].Data[0] != before {
		t.Fatal("MergedCopy changed the adapter's state or the base model")
	}
	if err := l.Merge(m); err != nil {
		t.Fatal(err)
	}
	for i, p := range m.Weights.Params(c) {
		if d := maxDiff(p.Data, cp.Weights.Params(c)[i].Data); d != 0 {
			t.Fatalf("param %d: merged copy differs from Merge by %g", i, d)
		}
	}
}
