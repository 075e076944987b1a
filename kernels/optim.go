package kernels

import "math"

// SumSquares returns Σ x[i]² accumulated in float64.
func SumSquares(x []float32) float64 {
	n := len(x)
	var s float64
	i := 0
	if hasAVX2 && n >= 8 {
		i = n &^ 7
		s = sumSquaresAVX2(&x[0], i)
	}
	for ; i < n; i++ {
		s += float64(x[i]) * float64(x[i])
	}
	return s
}

// Scale multiplies x by a in place.
func Scale(x []float32, a float32) { scaleFloat32(x, a) }

// AdamWCoef holds the float32 scalars of one AdamW step, in the order the
// assembly reads them.
type AdamWCoef struct {
	Decay   float32 // 1 − lr·weight_decay (1 for parameters without decay)
	B1, C1  float32 // β1 and 1 − β1
	B2, C2  float32 // β2 and 1 − β2
	BC2Sqrt float32 // √(1 − β2^t)
	Eps     float32
	NegStep float32 // −lr / (1 − β1^t)
}

// AdamW applies one update in place, as torch.optim.AdamW (foreach=False)
// does in float32:
//
//	data ← data·Decay;  m ← m·B1 + C1·g;  v ← v·B2 + C2·g·g
//	data ← data + NegStep·m / (√v / BC2Sqrt + Eps)
//
// grad, m and v have at least len(data) elements.
func AdamW(data, grad, m, v []float32, c *AdamWCoef) {
	n := len(data)
	grad, m, v = grad[:n], m[:n], v[:n]
	i := 0
	if hasAVX2 && n >= 8 {
		i = n &^ 7
		adamwAVX2(&data[0], &grad[0], &m[0], &v[0], i, c)
	}
	adamWScalar(data[i:], grad[i:], m[i:], v[i:], c)
}

func adamWScalar(data, grad, m, v []float32, c *AdamWCoef) {
	for j, g := range grad[:len(data)] {
		x := data[j] * c.Decay                                 // param.mul_(1 - lr*wd)
		mj := m[j]*c.B1 + c.C1*g                               // exp_avg.mul_(b1).add_(g, alpha=1-b1)
		vj := v[j]*c.B2 + c.C2*g*g                             // exp_avg_sq.mul_(b2).addcmul_(g, g, value=1-b2)
		d := float32(math.Sqrt(float64(vj)))/c.BC2Sqrt + c.Eps // denom
		data[j] = x + c.NegStep*mj/d                           // param.addcdiv_(m, denom, value=-step_size)
		m[j], v[j] = mj, vj
	}
}
