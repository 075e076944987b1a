package rollout

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/tokenizer"
)

// testModel is stories260k (V = 512) with random weights, its matrices
// scaled up so that the next-token distributions are far from uniform.
func testModel(t testing.TB, seed uint64) *llama.Model {
	t.Helper()
	c, err := llama.Preset("stories260k")
	if err != nil {
		t.Fatal(err)
	}
	w := llama.RandomWeights(c, rand.New(rand.NewPCG(seed, 1)))
	for _, p := range w.Params(c) {
		if len(p.Shape) == 2 {
			for i := range p.Data {
				p.Data[i] *= 6
			}
		}
	}
	m, err := llama.New(c, w)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// testTokenizer has one piece per id of testModel: <unk>, <s>, </s>, then
// two-letter pieces, so stop strings can end inside a piece.
func testTokenizer(t testing.TB) *tokenizer.Tokenizer {
	t.Helper()
	pieces := []tokenizer.Piece{{Text: "<unk>", Kind: tokenizer.Unknown}, {Text: "<s>", Kind: tokenizer.Control},
		{Text: "</s>", Kind: tokenizer.Control}}
	for i := 3; len(pieces) < 512; i++ {
		text := fmt.Sprintf("%c%c", 'a'+rune(i%26), 'a'+rune(i/26%26))
		pieces = append(pieces, tokenizer.Piece{Text: text, Kind: tokenizer.Normal})
	}
	tok, err := tokenizer.New(pieces, 1, 2, 0, -1)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// testPrompts are BOS-started prompts of different lengths.
func testPrompts(seed uint64, lens ...int) [][]int {
	r := rand.New(rand.NewPCG(seed, 2))
	out := make([][]int, len(lens))
	for b, n := range lens {
		out[b] = []int{1}
		for len(out[b]) < n {
			out[b] = append(out[b], 3+r.IntN(509))
		}
	}
	return out
}

func mustSampler(t testing.TB, m *llama.Model, cfg Config, tok *tokenizer.Tokenizer) *Sampler {
	t.Helper()
	s, err := New(m, cfg, tok)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustGenerate(t testing.TB, s *Sampler, prompts [][]int, rng *rand.Rand) []Episode {
	t.Helper()
	eps, err := s.Generate(prompts, rng)
	if err != nil {
		t.Fatal(err)
	}
	return eps
}

// refProbs is the next-token distribution written out as HF's logits
// processors compute it, independently of the package: repetition
// penalty on seen (each id once), temperature, top-k (sorted by
// probability), then top-p as TopPLogitsWarper (ascending cumulative mass
// <= 1-p is removed, the most likely token always kept), renormalised.
func refProbs(logits []float32, seen []int, c Config) []float64 {
	z := slices.Clone(logits)
	if th := float32(c.penalty()); th != 1 {
		for _, id := range seen {
			if z[id] > 0 {
				z[id] /= th
			} else {
				z[id] *= th
			}
		}
	}
	p := make([]float64, len(z))
	if c.Temperature == 0 {
		p[llama.Argmax(z)] = 1
		return p
	}
	p = softmax(z, c.Temperature)
	order := make([]int, len(p))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmpDesc(p[a], p[b]) })
	if c.TopK > 0 && c.TopK < len(p) {
		for _, i := range order[c.TopK:] {
			p[i] = 0
		}
		p = normalise(p)
	}
	if c.topP() < 1 {
		var cum float64
		for j := len(order) - 1; j > 0; j-- { // ascending
			cum += p[order[j]]
			if cum <= 1-c.TopP {
				p[order[j]] = 0
			}
		}
		p = normalise(p)
	}
	return p
}

func cmpDesc(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

func softmax(z []float32, temp float64) []float64 {
	p := make([]float64, len(z))
	mx := float64(z[llama.Argmax(z)])
	for i, v := range z {
		p[i] = math.Exp((float64(v) - mx) / temp)
	}
	return normalise(p)
}

func normalise(p []float64) []float64 {
	var s float64
	for _, v := range p {
		s += v
	}
	for i := range p {
		p[i] /= s
	}
	return p
}

// uniqueIDs lists the distinct ids in order of first occurrence.
func uniqueIDs(ids ...[]int) []int {
	var out []int
	seen := map[int]bool{}
	for _, part := range ids {
		for _, id := range part {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	return out
}

// countingSource counts the 64-bit draws taken from it.
type countingSource struct {
	src rand.Source
	n   int
}

func (c *countingSource) Uint64() uint64 { c.n++; return c.src.Uint64() }
