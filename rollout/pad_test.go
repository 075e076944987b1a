package rollout

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestPad(t *testing.T) {
	const x = IgnoreTarget
	eps := []Episode{
		{Prompt: []int{1, 5}, Response: []int{7, 8, 2}, LogProbs: []float32{-1, -2, -3}, Finished: true},
		{Prompt: []int{1}, Response: []int{9}, LogProbs: []float32{-4}},
		{Prompt: []int{1, 6, 6, 6}, Response: []int{}, LogProbs: []float32{}},
	}
	for _, c := range []struct {
		name          string
		T             int
		ids, targets  []int
		att, mask, lp []float32
	}{
		{"longest row", 0,
			[]int{1, 5, 7, 8, 2, 1, 9, 0, 0, 0, 1, 6, 6, 6, 0},
			[]int{x, 7, 8, 2, x, 9, x, x, x, x, x, x, x, x, x},
			[]float32{1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 0},
			[]float32{0, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0},
			[]float32{0, -1, -2, -3, 0, -4, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
		{"padded to 6", 6,
			[]int{1, 5, 7, 8, 2, 0, 1, 9, 0, 0, 0, 0, 1, 6, 6, 6, 0, 0},
			[]int{x, 7, 8, 2, x, x, 9, x, x, x, x, x, x, x, x, x, x, x},
			[]float32{1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0},
			[]float32{0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
			[]float32{0, -1, -2, -3, 0, 0, -4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
	} {
		t.Run(c.name, func(t *testing.T) {
			bt, err := PadTo(eps, 0, c.T)
			if err != nil {
				t.Fatal(err)
			}
			T := len(c.ids) / 3
			if bt.B != 3 || bt.T != T || !slices.Equal(bt.IDs, c.ids) || !slices.Equal(bt.Targets, c.targets) ||
				!slices.Equal(bt.Attention, c.att) || !slices.Equal(bt.Mask, c.mask) || !slices.Equal(bt.LogProbs, c.lp) {
				t.Errorf("got %+v", bt)
			}
			if !slices.Equal(bt.PromptLens, []int{2, 1, 4}) || !slices.Equal(bt.Lens, []int{5, 2, 4}) {
				t.Errorf("prompt lengths %v, lengths %v", bt.PromptLens, bt.Lens)
			}
		})
	}
}

func TestPadErrors(t *testing.T) {
	good := Episode{Prompt: []int{1}, Response: []int{4, 5}}
	for _, c := range []struct {
		name string
		eps  []Episode
		pad  int
		T    int
		want []string
	}{
		{"no episodes", nil, 0, 0, []string{"no episodes"}},
		{"bad pad and row length", []Episode{good}, -1, -2, []string{"pad id -1", "row length -2"}},
		{"row too short", []Episode{good}, 0, 2, []string{"row length 2 is shorter than the longest episode (3 tokens)"}},
		{"empty prompt, log-prob count", []Episode{good, {Response: []int{3}}, {Prompt: []int{1}, Response: []int{3}, LogProbs: []float32{1, 2}}},
			0, 0, []string{"episode 1 has an empty prompt", "episode 2 has 2 log-probs for 1 response tokens"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := PadTo(c.eps, c.pad, c.T)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) || !strings.HasPrefix(err.Error(), "rollout: pad: ") {
					t.Errorf("error %q lacks %q or the rollout: pad: prefix", err, w)
				}
			}
		})
	}
}

// TestPadAlignsWithForward: at every masked position of a padded batch,
// log_softmax of the batch's forward logits at the target is the episode's
// log-prob, so a PPO loss can use Mask, Targets and LogProbs as they are.
func TestPadAlignsWithForward(t *testing.T) {
	m := testModel(t, 6)
	cfg := DefaultConfig(12)
	cfg.StopIDs = []int{40, 41, 42, 43, 44}
	eps := mustGenerate(t, mustSampler(t, m, cfg, nil), testPrompts(6, 3, 1, 7), rand.New(rand.NewPCG(2, 6)))
	bt, err := Pad(eps, 0)
	if err != nil {
		t.Fatal(err)
	}
	ids, mask := make([][]int, bt.B), make([][]int, bt.B)
	for b := range ids {
		ids[b] = bt.IDs[b*bt.T : (b+1)*bt.T]
		mask[b] = make([]int, bt.T)
		for t := range mask[b] {
			mask[b][t] = int(bt.Attention[b*bt.T+t])
		}
	}
	logits, err := m.Forward(ids, mask)
	if err != nil {
		t.Fatal(err)
	}
	masked := 0
	for i, on := range bt.Mask {
		if on == 0 {
			continue
		}
		masked++
		lp := math.Log(softmax(logits[i/bt.T][i%bt.T], 1)[bt.Targets[i]])
		if d := math.Abs(lp - float64(bt.LogProbs[i])); d > 1e-4 {
			t.Errorf("position %d: forward log-prob %g, episode %g", i, lp, bt.LogProbs[i])
		}
	}
	if want := len(eps[0].Response) + len(eps[1].Response) + len(eps[2].Response); masked != want {
		t.Errorf("%d masked positions, %d response tokens", masked, want)
	}
}
