package ops

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gorgonia.org/gorgonia"
)

// lossBenchSizes are the rows × vocabulary the loss benchmarks run: a tiny
// one, where the op shells' overhead shows, and a training-sized one.
var lossBenchSizes = [][2]int{{8, 16}, {512, 4096}}

// lossBuilder builds a scalar loss over the logits x (N×V) and returns it
// with the nodes to differentiate.
type lossBuilder func(g *gorgonia.ExprGraph, x *gorgonia.Node, r *rand.Rand, N, V int) (*gorgonia.Node, gorgonia.Nodes, error)

// benchSizes runs benchLoss at each of lossBenchSizes.
func benchSizes(b *testing.B, build lossBuilder) {
	for _, s := range lossBenchSizes {
		b.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(b *testing.B) { benchLoss(b, s[0], s[1], build, nil) })
	}
}

// benchLoss times forward and backward of the loss that build makes, with
// a tape machine reset and run each time (after each, when not nil).
func benchLoss(b *testing.B, N, V int, build lossBuilder, each func()) {
	r := rand.New(rand.NewPCG(3, 3))
	g := gorgonia.NewGraph()
	x := gorgonia.NodeFromAny(g, randTensor(r, N, V), gorgonia.WithName("logits"))
	loss, wrt, err := build(g, x, r, N, V)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := gorgonia.Grad(loss, wrt...); err != nil {
		b.Fatal(err)
	}
	vm := gorgonia.NewTapeMachine(g)
	defer vm.Close()
	b.ReportAllocs()
	for b.Loop() {
		if each != nil {
			each()
		}
		vm.Reset()
		if err := vm.RunAll(); err != nil {
			b.Fatal(err)
		}
	}
}

// benchTargets returns n targets in [0, V), every fourth one ignored.
func benchTargets(r *rand.Rand, n, V int) *Targets {
	t := &Targets{IDs: make([]int, n)}
	for i := range t.IDs {
		t.IDs[i] = r.IntN(V)
		if i%4 == 3 {
			t.IDs[i] = -100
		}
	}
	return t
}

func BenchmarkCrossEntropy(b *testing.B) {
	benchSizes(b, func(_ *gorgonia.ExprGraph, x *gorgonia.Node, r *rand.Rand, N, V int) (*gorgonia.Node, gorgonia.Nodes, error) {
		loss, err := CrossEntropy(x, benchTargets(r, N, V))
		return loss, gorgonia.Nodes{x}, err
	})
}

func BenchmarkCrossEntropyUL(b *testing.B) {
	benchSizes(b, func(_ *gorgonia.ExprGraph, x *gorgonia.Node, r *rand.Rand, N, V int) (*gorgonia.Node, gorgonia.Nodes, error) {
		ids := &Tokens{IDs: make([]int, N)}
		for i := range ids.IDs {
			ids.IDs[i] = r.IntN(V)
		}
		loss, _, err := CrossEntropyUL(x, benchTargets(r, N, V), ids, nil, 8, 0.5)
		return loss, gorgonia.Nodes{x}, err
	})
}

func BenchmarkPPOLoss(b *testing.B) {
	benchSizes(b, func(g *gorgonia.ExprGraph, x *gorgonia.Node, r *rand.Rand, N, V int) (*gorgonia.Node, gorgonia.Nodes, error) {
		d := NewPPOData(N)
		for i := range d.Action {
			if i%4 != 3 {
				d.Action[i] = r.IntN(V)
			}
			d.OldLogProb[i], d.Advantage[i] = -float32(r.Float64()*8), float32(r.NormFloat64())
			d.Return[i], d.OldValue[i] = float32(r.NormFloat64()), float32(r.NormFloat64())
		}
		v := gorgonia.NodeFromAny(g, randTensor(r, N, 1), gorgonia.WithName("values"))
		loss, _, err := PPOLoss(x, v, d, DefaultPPOLossConfig())
		return loss, gorgonia.Nodes{x, v}, err
	})
}

// BenchmarkPairwiseLoss runs on n rewards (n×1), forgetting them each time.
func BenchmarkPairwiseLoss(b *testing.B) {
	for _, n := range []int{8, 512} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			p := &Pairs{Margin: 0.1, Center: 0.01}
			benchLoss(b, n, 1, func(_ *gorgonia.ExprGraph, x *gorgonia.Node, _ *rand.Rand, _, _ int) (*gorgonia.Node, gorgonia.Nodes, error) {
				loss, err := PairwiseLoss(x, p)
				return loss, gorgonia.Nodes{x}, err
			}, p.Reset)
		})
	}
}
