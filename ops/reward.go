package ops

import (
	"fmt"
	"math"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// The ops of a reward model's head: gather each sequence's last token and
// the pairwise (Bradley–Terry) loss of TRL's RewardTrainer.

// lastTokenOp gathers, for each of B rows of T positions of h (B·T×C), the
// row of h at the row's last position whose target is not ignored.
type lastTokenOp struct {
	kernelOp
	tgt  *Targets
	B, T int
	at   []int // B: the row of h picked for each sequence by the last forward
}

// LastToken returns the B×C matrix whose row b is h (B·T×C, row b·T+t for
// position t of sequence b) at the last position of sequence b whose
// target is not ignored (negative): for a reward model, each sequence's
// last real token. tgt is read at each run; a sequence without such a
// target is an error. The gradient flows back into those rows only.
func LastToken(h *gorgonia.Node, tgt *Targets, B, T int) (*gorgonia.Node, error) {
	if B < 1 || T < 1 || len(tgt.IDs) != B*T {
		return nil, fmt.Errorf("ops: LastToken: %d targets for %d rows of %d positions", len(tgt.IDs), B, T)
	}
	if s := h.Shape(); len(s) != 2 || s[0] != B*T {
		return nil, fmt.Errorf("ops: LastToken: input %v, want %d rows × C", s, B*T)
	}
	op := &lastTokenOp{tgt: tgt, B: B, T: T, at: make([]int, B)}
	op.kernelOp = kernelOp{name: "LastToken", arity: 1,
		shape: func(in []tensor.Shape) (tensor.Shape, error) { return tensor.Shape{B, in[0][1]}, nil },
		run: func(out []float32, in [][]float32, s []tensor.Shape) {
			c := s[0][1]
			for b, i := range op.at {
				copy(out[b*c:(b+1)*c], in[0][i*c:(i+1)*c])
			}
		}}
	return gorgonia.ApplyOp(op, h)
}

// locate finds each sequence's last counted position.
func (o *lastTokenOp) locate() error {
	for b := range o.B {
		o.at[b] = -1
		for t := o.T - 1; t >= 0; t-- {
			if o.tgt.IDs[b*o.T+t] >= 0 {
				o.at[b] = b*o.T + t
				break
			}
		}
		if o.at[b] < 0 {
			return fmt.Errorf("ops: LastToken: sequence %d has no position to read (every target is ignored)", b)
		}
	}
	return nil
}

func (o *lastTokenOp) Do(vals ...gorgonia.Value) (gorgonia.Value, error) {
	if err := o.locate(); err != nil {
		return nil, err
	}
	return o.kernelOp.Do(vals...)
}

func (o *lastTokenOp) UsePreallocDo(prealloc gorgonia.Value, vals ...gorgonia.Value) (gorgonia.Value, error) {
	if err := o.locate(); err != nil {
		return nil, err
	}
	return o.kernelOp.UsePreallocDo(prealloc, vals...)
}

func (o *lastTokenOp) DiffWRT(int) []bool { return []bool{true} }

// SymDiff scatters the output gradient into the picked rows.
func (o *lastTokenOp) SymDiff(inputs gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	back := &kernelOp{name: "LastTokenGrad", arity: 2, shape: shapeOf(0),
		run: func(out []float32, in [][]float32, s []tensor.Shape) {
			c := s[0][1]
			clear(out)
			for b, i := range o.at {
				copy(out[i*c:(i+1)*c], in[1][b*c:(b+1)*c])
			}
		}}
	g, err := gorgonia.ApplyOp(back, inputs[0], grad)
	return gorgonia.Nodes{g}, err
}

// Pairs sets up PairwiseLoss and keeps the rewards its runs computed.
type Pairs struct {
	// Margin is m in −log σ(r_c − r_r − m): the chosen reward must beat
	// the rejected one by m before the loss flattens (TRL's "margin"
	// column, one value for every pair).
	Margin float32
	// Center is TRL's center_rewards_coefficient: the loss adds
	// Center·mean over pairs of (r_c + r_r)², pulling rewards towards a
	// zero mean (Eisenstein et al. 2023, eq. 2). 0 turns it off.
	Center float32

	rewards []float32 // every forward's rewards since Reset
}

// Reset forgets the rewards of earlier runs.
func (p *Pairs) Reset() { p.rewards = p.rewards[:0] }

// Rewards returns the rewards of every run since the last Reset, in order:
// each run's B rewards laid out as its rows, [c₀, r₀, c₁, r₁, …] (valid
// until the next run or Reset).
func (p *Pairs) Rewards() []float32 { return p.rewards }

// PairStats returns the accuracy (the share of pairs whose chosen reward
// is strictly above the rejected one, as TRL counts it) and the mean
// margin r_c − r_r of rewards laid out [c₀, r₀, c₁, r₁, …]; zeros when
// there is no pair.
func PairStats(rewards []float32) (accuracy, margin float64) {
	n := len(rewards) / 2
	if n == 0 {
		return 0, 0
	}
	for k := range n {
		c, r := float64(rewards[2*k]), float64(rewards[2*k+1])
		if c > r {
			accuracy++
		}
		margin += c - r
	}
	return accuracy / float64(n), margin / float64(n)
}

// pairLossOp is the mean pairwise loss of B rewards: a float32 scalar.
type pairLossOp struct {
	scalarLossOp
	p *Pairs
}

// PairwiseLoss returns the loss of TRL's RewardTrainer on the B rewards in
// r (B×1 or B values, B even, laid out [c₀, r₀, c₁, r₁, …]: the chosen
// and the rejected response of each pair):
//
//	loss = mean_k −log σ(c_k − r_k − Margin) + Center·mean_k (c_k + r_k)²
//
// computed in float64. Each run appends its rewards to p (see
// Pairs.Rewards); p's Margin and Center are read at each run.
func PairwiseLoss(r *gorgonia.Node, p *Pairs) (*gorgonia.Node, error) {
	if n := r.Shape().TotalSize(); n < 2 || n%2 != 0 {
		return nil, fmt.Errorf("ops: PairwiseLoss: %d rewards (shape %v), want an even number >= 2", n, r.Shape())
	}
	if p == nil {
		return nil, fmt.Errorf("ops: PairwiseLoss: no Pairs")
	}
	op := &pairLossOp{p: p}
	op.scalarLossOp = newScalarLossOp("PairwiseLoss", op, "rewards")
	return gorgonia.ApplyOp(op, r)
}

// softplus is log(1 + eˣ) without overflow: −log σ(−x).
func softplus(x float64) float64 {
	return max(x, 0) + math.Log1p(math.Exp(-math.Abs(x)))
}

// sigmoid is σ(x) = 1/(1 + e⁻ˣ) without overflow.
func sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// forward computes the loss of the rewards in[0] and appends them to p.
func (o *pairLossOp) forward(in [][]float32, _ []tensor.Shape) (float32, error) {
	r := in[0]
	n := len(r) / 2
	m, center := float64(o.p.Margin), float64(o.p.Center)
	var loss float64
	for k := range n {
		c, j := float64(r[2*k]), float64(r[2*k+1])
		loss += softplus(-(c - j - m)) + center*(c+j)*(c+j)
	}
	o.p.rewards = append(o.p.rewards, r...)
	return float32(loss / float64(n)), nil
}

// backward writes dr: for pair k with d = c − r − m and s = c + r,
// dc = (−σ(−d) + 2·Center·s)/n and dr = (σ(−d) + 2·Center·s)/n, times the
// upstream gradient.
func (o *pairLossOp) backward(_ int, dx, r []float32, _ tensor.Shape, up float32) error {
	n := len(r) / 2
	m, center := float64(o.p.Margin), float64(o.p.Center)
	scale := float64(up) / float64(n)
	for k := range n {
		c, j := float64(r[2*k]), float64(r[2*k+1])
		s := sigmoid(-(c - j - m))
		cent := 2 * center * (c + j)
		dx[2*k] = float32(scale * (-s + cent))
		dx[2*k+1] = float32(scale * (s + cent))
	}
	return nil
}
