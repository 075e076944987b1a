package kernels

import (
	"fmt"
	"math"
	"sync"
)

// ULClampMin is the floor of 1 − p in the unlikelihood loss,
// −log(clamp(1 − p, min=ULClampMin)), as in Welleck et al.'s code.
const ULClampMin = 1e-5

// Token-level unlikelihood (Welleck et al. 2019, "Neural Text Generation
// with Unlikelihood Training") fused with softmax cross-entropy.
//
// The batch is B rows of T tokens; flat token i = b·T + t has the input id
// ids[i] and the next-token target targets[i] (negative: ignored). start[i]
// is the row position at which token i's sample begins (ops.Layout.Start;
// nil means all zeros: one sample per row). The prediction made at token i
// has seen the context ids[b·T+u] for start[i] ≤ u ≤ t, prompt included,
// never a token of another sample packed into the same row. Its negative
// candidates are the distinct ids of that context other than the target:
//
//	C_i     = {ids[b·T+u] : start[i] ≤ u ≤ t} \ {targets[i]}
//	p_i     = softmax(logits[i])
//	CE(i)   = logsumexp(logits[i]) − logits[i][targets[i]]
//	UL(i)   = Σ_{c∈C_i} −log(max(1 − p_i(c), ULClampMin))
//
// for the count rows whose target is not ignored, and the loss of a batch is
// mean CE + α·mean UL over those rows (the PyTorch reference is
// tools/reference/unlikelihood_goldens.py).

// CrossEntropyULForward computes the per-row cross-entropy and
// unlikelihood losses of B·T rows of V logits (see above) into ce and ul
// (B·T each; 0 on ignored rows) and returns their means over the count rows
// that are not ignored, summed in float64 (0, 0, 0 when every row is
// ignored). Each row's log-sum-exp is CrossEntropyForward's, so mean CE is
// bit-identical to it; candidate probabilities are exp(logit − lse) in
// float64 and 1 − p uses log1p. A target ≥ V, an id outside [0, V) or a
// start outside [0, t] is an error naming the token, as is a slice shorter
// than the shape; all are reported before anything is written. Rows run in
// parallel; candidate sets are built incrementally along each sample with a
// per-worker stamp array of V entries from a free list, so steady-state
// calls allocate only the closure handed to the worker pool.
func CrossEntropyULForward(ce, ul, logits []float32, targets, ids, start []int, B, T, V int) (meanCE, meanUL float32, count int, err error) {
	if err := checkUL("CrossEntropyULForward", logits, targets, ids, start, B, T, V); err != nil {
		return 0, 0, 0, err
	}
	N := B * T
	switch {
	case len(ce) < N:
		return 0, 0, 0, fmt.Errorf("kernels: CrossEntropyULForward: len(ce) = %d, want %d", len(ce), N)
	case len(ul) < N:
		return 0, 0, 0, fmt.Errorf("kernels: CrossEntropyULForward: len(ul) = %d, want %d", len(ul), N)
	}
	for i, tg := range targets[:N] {
		if tg >= V {
			return 0, 0, 0, fmt.Errorf("kernels: CrossEntropyULForward: row %d has target %d, outside the vocabulary of %d", i, tg, V)
		}
		if id := ids[i]; id < 0 || id >= V {
			return 0, 0, 0, fmt.Errorf("kernels: CrossEntropyULForward: token %d has input id %d, outside the vocabulary of %d", i, id, V)
		}
		if start != nil {
			if s, t := start[i], i%T; s < 0 || s > t {
				return 0, 0, 0, fmt.Errorf("kernels: CrossEntropyULForward: token %d (row position %d) has sample start %d, want 0 <= start <= %d", i, t, s, t)
			}
		}
	}
	ParallelChunks(N, max(1, (64<<10)/V), func(_, lo, hi int) {
		s := ulGetScratch(V, T)
		defer ulPutScratch(s)
		ctx := ulContext{s: s, ids: ids, start: start, T: T, V: V, last: -1}
		for i := lo; i < hi; i++ {
			ctx.advance(i)
			tg := targets[i]
			if tg < 0 {
				ce[i], ul[i] = 0, 0
				continue
			}
			row := logits[i*V : (i+1)*V]
			mx := maxFloat32(row)
			lse := float64(mx) + math.Log(expAffine(nil, row, 1, -mx, 1))
			ce[i] = float32(lse - float64(row[tg]))
			var u float64
			for _, c := range s.ctx {
				if int(c) == tg {
					continue
				}
				p := math.Exp(float64(row[c]) - lse)
				if 1-p < ULClampMin {
					u -= math.Log(ULClampMin)
				} else {
					u -= math.Log1p(-p)
				}
			}
			ul[i] = float32(u)
		}
	})
	var sumCE, sumUL float64
	for i, tg := range targets[:N] {
		if tg >= 0 {
			sumCE += float64(ce[i])
			sumUL += float64(ul[i])
			count++
		}
	}
	if count == 0 {
		return 0, 0, 0, nil
	}
	return float32(sumCE / float64(count)), float32(sumUL / float64(count)), count, nil
}

// CrossEntropyULBackward writes the gradient of scaleCE·Σ CE(i) +
// scaleUL·Σ UL(i) with respect to the logits (B·T×V):
//
//	dlogits[i][j] = scaleCE·(p_j − δ_{j,target}) + scaleUL·(w_j·[j∈C_i] − p_j·Σ_{c∈C_i} w_c)
//	w_c = p_c/(1 − p_c), or 0 where the clamp is active (1 − p_c < ULClampMin)
//
// for rows with 0 ≤ target < V, and zero for ignored rows. For the loss
// mean CE + α·mean UL of CrossEntropyULForward pass scaleCE = dloss/count
// and scaleUL = α·dloss/count. Per row it makes one max pass, one exp pass
// into dlogits and one scale pass over V, plus O(|C_i|) for the candidates;
// with scaleUL = 0 it writes exactly CrossEntropyBackward's values. Inputs
// are validated by CrossEntropyULForward; an out-of-range target that
// reaches here anyway gets a zero row, and ids outside [0, V) or starts
// outside [0, t] are skipped or clamped rather than panicking in a worker.
// A slice shorter than the shape panics. dlogits may alias logits.
func CrossEntropyULBackward(dlogits, logits []float32, targets, ids, start []int, B, T, V int, scaleCE, scaleUL float32) {
	if err := checkUL("CrossEntropyULBackward", logits, targets, ids, start, B, T, V); err != nil {
		panic(err)
	}
	N := B * T
	if len(dlogits) < N*V {
		panic(fmt.Errorf("kernels: CrossEntropyULBackward: len(dlogits) = %d, want %d", len(dlogits), N*V))
	}
	ParallelChunks(N, max(1, (64<<10)/V), func(_, lo, hi int) {
		s := ulGetScratch(V, T)
		defer ulPutScratch(s)
		ctx := ulContext{s: s, ids: ids, start: start, T: T, V: V, last: -1}
		for i := lo; i < hi; i++ {
			ctx.advance(i)
			tg := targets[i]
			row := logits[i*V : (i+1)*V]
			d := dlogits[i*V : (i+1)*V]
			if tg < 0 || tg >= V {
				clear(d)
				continue
			}
			mx := maxFloat32(row)
			// The candidates' exp(logit − max) are read before the exp pass,
			// which may overwrite the logits (dlogits aliasing logits).
			e := s.e[:0]
			for _, c := range s.ctx {
				if int(c) != tg {
					e = append(e, math.Exp(float64(row[c])-float64(mx)))
				}
			}
			sum := expAffine(d, row, 1, -mx, 1)
			var sw float64
			for k, ec := range e {
				p := ec / sum
				w := 0.0
				if 1-p >= ULClampMin {
					w = p / (1 - p)
				}
				e[k] = w
				sw += w
			}
			s.e = e
			scaleFloat32(d, float32((float64(scaleCE)-float64(scaleUL)*sw)/sum))
			d[tg] -= scaleCE
			k := 0
			for _, c := range s.ctx {
				if int(c) != tg {
					d[c] += scaleUL * float32(e[k])
					k++
				}
			}
		}
	})
}

func checkUL(fn string, logits []float32, targets, ids, start []int, B, T, V int) error {
	switch {
	case B < 0 || T < 1 || V < 1:
		return fmt.Errorf("kernels: %s: bad shape B=%d T=%d V=%d", fn, B, T, V)
	case len(logits) < B*T*V:
		return fmt.Errorf("kernels: %s: len(logits) = %d, want B·T·V = %d", fn, len(logits), B*T*V)
	case len(targets) < B*T:
		return fmt.Errorf("kernels: %s: len(targets) = %d, want B·T = %d", fn, len(targets), B*T)
	case len(ids) < B*T:
		return fmt.Errorf("kernels: %s: len(ids) = %d, want B·T = %d", fn, len(ids), B*T)
	case start != nil && len(start) < B*T:
		return fmt.Errorf("kernels: %s: len(start) = %d, want B·T = %d (or nil)", fn, len(start), B*T)
	}
	return nil
}

// ulContext walks the tokens of one chunk in order and keeps s.ctx equal to
// the distinct ids of the current token's context: the next token of the
// same sample adds at most one id in O(1); any other step (a new row, a new
// sample, the chunk's first token) rebuilds it from the sample start.
type ulContext struct {
	s           *ulScratch
	ids, start  []int
	T, V        int
	last, lastS int // the token whose context s.ctx holds (-1: none) and its start
}

func (c *ulContext) advance(i int) {
	t := i % c.T
	st := 0
	if c.start != nil {
		st = min(max(c.start[i], 0), t)
	}
	if c.last == i-1 && t > 0 && st == c.lastS {
		c.s.add(c.ids[i], c.V)
	} else {
		c.s.reset()
		row := c.ids[i-t:]
		for u := st; u <= t; u++ {
			c.s.add(row[u], c.V)
		}
	}
	c.last, c.lastS = i, st
}

// ulScratch is one worker's candidate-set state: seen[id] == stamp marks the
// ids of the current context, so starting a new context is one increment,
// not a clear of V entries (the array is cleared only when the stamp wraps).
type ulScratch struct {
	seen  []uint32
	stamp uint32
	ctx   []int32   // distinct ids of the current context, in order of first use
	e     []float64 // backward: candidates' exp(logit − max), then w_c
}

func (s *ulScratch) reset() {
	s.stamp++
	if s.stamp == 0 {
		clear(s.seen)
		s.stamp = 1
	}
	s.ctx = s.ctx[:0]
}

func (s *ulScratch) add(id, V int) {
	if uint(id) < uint(V) && s.seen[id] != s.stamp {
		s.seen[id] = s.stamp
		s.ctx = append(s.ctx, int32(id))
	}
}

// ulFree is a free list of scratch (not a sync.Pool, which the garbage
// collector empties: steady-state training allocates nothing here).
var ulFree struct {
	sync.Mutex
	bufs []*ulScratch
}

func ulGetScratch(V, T int) *ulScratch {
	ulFree.Lock()
	var s *ulScratch
	if k := len(ulFree.bufs); k > 0 {
		s = ulFree.bufs[k-1]
		ulFree.bufs = ulFree.bufs[:k-1]
	}
	ulFree.Unlock()
	if s == nil {
		s = new(ulScratch)
	}
	if len(s.seen) < V {
		s.seen, s.stamp = make([]uint32, V), 0
	}
	if cap(s.ctx) < T {
		s.ctx = make([]int32, 0, T)
		s.e = make([]float64, 0, T)
	}
	return s
}

func ulPutScratch(s *ulScratch) {
	ulFree.Lock()
	ulFree.bufs = append(ulFree.bufs, s)
	ulFree.Unlock()
}
