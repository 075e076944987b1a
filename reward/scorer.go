package reward

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Sample is one episode to score: the prompt and the sampled response, as
// ids and (when a tokenizer is at hand) as text.
type Sample struct {
	Prompt, Response         []int
	PromptText, ResponseText string
	Finished                 bool // the response ended with a stop token or string
}

// Scorer gives each sample a scalar reward. The reward model, rule-based
// rewards and (in package safety) sensitive-word penalties implement it.
type Scorer interface {
	Score(samples []Sample) ([]float64, error)
}

// Term is a Scorer with the weight and name it has in a sum.
type Term struct {
	Name   string // metric key suffix: objective/scores/<name>
	Weight float64
	Scorer Scorer
}

// Sum is a weighted sum of scorers, as an experiment declares them.
type Sum []Term

// Score returns Σ weight·score per sample.
func (s Sum) Score(samples []Sample) ([]float64, error) {
	total, _, err := s.ScoreTerms(samples)
	return total, err
}

// ScoreTerms returns the weighted sum per sample and each term's raw scores
// (by Name), for metrics.
func (s Sum) ScoreTerms(samples []Sample) ([]float64, map[string][]float64, error) {
	total := make([]float64, len(samples))
	terms := make(map[string][]float64, len(s))
	for _, t := range s {
		scores, err := t.Scorer.Score(samples)
		if err != nil {
			return nil, nil, fmt.Errorf("reward: %s: %w", t.Name, err)
		}
		if len(scores) != len(samples) {
			return nil, nil, fmt.Errorf("reward: %s: %d scores for %d samples", t.Name, len(scores), len(samples))
		}
		terms[t.Name] = scores
		for i, v := range scores {
			total[i] += t.Weight * v
		}
	}
	return total, terms, nil
}

// Length rewards responses near a target length in tokens: −|len − Target|/Target
// (0 at the target, −1 at empty or twice as long).
type Length struct{ Target int }

// Score implements Scorer.
func (l Length) Score(samples []Sample) ([]float64, error) {
	if l.Target < 1 {
		return nil, errors.New("length: target must be >= 1")
	}
	out := make([]float64, len(samples))
	for i, s := range samples {
		d := float64(len(s.Response) - l.Target)
		out[i] = -max(d, -d) / float64(l.Target)
	}
	return out, nil
}

// MissingEOS is −1 for a response that did not finish (ran out of tokens
// without a stop), 0 otherwise: the usual "missing EOS" penalty.
type MissingEOS struct{}

// Score implements Scorer.
func (MissingEOS) Score(samples []Sample) ([]float64, error) {
	out := make([]float64, len(samples))
	for i, s := range samples {
		if !s.Finished {
			out[i] = -1
		}
	}
	return out, nil
}

// Format is 1 for a response text that matches a regular expression, 0
// otherwise (a format check such as "ends with a full stop").
type Format struct{ Pattern *regexp.Regexp }

// NewFormat compiles a format rule.
func NewFormat(pattern string) (Format, error) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return Format{}, fmt.Errorf("reward: format %q: %w", pattern, err)
	}
	return Format{re}, nil
}

// Score implements Scorer.
func (f Format) Score(samples []Sample) ([]float64, error) {
	out := make([]float64, len(samples))
	for i, s := range samples {
		if f.Pattern.MatchString(strings.TrimSpace(s.ResponseText)) {
			out[i] = 1
		}
	}
	return out, nil
}

// Tokens is the share of response tokens that are among IDs (0 for an
// empty response): a verifiable toy reward for tests and demonstrations.
type Tokens struct{ IDs map[int]bool }

// Score implements Scorer.
func (t Tokens) Score(samples []Sample) ([]float64, error) {
	out := make([]float64, len(samples))
	for i, s := range samples {
		for _, id := range s.Response {
			if t.IDs[id] {
				out[i]++
			}
		}
		if len(s.Response) > 0 {
			out[i] /= float64(len(s.Response))
		}
	}
	return out, nil
}

// Repetition is minus the share of the response's token n-grams that
// repeat an earlier n-gram of the response (seq-rep-n, Welleck et al.
// 2019): 0 for a response without repeats, near −1 for a loop. Responses
// shorter than N+1 tokens score 0. N defaults to 4.
type Repetition struct{ N int }

// Score implements Scorer.
func (r Repetition) Score(samples []Sample) ([]float64, error) {
	n := r.N
	if n == 0 {
		n = 4
	}
	if n < 1 {
		return nil, errors.New("repetition: n must be >= 1")
	}
	out := make([]float64, len(samples))
	for i, s := range samples {
		total := len(s.Response) - n + 1
		if total < 2 {
			continue
		}
		seen := make(map[string]bool, total)
		repeats := 0
		for j := 0; j < total; j++ {
			key := fmt.Sprint(s.Response[j : j+n])
			if seen[key] {
				repeats++
			}
			seen[key] = true
		}
		out[i] = -float64(repeats) / float64(total)
	}
	return out, nil
}
