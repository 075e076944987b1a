package rollout

import (
	"math"

	"github.com/paddock-ai/paddock/kernels"
	"github.com/paddock-ai/paddock/llama"
)

// choice is one chosen token with its two log-probabilities (see Episode).
type choice struct {
	tok           int
	logProb       float32 // policy: log_softmax(logits/τ)[tok]
	sampleLogProb float32 // under the distribution tok was drawn from
}

// picker turns one row of logits into a token, following Config.
type picker struct {
	temp  float64 // 0: greedy
	topK  int     // 0: off
	topP  float64 // 1: off
	theta float64 // repetition penalty, 1: off
}

func newPicker(c Config) picker {
	return picker{temp: c.Temperature, topK: c.TopK, topP: c.topP(), theta: c.penalty()}
}

// scratch is one sequence's working memory, reused across steps.
type scratch struct {
	z       []float32 // V penalised logits
	zs      []float32 // V logits divided by the temperature
	w       []float32 // V probabilities of the sampling distribution
	order   []int     // candidate ids of a truncated distribution
	seen    []bool    // V: token occurs in prompt or response (penalty only)
	seenIDs []int     // the ids marked in seen, each once
	tgt     [1]int    // target of a one-row kernels.CrossEntropy call
	loss    [1]float32
}

// newScratch sizes the scratch for a vocabulary of V.
func newScratch(V int, penalty bool) *scratch {
	s := &scratch{z: make([]float32, V), zs: make([]float32, V), w: make([]float32, V), order: make([]int, 0, V)}
	if penalty {
		s.seen = make([]bool, V)
	}
	return s
}

// see records that id occurs in the sequence (a no-op without penalty).
func (s *scratch) see(id int) {
	if s.seen != nil && !s.seen[id] {
		s.seen[id] = true
		s.seenIDs = append(s.seenIDs, id)
	}
}

// forget empties the set of seen tokens.
func (s *scratch) forget() {
	for _, id := range s.seenIDs {
		s.seen[id] = false
	}
	s.seenIDs = s.seenIDs[:0]
}

// penalize applies HF's RepetitionPenaltyLogitsProcessor to z in place:
// each listed token's logit l becomes l/θ if l > 0, else l·θ (float32
// arithmetic, as on a float32 tensor). Each id must appear once.
func penalize(z []float32, ids []int, theta float64) {
	th := float32(theta)
	for _, id := range ids {
		if z[id] > 0 {
			z[id] /= th
		} else {
			z[id] *= th
		}
	}
}

// pick chooses the next token from raw logits; u in [0, 1) is the uniform
// draw (unused when greedy).
func (p picker) pick(s *scratch, logits []float32, u float64) choice {
	z := logits
	if p.theta != 1 {
		z = s.z[:len(logits)]
		copy(z, logits)
		penalize(z, s.seenIDs, p.theta)
	}
	if p.temp == 0 {
		tok := llama.Argmax(z)
		return choice{tok: tok, logProb: s.logSoftmaxAt(logits, tok, 1)}
	}
	tok, sampleLP, policyLP := p.draw(s, z, u)
	ch := choice{tok: tok, sampleLogProb: float32(sampleLP), logProb: float32(policyLP)}
	if p.theta != 1 { // the distribution was of penalised logits, not the policy's
		ch.logProb = s.logSoftmaxAt(logits, tok, p.temp)
	}
	return ch
}

// draw samples from softmax(z/T) after top-k and top-p truncation. It
// returns the token, its log-probability under the truncated distribution,
// and under the whole of softmax(z/T).
func (p picker) draw(s *scratch, z []float32, u float64) (tok int, logProb, fullLogProb float64) {
	zs, w := s.scaled(z, p.temp), s.w[:len(z)]
	amax := llama.Argmax(zs)
	lse := s.softmax(w, zs, amax)
	var total float64
	for _, v := range w {
		total += float64(v)
	}
	if (p.topK == 0 || p.topK >= len(z)) && p.topP >= 1 {
		tok = walkAll(w, u*total)
	} else {
		cand := s.truncate(w, w[amax], total, p.topK, p.topP)
		total = 0
		for _, i := range cand {
			total += float64(w[i])
		}
		tok = walkSome(w, cand, u*total)
	}
	return tok, math.Log(float64(w[tok]) / total), float64(zs[tok]) - lse
}

// scaled returns z/T in s.zs, or z itself when T is 1.
func (s *scratch) scaled(z []float32, temp float64) []float32 {
	if temp == 1 {
		return z
	}
	zs, inv := s.zs[:len(z)], float32(1/temp)
	for i, v := range z {
		zs[i] = v * inv
	}
	return zs
}

// softmax sets w = softmax(zs) and returns logsumexp(zs), with the
// vectorised exponential of the fused cross-entropy kernels: the forward
// kernel at the argmax amax gives logsumexp(zs) - zs[amax], the backward
// one softmax(zs) - onehot(amax), whose amax entry is then set from the
// forward loss (so no probability loses precision to the subtraction).
func (s *scratch) softmax(w, zs []float32, amax int) float64 {
	s.tgt[0] = amax
	V := len(zs)
	if _, _, err := kernels.CrossEntropyForward(s.loss[:], zs, s.tgt[:], 1, V); err != nil {
		panic(err) // unreachable: the shapes and the target are in range
	}
	kernels.CrossEntropyBackward(w, zs, s.tgt[:], 1, V, 1)
	w[amax] = float32(math.Exp(-float64(s.loss[0])))
	return float64(s.loss[0]) + float64(zs[amax])
}

// truncate returns the ids kept by top-k (k > 0) then top-p (p < 1) in
// an order fixed by w alone: the same set as sorting the vocabulary by
// probability (lower id first on ties) and cutting it, found in expected
// O(V) by a heap (top-k) and quickselect on the heavy tokens (top-p).
func (s *scratch) truncate(w []float32, wmax float32, total float64, k int, p float64) []int {
	ids := s.order[:len(w)]
	if k > 0 && k < len(w) {
		ids = ids[:k]
		selectTop(w, ids)
		total = 0
		for _, i := range ids {
			total += float64(w[i])
		}
	} else if p < 1 {
		ids = heavy(w, ids, wmax, p*total)
	} else {
		for i := range ids {
			ids[i] = i
		}
	}
	if p < 1 {
		ids = ids[:selectMass(w, ids, p*total)]
	}
	return ids
}

// heavy returns, in the storage of ids (V long), the tokens of weight at
// least c·wmax for the largest c in 1e-3, 1e-6, ... 1e-12 whose tokens
// already weigh mass: every other token comes after them, so it cannot be
// in the nucleus. It returns all tokens when no c does.
func heavy(w []float32, ids []int, wmax float32, mass float64) []int {
	for c := float32(1e-3); c >= 1e-12; c *= 1e-3 {
		cut, kept, sum := c*wmax, ids[:0], 0.0
		for i, v := range w {
			if v >= cut {
				kept = append(kept, i)
				sum += float64(v)
			}
		}
		if sum >= mass {
			return kept
		}
	}
	for i := range ids {
		ids[i] = i
	}
	return ids
}

// before orders tokens by weight, larger first, then by id: a total order,
// so every selection below is unique.
func before(w []float32, a, b int) bool {
	return w[a] > w[b] || (w[a] == w[b] && a < b)
}

// partition reorders ids around the median of its first, middle and last
// entries and returns the pivot's index m: ids[:m] come before it, ids[m+1:]
// after.
func partition(w []float32, ids []int) int {
	last, mid := len(ids)-1, len(ids)/2
	if before(w, ids[mid], ids[0]) {
		ids[mid], ids[0] = ids[0], ids[mid]
	}
	if before(w, ids[last], ids[0]) {
		ids[last], ids[0] = ids[0], ids[last]
	}
	if before(w, ids[mid], ids[last]) {
		ids[mid], ids[last] = ids[last], ids[mid]
	}
	pivot, m := ids[last], 0 // now the median of the three
	for i := 0; i < last; i++ {
		if before(w, ids[i], pivot) {
			ids[i], ids[m] = ids[m], ids[i]
			m++
		}
	}
	ids[m], ids[last] = ids[last], ids[m]
	return m
}

// selectTop sets h to the first len(h) tokens of w in before's order,
// with a heap whose root is the last of those so far: one comparison for
// most tokens.
func selectTop(w []float32, h []int) {
	for i := range h {
		h[i] = i
	}
	for i := len(h)/2 - 1; i >= 0; i-- {
		siftDown(w, h, i)
	}
	root := w[h[0]]
	for id := len(h); id < len(w); id++ {
		if v := w[id]; v > root { // ties lose: id is above every id in h
			h[0] = id
			siftDown(w, h, 0)
			root = w[h[0]]
		}
	}
}

// siftDown restores selectTop's heap below h[i]: each entry comes after
// its children.
func siftDown(w []float32, h []int, i int) {
	for {
		c := 2*i + 1
		if c >= len(h) {
			return
		}
		if c+1 < len(h) && before(w, h[c], h[c+1]) {
			c++
		}
		if !before(w, h[i], h[c]) {
			return
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
}

// selectMass reorders ids and returns the smallest n for which ids[:n],
// the first n in before's order, weigh at least mass (the token that
// crosses it included; all of them if rounding leaves the sum short).
func selectMass(w []float32, ids []int, mass float64) int {
	lo, hi := 0, len(ids)
	var above float64 // weight of ids[:lo], all before ids[lo:hi]; below mass
	for lo < hi {
		m := lo + partition(w, ids[lo:hi])
		left := above
		for _, i := range ids[lo:m] {
			left += float64(w[i])
		}
		switch {
		case left >= mass:
			hi = m
		case left+float64(w[ids[m]]) >= mass:
			return m + 1
		default:
			above, lo = left+float64(w[ids[m]]), m+1
		}
	}
	return lo
}

// walkAll returns the token where the running sum of w passes target.
func walkAll(w []float32, target float64) int {
	last := 0
	for i, v := range w {
		if v > 0 {
			last = i
		}
		target -= float64(v)
		if target < 0 {
			return i
		}
	}
	return last // rounding left target >= 0: the last possible token
}

// walkSome is walkAll over the candidates ids only, in their order.
func walkSome(w []float32, ids []int, target float64) int {
	last := ids[0]
	for _, i := range ids {
		if w[i] > 0 {
			last = i
		}
		target -= float64(w[i])
		if target < 0 {
			return i
		}
	}
	return last
}

// logSoftmaxAt returns log_softmax(logits/τ)[tok] (the kernel sums in
// float64). It uses s.zs.
func (s *scratch) logSoftmaxAt(logits []float32, tok int, tau float64) float32 {
	zs := s.scaled(logits, tau)
	s.tgt[0] = tok
	if _, _, err := kernels.CrossEntropyForward(s.loss[:], zs, s.tgt[:], 1, len(zs)); err != nil {
		panic(err) // unreachable: the shapes and the target are in range
	}
	return -s.loss[0]
}
