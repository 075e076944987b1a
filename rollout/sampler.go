package rollout

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/paddock-ai/paddock/kernels"
	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/tokenizer"
)

// Episode is one prompt with its sampled response.
type Episode struct {
	Prompt   []int // a copy of the prompt
	Response []int // sampled tokens, the stop token included when one ended it
	// LogProbs[i] is the policy's log-probability of Response[i]:
	// log_softmax(logits/τ) of the model's raw logits, τ the temperature (1
	// when greedy), without penalty or truncation; what a full forward pass
	// of the policy recomputes.
	LogProbs []float32
	// SampleLogProbs[i] is the log-probability of Response[i] under the
	// distribution it was drawn from: after repetition penalty, temperature,
	// top-k and top-p; 0 when greedy.
	SampleLogProbs []float32
	Finished       bool // ended by a stop id or stop string; false: MaxNewTokens reached
}

// Sampler generates episodes from a model. It keeps its KV cache and
// scratch between calls to Generate, so it is not safe for concurrent use;
// the model's weights are only read, and may be updated between calls.
type Sampler struct {
	m    *llama.Model
	cfg  Config
	pick picker
	tok  *tokenizer.Tokenizer
	stop map[int]bool
	dec  *llama.Decoder
	// decBatch and decLen are the shape dec was made for.
	decBatch, decLen int
	rows             []*scratch
}

// New returns a sampler of m with configuration cfg. tok decodes responses
// for cfg.StopStrings and may be nil without them.
func New(m *llama.Model, cfg Config, tok *tokenizer.Tokenizer) (*Sampler, error) {
	var errs []error
	if err := cfg.Validate(); err != nil {
		errs = append(errs, err)
	}
	if m == nil {
		return nil, errors.Join(append(errs, errors.New("rollout: nil model"))...)
	}
	for i, id := range cfg.StopIDs {
		if id >= m.Config.VocabSize {
			errs = append(errs, fmt.Errorf("rollout: stop id %d is %d, outside the model's vocabulary of %d", i, id, m.Config.VocabSize))
		}
	}
	if len(cfg.StopStrings) > 0 && tok == nil {
		errs = append(errs, errors.New("rollout: stop strings need a tokenizer"))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	s := &Sampler{m: m, cfg: cfg, pick: newPicker(cfg), tok: tok, stop: map[int]bool{}}
	s.cfg.StopIDs = slices.Clone(cfg.StopIDs)
	s.cfg.StopStrings = slices.Clone(cfg.StopStrings)
	for _, id := range cfg.StopIDs {
		s.stop[id] = true
	}
	return s, nil
}

// Config returns a copy of the sampler's configuration.
func (s *Sampler) Config() Config {
	c := s.cfg
	c.StopIDs, c.StopStrings = slices.Clone(c.StopIDs), slices.Clone(c.StopStrings)
	return c
}

// Generate samples one episode per prompt, in order. Every prompt must be
// non-empty (start it with BOS) and leave room for MaxNewTokens within the
// model's max positions. rng supplies all randomness and may be nil only
// when greedy. No prompts give no episodes.
func (s *Sampler) Generate(prompts [][]int, rng *rand.Rand) ([]Episode, error) {
	if len(prompts) == 0 {
		return nil, nil
	}
	if rng == nil && !s.cfg.greedy() {
		return nil, errors.New("rollout: sampling at temperature > 0 needs a random source")
	}
	longest, err := s.checkPrompts(prompts)
	if err != nil {
		return nil, err
	}
	d, err := s.decoder(len(prompts), longest+s.cfg.MaxNewTokens)
	if err != nil {
		return nil, err
	}
	eps := s.start(prompts)
	r := run{s: s, eps: eps, feed: slices.Clone(prompts), next: make([]int, len(prompts)),
		u: make([]float64, len(prompts)), errs: make([]error, len(prompts)), done: make([]bool, len(prompts))}
	for step := 0; step < s.cfg.MaxNewTokens; step++ {
		logits, err := d.Feed(r.feed, false)
		if err != nil {
			return nil, fmt.Errorf("rollout: decode step %d: %w", step, err)
		}
		active, err := r.step(logits, rng)
		if err != nil {
			return nil, err
		}
		if !active {
			break
		}
	}
	return eps, nil
}

// checkPrompts validates the prompts and returns the longest length.
func (s *Sampler) checkPrompts(prompts [][]int) (int, error) {
	c := s.m.Config
	longest := 0
	for b, p := range prompts {
		if len(p) == 0 {
			return 0, fmt.Errorf("rollout: prompt %d is empty (start it with BOS)", b)
		}
		for i, id := range p {
			if id < 0 || id >= c.VocabSize {
				return 0, fmt.Errorf("rollout: prompt %d: token %d is id %d, outside the vocabulary of %d", b, i, id, c.VocabSize)
			}
		}
		longest = max(longest, len(p))
	}
	if n := longest + s.cfg.MaxNewTokens; n > c.MaxPositions {
		return 0, fmt.Errorf("rollout: longest prompt (%d) + max new tokens (%d) = %d exceeds the model's %d positions",
			longest, s.cfg.MaxNewTokens, n, c.MaxPositions)
	}
	return longest, nil
}

// decoder returns an empty KV cache for batch sequences of up to maxLen
// tokens, reusing the previous one when it has the batch and room enough.
func (s *Sampler) decoder(batch, maxLen int) (*llama.Decoder, error) {
	if s.dec != nil && s.decBatch == batch && s.decLen >= maxLen {
		s.dec.Reset()
		return s.dec, nil
	}
	s.dec = nil // let the old cache go before allocating the new one
	d, err := s.m.NewDecoder(batch, maxLen)
	if err != nil {
		return nil, fmt.Errorf("rollout: %w", err)
	}
	s.dec, s.decBatch, s.decLen = d, batch, maxLen
	return d, nil
}

// start makes the episodes and readies one scratch per sequence.
func (s *Sampler) start(prompts [][]int) []Episode {
	V, n := s.m.Config.VocabSize, s.cfg.MaxNewTokens
	for len(s.rows) < len(prompts) {
		s.rows = append(s.rows, newScratch(V, s.pick.theta != 1))
	}
	eps := make([]Episode, len(prompts))
	for b, p := range prompts {
		eps[b] = Episode{Prompt: slices.Clone(p), Response: make([]int, 0, n),
			LogProbs: make([]float32, 0, n), SampleLogProbs: make([]float32, 0, n)}
		s.rows[b].forget()
		for _, id := range p {
			s.rows[b].see(id)
		}
	}
	return eps
}

// run is the state of one Generate call.
type run struct {
	s    *Sampler
	eps  []Episode
	feed [][]int   // next Feed's tokens per sequence (nil: finished)
	next []int     // backing of the one-token feeds
	u    []float64 // this step's uniform draw per sequence
	errs []error   // this step's error per sequence
	done []bool    // sequence has stopped
	act  []int     // sequences sampled this step
}

// step samples one token for every sequence that got logits and reports
// whether any of them is still unfinished.
func (r *run) step(logits [][]float32, rng *rand.Rand) (bool, error) {
	r.act = r.act[:0]
	for b, row := range logits {
		if row != nil && !r.done[b] {
			r.act = append(r.act, b)
			if rng != nil && !r.s.cfg.greedy() {
				r.u[b] = rng.Float64() // drawn in batch order: deterministic
			}
		}
	}
	kernels.ParallelFor(len(r.act), 1, func(lo, hi int) {
		for _, b := range r.act[lo:hi] {
			r.errs[b] = r.advance(b, logits[b])
		}
	})
	active := false
	for _, b := range r.act {
		if r.errs[b] != nil {
			return false, r.errs[b]
		}
		r.feed[b] = nil
		if !r.done[b] {
			r.next[b] = r.eps[b].Response[len(r.eps[b].Response)-1]
			r.feed[b] = r.next[b : b+1]
			active = true
		}
	}
	return active, nil
}

// advance samples sequence b's next token from its logits and checks
// whether it ends the sequence. It touches only sequence b's state.
func (r *run) advance(b int, logits []float32) error {
	s, ep := r.s, &r.eps[b]
	ch := s.pick.pick(s.rows[b], logits, r.u[b])
	if lp := float64(ch.logProb); math.IsNaN(lp) || math.IsInf(lp, 0) {
		return fmt.Errorf("rollout: sequence %d, token %d: the logits are not finite (log-prob %g)", b, len(ep.Response), lp)
	}
	ep.Response = append(ep.Response, ch.tok)
	ep.LogProbs = append(ep.LogProbs, ch.logProb)
	ep.SampleLogProbs = append(ep.SampleLogProbs, ch.sampleLogProb)
	s.rows[b].see(ch.tok)
	stopped, err := s.stops(ep.Response)
	if err != nil {
		return fmt.Errorf("rollout: sequence %d: %w", b, err)
	}
	if stopped {
		ep.Finished, r.done[b] = true, true
	}
	return nil
}

// stops reports whether a response ends with a stop id or its decoded text
// contains a stop string.
func (s *Sampler) stops(resp []int) (bool, error) {
	if s.stop[resp[len(resp)-1]] {
		return true, nil
	}
	if len(s.cfg.StopStrings) == 0 {
		return false, nil
	}
	text, err := s.tok.Decode(resp)
	if err != nil {
		return false, err
	}
	for _, stop := range s.cfg.StopStrings {
		if strings.Contains(text, stop) {
			return true, nil
		}
	}
	return false, nil
}
