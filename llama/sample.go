package llama

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// SamplerConfig chooses the next token from logits. Temperature 0 is greedy
// (argmax, lowest id on ties). TopK 0 and TopP 0 or 1 disable those filters.
type SamplerConfig struct {
	Temperature float64 // default 0: greedy
	TopK        int     // keep the K most likely tokens; 0 keeps all
	TopP        float64 // keep the smallest set with mass >= P; 0 or 1 keeps all
}

// Validate reports every problem at once.
func (c SamplerConfig) Validate() error {
	var errs []string
	if c.Temperature < 0 || math.IsNaN(c.Temperature) {
		errs = append(errs, fmt.Sprintf("temperature %g, want >= 0", c.Temperature))
	}
	if c.TopK < 0 {
		errs = append(errs, fmt.Sprintf("top-k %d, want >= 0", c.TopK))
	}
	if c.TopP < 0 || c.TopP > 1 || math.IsNaN(c.TopP) {
		errs = append(errs, fmt.Sprintf("top-p %g, want in [0, 1]", c.TopP))
	}
	if len(errs) > 0 {
		return fmt.Errorf("llama: sampler: %v", errs)
	}
	return nil
}

// Sampler draws tokens with its own seeded random source and scratch.
type Sampler struct {
	cfg   SamplerConfig
	rng   *rand.Rand
	probs []float64
	order []int
}

// NewSampler returns a sampler drawing from rng (unused when greedy).
func NewSampler(cfg SamplerConfig, rng *rand.Rand) (*Sampler, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Sampler{cfg: cfg, rng: rng}, nil
}

// Argmax returns the index of the largest value, the lowest on ties.
func Argmax(x []float32) int {
	best := 0
	for i, v := range x {
		if v > x[best] {
			best = i
		}
	}
	return best
}

// Sample picks a token id from one row of logits.
func (s *Sampler) Sample(logits []float32) int {
	if s.cfg.Temperature == 0 {
		return Argmax(logits)
	}
	n := len(logits)
	if cap(s.probs) < n {
		s.probs, s.order = make([]float64, n), make([]int, n)
	}
	p, order := s.probs[:n], s.order[:n]
	mx := float64(logits[Argmax(logits)])
	for i, v := range logits {
		p[i] = math.Exp((float64(v) - mx) / s.cfg.Temperature)
		order[i] = i
	}
	keep := n
	if s.cfg.TopK > 0 || (s.cfg.TopP > 0 && s.cfg.TopP < 1) {
		sort.Slice(order, func(a, b int) bool {
			if p[order[a]] != p[order[b]] {
				return p[order[a]] > p[order[b]]
			}
			return order[a] < order[b]
		})
		if s.cfg.TopK > 0 && s.cfg.TopK < keep {
			keep = s.cfg.TopK
		}
		if s.cfg.TopP > 0 && s.cfg.TopP < 1 {
			keep = nucleus(p, order[:keep], s.cfg.TopP)
		}
	}
	var total float64
	for _, i := range order[:keep] {
		total += p[i]
	}
	u := s.rng.Float64() * total
	for _, i := range order[:keep] {
		u -= p[i]
		if u < 0 {
			return i
		}
	}
	return order[keep-1]
}

// nucleus returns how many of the sorted candidates make up mass topP.
func nucleus(p []float64, sorted []int, topP float64) int {
	var total float64
	for _, i := range sorted {
		total += p[i]
	}
	var acc float64
	for k, i := range sorted {
		acc += p[i]
		if acc >= topP*total {
			return k + 1
		}
	}
	return len(sorted)
}
