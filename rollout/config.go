package rollout

import (
	"errors"
	"fmt"
	"math"
)

// Config chooses how responses are sampled. The zero value of TopP and
// RepetitionPenalty means off (neither 0 is meaningful); Temperature 0 is
// greedy, so start from DefaultConfig for the usual sampling at
// temperature 1.
type Config struct {
	MaxNewTokens int     // response tokens per prompt at most; required, > 0
	Temperature  float64 // divides the logits; 0: greedy (DefaultConfig: 1)
	TopK         int     // keep the K most likely tokens; 0: off
	TopP         float64 // keep the smallest most-likely set with mass >= P; 0 or 1: off
	// RepetitionPenalty θ is CTRL's (Keskar et al. 2019) as in HF's
	// RepetitionPenaltyLogitsProcessor: the logit l of every token already in
	// the prompt or response becomes l/θ if l > 0, else l·θ. 0 or 1: off.
	RepetitionPenalty float64
	// StopIDs end a sequence when sampled (e.g. the tokenizer's EOS); the
	// stop token is kept as the last response token.
	StopIDs []int
	// StopStrings end a sequence at the first token after which the
	// decoded response contains one of them (a token that completes a stop
	// string and carries more text still stops it); that token is kept.
	// They need a tokenizer.
	StopStrings []string
}

// DefaultConfig is sampling at temperature 1 with no truncation, penalty or
// stop condition, for maxNewTokens tokens.
func DefaultConfig(maxNewTokens int) Config {
	return Config{MaxNewTokens: maxNewTokens, Temperature: 1, TopP: 1, RepetitionPenalty: 1}
}

// Validate reports every problem with the configuration at once.
func (c Config) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if c.MaxNewTokens < 1 {
		bad("max new tokens is %d, want > 0", c.MaxNewTokens)
	}
	if !(c.Temperature >= 0) || math.IsInf(c.Temperature, 0) {
		bad("temperature is %g, want a finite value >= 0", c.Temperature)
	}
	if c.TopK < 0 {
		bad("top-k is %d, want >= 0", c.TopK)
	}
	if !(c.TopP >= 0 && c.TopP <= 1) {
		bad("top-p is %g, want in [0, 1]", c.TopP)
	}
	if !(c.RepetitionPenalty >= 0) || math.IsInf(c.RepetitionPenalty, 0) {
		bad("repetition penalty is %g, want a finite value > 0 (0 or 1: off)", c.RepetitionPenalty)
	}
	for i, id := range c.StopIDs {
		if id < 0 {
			bad("stop id %d is %d, want >= 0", i, id)
		}
	}
	for i, s := range c.StopStrings {
		if s == "" {
			bad("stop string %d is empty", i)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("rollout: invalid config: %w", errors.Join(errs...))
	}
	return nil
}

// greedy reports whether tokens are chosen by argmax.
func (c Config) greedy() bool { return c.Temperature == 0 }

// penalty returns θ, 1 when off.
func (c Config) penalty() float64 {
	if c.RepetitionPenalty == 0 {
		return 1
	}
	return c.RepetitionPenalty
}

// topP returns the nucleus mass, 1 when off.
func (c Config) topP() float64 {
	if c.TopP == 0 {
		return 1
	}
	return c.TopP
}
