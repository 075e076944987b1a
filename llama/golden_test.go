package llama

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/paddock-ai/paddock/internal/sharedtest"

	"github.com/paddock-ai/paddock/kernels"
)

// Golden files come from tools/reference (an independent PyTorch LLaMA in
// float64); see tools/reference/README.md.
type goldenLogits struct {
	Tolerance float64 `json:"tolerance"`
	Sequences []struct {
		IDs    []int       `json:"ids"`
		Logits [][]float64 `json:"logits"`
	} `json:"sequences"`
}

func readGolden(t *testing.T, path string) goldenLogits {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g goldenLogits
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if g.Tolerance <= 0 || g.Tolerance > 1e-4 || len(g.Sequences) == 0 {
		t.Fatalf("%s: tolerance %g and %d sequences: golden file is not usable", path, g.Tolerance, len(g.Sequences))
	}
	return g
}

// checkGolden runs all golden sequences as one right-padded batch and
// compares every real position.
func checkGolden(t *testing.T, m *Model, g goldenLogits) {
	t.Helper()
	longest := 0
	for _, s := range g.Sequences {
		longest = max(longest, len(s.IDs))
	}
	ids, mask := make([][]int, len(g.Sequences)), make([][]int, len(g.Sequences))
	for b, s := range g.Sequences {
		ids[b] = append(slices.Clone(s.IDs), make([]int, longest-len(s.IDs))...)
		mask[b] = make([]int, longest)
		for i := range s.IDs {
			mask[b][i] = 1
		}
	}
	got, err := m.Forward(ids, mask)
	if err != nil {
		t.Fatal(err)
	}
	var worst float64
	for b, s := range g.Sequences {
		for pos, want := range s.Logits {
			if len(want) != m.Config.VocabSize {
				t.Fatalf("golden row has %d logits, model vocabulary %d", len(want), m.Config.VocabSize)
			}
			for v, w := range want {
				worst = math.Max(worst, math.Abs(float64(got[b][pos][v])-w))
			}
		}
	}
	t.Logf("max |Δlogit| = %.3g (tolerance %g)", worst, g.Tolerance)
	if worst > g.Tolerance {
		t.Errorf("max |Δlogit| = %g exceeds %g", worst, g.Tolerance)
	}
}

func TestGoldenHF(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/golden/*/logits.json")
	if len(dirs) < 8 {
		t.Fatalf("found %d golden cases, want at least 8 (run tools/reference/make_goldens.py)", len(dirs))
	}
	for _, path := range dirs {
		dir := filepath.Dir(path)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			entries, _ := filepath.Glob(filepath.Join(dir, "*.bin"))
			src := dir
			if len(entries) == 1 {
				src = entries[0]
			}
			m, err := Load(src)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, m, readGolden(t, path))
		})
	}
}

// TestGoldenPureGo reruns the goldens on the pure-Go fallback backend, as
// on a machine without OpenBLAS.
func TestGoldenPureGo(t *testing.T) {
	saved := kernels.Active()
	kernels.SetBackend(kernels.PureGo{})
	defer kernels.SetBackend(saved)
	for _, name := range []string{"gqa", "bf16", "llama2c_unshared"} {
		dir := filepath.Join("testdata/golden", name)
		src := dir
		if name == "llama2c_unshared" {
			src = filepath.Join(dir, "model.bin")
		}
		m, err := Load(src)
		if err != nil {
			t.Fatal(err)
		}
		checkGolden(t, m, readGolden(t, filepath.Join(dir, "logits.json")))
	}
}

func TestStories260KLogits(t *testing.T) {
	m, err := Load(sharedtest.Path(t, "models/stories260K/stories260K.bin"))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, m, readGolden(t, "testdata/golden/stories260k_logits.json"))
}

func TestStories260KGreedyMatchesLlama2C(t *testing.T) {
	m, err := Load(sharedtest.Path(t, "models/stories260K/stories260K.bin"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("testdata/golden/stories260k_greedy.json")
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		PromptIDs []int `json:"prompt_ids"`
		IDs       []int `json:"ids"`
	}
	if err := json.Unmarshal(data, &g); err != nil || len(g.IDs) < 100 {
		t.Fatalf("golden greedy ids unusable (%d ids): %v", len(g.IDs), err)
	}
	s, _ := NewSampler(SamplerConfig{}, nil)
	out, err := m.Generate([][]int{g.PromptIDs}, GenerateOptions{MaxNewTokens: len(g.IDs)}, s)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(out[0], g.IDs) {
		t.Errorf("greedy ids differ from llama2.c's output:\n got %v\nwant %v", out[0], g.IDs)
	}
}
