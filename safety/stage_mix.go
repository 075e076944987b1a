package safety

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"

	"github.com/paddock-ai/paddock/data"
)

// MixConfig is a [[stage]] table with kind = "safety-mix": it mixes
// safety-alignment samples (harmful requests answered with a refusal or a
// safe completion) into SFT data at a set ratio.
//
// Its output (outputs/stage-N/data.jsonl, what "stage:N" resolves to) is
// the shuffled mixture as ShareGPT JSONL. Metrics, at step 0:
// safety/mix_data, safety/mix_safety (samples in the output, repeats
// included), safety/mix_unique (distinct safety samples used),
// safety/mix_ratio and safety/mix_<category>.
type MixConfig struct {
	Input
	Builtin []string `toml:"builtin"` // built-in sets: "en", "zh"; default both; [] for none
	Samples []string `toml:"samples"` // more safety samples: ShareGPT JSONL, optional "category" key per record
	Ratio   float64  `toml:"ratio"`   // share of safety samples in the output, in [0, 1); default 0.1
}

// Defaults sets the documented defaults.
func (c *MixConfig) Defaults() { *c = MixConfig{Builtin: []string{"en", "zh"}, Ratio: 0.1} }

// Validate reports every problem at once.
func (c *MixConfig) Validate() error {
	errs := c.Input.validate(false)
	for _, b := range c.Builtin {
		if _, ok := builtinSets[b]; !ok {
			errs = append(errs, fmt.Errorf("builtin: %q: want en or zh", b))
		}
	}
	if !(c.Ratio >= 0 && c.Ratio < 1) {
		errs = append(errs, fmt.Errorf("ratio: %g: want a share in [0, 1)", c.Ratio))
	}
	if c.Ratio > 0 && len(c.Builtin) == 0 && len(c.Samples) == 0 {
		errs = append(errs, errors.New("samples: none: set builtin or samples, or ratio = 0"))
	}
	return errors.Join(errs...)
}

// Sample is a safety-alignment sample: a conversation and its category.
type Sample struct {
	data.Conversation
	Category string
}

// ReadSamples reads safety samples from a ShareGPT JSONL file whose
// records may carry a "category" key.
func ReadSamples(path string) ([]Sample, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("safety: %w", err)
	}
	return decodeSamples(path, b)
}

// withCategories pairs conversations with the "category" keys of the
// JSONL lines they came from.
func withCategories(name string, b []byte, convs []data.Conversation) ([]Sample, error) {
	var cats []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var rec struct {
			Category string `json:"category"`
		}
		if err := json.Unmarshal(line, &rec); err != nil {
			return nil, fmt.Errorf("safety: %s: line %d: samples must be JSONL: %w", name, len(cats)+1, err)
		}
		cats = append(cats, rec.Category)
	}
	if len(cats) != len(convs) {
		return nil, fmt.Errorf("safety: %s: %d lines but %d conversations: samples must be JSONL, one conversation per line", name, len(cats), len(convs))
	}
	out := make([]Sample, len(convs))
	for i, c := range convs {
		out[i] = Sample{Conversation: c, Category: cats[i]}
	}
	return out, nil
}

// RunMix runs the safety-mix stage.
func RunMix(c *MixConfig, env Env) error {
	convs, skipped, err := c.read()
	if err != nil {
		return err
	}
	pool, err := c.samples()
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(env.Seed(), 0x5afe))
	picked := Mix(pool, len(convs), c.Ratio, rng)
	out := make([]data.Conversation, 0, len(convs)+len(picked))
	out = append(out, convs...)
	perCategory := make(map[string]int)
	unique := make(map[int]bool)
	for _, i := range picked {
		out = append(out, pool[i].Conversation)
		perCategory[pool[i].Category]++
		unique[i] = true
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	dir, err := env.OutDir()
	if err != nil {
		return err
	}
	if err := data.WriteConversations(dataOutput(dir), out); err != nil {
		return err
	}
	m := map[string]float64{
		"safety/mix_data": float64(len(convs)), "safety/mix_safety": float64(len(picked)),
		"safety/mix_unique": float64(len(unique)), "safety/skipped": float64(skipped),
		"safety/mix_ratio": float64(len(picked)) / math.Max(1, float64(len(out))),
	}
	for cat, n := range perCategory {
		m["safety/mix_"+metricKey(cat)] = float64(n)
	}
	return env.Log(0, m)
}

// samples returns the built-in sets and the user's files, in that order.
func (c *MixConfig) samples() ([]Sample, error) {
	var pool []Sample
	for _, name := range c.Builtin {
		s, err := BuiltinSamples(name)
		if err != nil {
			return nil, err
		}
		pool = append(pool, s...)
	}
	for _, path := range c.Samples {
		s, err := ReadSamples(path)
		if err != nil {
			return nil, err
		}
		pool = append(pool, s...)
	}
	return pool, nil
}

// Mix returns the indices into pool of the safety samples to add to n data
// samples so that they make up ratio of the result: round(n·ratio/(1−ratio))
// draws that go through a shuffled pool once before any sample repeats.
func Mix(pool []Sample, n int, ratio float64, rng *rand.Rand) []int {
	want := int(math.Round(float64(n) * ratio / (1 - ratio)))
	if len(pool) == 0 || want <= 0 {
		return nil
	}
	out := make([]int, 0, want)
	for len(out) < want {
		perm := rng.Perm(len(pool))
		out = append(out, perm[:min(len(perm), want-len(out))]...)
	}
	return out
}
