package rollout

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestConfigValidate(t *testing.T) {
	for _, c := range []struct {
		name string
		cfg  Config
		want []string // substrings of the error; none: valid
	}{
		{"default", DefaultConfig(8), nil},
		{"greedy zero value", Config{MaxNewTokens: 1}, nil},
		{"all filters", Config{MaxNewTokens: 4, Temperature: 0.7, TopK: 50, TopP: 0.9, RepetitionPenalty: 1.2,
			StopIDs: []int{2}, StopStrings: []string{"\n"}}, nil},
		{"no tokens", Config{}, []string{"max new tokens is 0"}},
		{"negative temperature", Config{MaxNewTokens: 1, Temperature: -1}, []string{"temperature is -1"}},
		{"NaN temperature", Config{MaxNewTokens: 1, Temperature: math.NaN()}, []string{"temperature is NaN"}},
		{"infinite temperature", Config{MaxNewTokens: 1, Temperature: math.Inf(1)}, []string{"temperature is +Inf"}},
		{"top-p above 1", Config{MaxNewTokens: 1, TopP: 1.5}, []string{"top-p is 1.5"}},
		{"NaN penalty", Config{MaxNewTokens: 1, RepetitionPenalty: math.NaN()}, []string{"repetition penalty is NaN"}},
		{"everything at once", Config{MaxNewTokens: -2, Temperature: -0.5, TopK: -1, TopP: -0.1, RepetitionPenalty: -2,
			StopIDs: []int{2, -3}, StopStrings: []string{"ok", ""}},
			[]string{"max new tokens is -2", "temperature is -0.5", "top-k is -1", "top-p is -0.1",
				"repetition penalty is -2", "stop id 1 is -3", "stop string 1 is empty"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.cfg.Validate()
			if len(c.want) == 0 {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("Validate accepted it")
			}
			if !strings.HasPrefix(err.Error(), "rollout: ") {
				t.Errorf("error %q does not start with rollout:", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestNewAndGenerateErrors(t *testing.T) {
	m := testModel(t, 1)
	ok := Config{MaxNewTokens: 4}
	for _, c := range []struct {
		name    string
		cfg     Config
		noModel bool
		prompts [][]int
		rng     bool
		want    []string
	}{
		{"nil model", ok, true, nil, false, []string{"nil model"}},
		{"stop id outside vocabulary", Config{MaxNewTokens: 4, StopIDs: []int{512}}, false, nil, false,
			[]string{"stop id 0 is 512"}},
		{"stop strings without tokenizer", Config{MaxNewTokens: 4, StopStrings: []string{"x"}, TopK: -1}, false, nil, false,
			[]string{"stop strings need a tokenizer", "top-k is -1"}},
		{"empty prompt", ok, false, [][]int{{1, 5}, {}}, false, []string{"prompt 1 is empty"}},
		{"prompt id outside vocabulary", ok, false, [][]int{{1, 512}}, false, []string{"prompt 0: token 1 is id 512"}},
		{"negative prompt id", ok, false, [][]int{{-1}}, false, []string{"prompt 0: token 0 is id -1"}},
		{"too long", Config{MaxNewTokens: 500}, false, [][]int{make([]int, 13)}, false,
			[]string{"(13) + max new tokens (500) = 513 exceeds the model's 512 positions"}},
		{"sampling without rng", DefaultConfig(4), false, [][]int{{1}}, false, []string{"needs a random source"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			model := m
			if c.noModel {
				model = nil
			}
			s, err := New(model, c.cfg, nil)
			if err == nil {
				var rng *rand.Rand
				if c.rng {
					rng = rand.New(rand.NewPCG(1, 1))
				}
				_, err = s.Generate(c.prompts, rng)
			}
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) || !strings.HasPrefix(err.Error(), "rollout: ") {
					t.Errorf("error %q lacks %q or the rollout: prefix", err, w)
				}
			}
		})
	}
}

func TestNoPrompts(t *testing.T) {
	s := mustSampler(t, testModel(t, 1), Config{MaxNewTokens: 2}, nil)
	if eps, err := s.Generate(nil, nil); eps != nil || err != nil {
		t.Fatalf("Generate(nil) = %v, %v; want nil, nil", eps, err)
	}
}

// TestNonFiniteLogits: a model whose logits hold NaN makes Generate fail
// with a message instead of sampling garbage.
func TestNonFiniteLogits(t *testing.T) {
	for _, cfg := range []Config{{MaxNewTokens: 3}, DefaultConfig(3)} {
		m := testModel(t, 1)
		m.Weights.Embed[5*m.Config.Hidden] = float32(math.NaN()) // tied head: logit 5 is NaN everywhere
		_, err := mustSampler(t, m, cfg, nil).Generate([][]int{{1}}, rand.New(rand.NewPCG(1, 1)))
		if err == nil || !strings.Contains(err.Error(), "rollout: sequence 0, token 0: the logits are not finite") {
			t.Errorf("temperature %g: error %v", cfg.Temperature, err)
		}
	}
}
