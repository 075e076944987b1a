package kernels

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// xentRef64 is the float64 reference for CrossEntropyForward, as PyTorch's
// F.cross_entropy(..., ignore_index=-100, reduction="mean") defines it.
func xentRef64(logits []float64, targets []int, N, V int) (losses []float64, mean float64, count int) {
	losses = make([]float64, N)
	var sum float64
	for i := 0; i < N; i++ {
		if targets[i] < 0 {
			continue
		}
		row := logits[i*V : (i+1)*V]
		mx := math.Inf(-1)
		for _, x := range row {
			mx = math.Max(mx, x)
		}
		var z float64
		for _, x := range row {
			z += math.Exp(x - mx)
		}
		losses[i] = mx + math.Log(z) - row[targets[i]]
		sum += losses[i]
		count++
	}
	if count > 0 {
		mean = sum / float64(count)
	}
	return losses, mean, count
}

type xentCase struct {
	name    string
	N, V    int
	targets []int
	shift   float32 // added to every logit
	spread  float32 // logits are spread·N(0,1)
}

var xentCases = []xentCase{
	{"one class", 1, 1, []int{0}, 0, 1},
	{"mixed ignored", 4, 5, []int{0, -100, 4, 2}, 0, 1},
	{"all ignored", 3, 7, []int{-100, -1, -100}, 0, 1},
	{"wide", 5, 1000, []int{999, 0, -100, 500, 17}, 0, 3},
	{"large logits", 4, 33, []int{3, 32, -100, 0}, 1e4, 30},
	{"very negative", 3, 50, []int{1, 2, 3}, -1e4, 100},
}

func (c xentCase) logits(r *rand.Rand) []float32 {
	x := make([]float32, c.N*c.V)
	for i := range x {
		x[i] = c.shift + c.spread*float32(r.NormFloat64())
	}
	return x
}

func xentNaNs(n int) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = float32(math.NaN())
	}
	return s
}

// TestCrossEntropyForward compares per-row losses, the mean and the count
// with the float64 reference; ignored rows must read 0 even when the buffer
// held NaN.
func TestCrossEntropyForward(t *testing.T) {
	for _, c := range xentCases {
		t.Run(c.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(c.N), uint64(c.V)))
			logits := c.logits(r)
			losses := xentNaNs(c.N)
			mean, count, err := CrossEntropyForward(losses, logits, c.targets, c.N, c.V)
			if err != nil {
				t.Fatal(err)
			}
			want, wantMean, wantCount := xentRef64(attnTo64(logits), c.targets, c.N, c.V)
			if count != wantCount {
				t.Errorf("count = %d, want %d", count, wantCount)
			}
			if d := math.Abs(float64(mean) - wantMean); !(d <= 1e-5*(1+math.Abs(wantMean))) {
				t.Errorf("mean = %g, want %g", mean, wantMean)
			}
			attnCheck(t, "losses", losses, want, 1e-5)
		})
	}
}

// TestCrossEntropyIgnoredRowsDoNotCount checks that the logits of ignored
// rows do not affect the mean and that the count excludes them.
func TestCrossEntropyIgnoredRowsDoNotCount(t *testing.T) {
	const N, V = 6, 40
	r := rand.New(rand.NewPCG(11, 12))
	targets := []int{5, -100, 39, -100, 0, -7}
	logits := attnRandom(r, N*V)
	losses := make([]float32, N)
	mean, count, err := CrossEntropyForward(losses, logits, targets, N, V)
	if err != nil || count != 3 {
		t.Fatalf("count %d err %v, want 3 counted rows", count, err)
	}
	for _, i := range []int{1, 3, 5} {
		for j := 0; j < V; j++ {
			logits[i*V+j] = 100 * float32(r.NormFloat64())
		}
	}
	mean2, count2, err := CrossEntropyForward(losses, logits, targets, N, V)
	if err != nil || mean2 != mean || count2 != count {
		t.Errorf("changing ignored rows moved the result: %g/%d → %g/%d (%v)", mean, count, mean2, count2, err)
	}
}

// TestCrossEntropyRejectsBadInput checks that a target ≥ V or a short slice
// is an error, not a panic, and that nothing is written.
func TestCrossEntropyRejectsBadInput(t *testing.T) {
	const N, V = 4, 5
	logits := make([]float32, N*V)
	for _, c := range []struct {
		name    string
		losses  []float32
		logits  []float32
		targets []int
		want    []string
	}{
		{"target = V", make([]float32, N), logits, []int{0, 1, 5, 2}, []string{"row 2", "target 5"}},
		{"huge target", make([]float32, N), logits, []int{0, 1, 2, 1 << 40}, []string{"row 3", "target 1099511627776"}},
		{"short losses", make([]float32, N-1), logits, []int{0, 1, 2, 3}, []string{"losses"}},
		{"short logits", make([]float32, N), logits[:N*V-1], []int{0, 1, 2, 3}, []string{"logits"}},
		{"short targets", make([]float32, N), logits, []int{0, 1, 2}, []string{"targets"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			for i := range c.losses {
				c.losses[i] = -1
			}
			_, _, err := CrossEntropyForward(c.losses, c.logits, c.targets, N, V)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			for i, l := range c.losses {
				if l != -1 {
					t.Errorf("losses[%d] written (%g) before the error", i, l)
				}
			}
		})
	}
}

// TestCrossEntropyBackward checks dlogits against central finite
// differences of dloss·mean on the float64 reference (scale = dloss/count),
// that ignored rows are zero, that counted rows sum to zero, and that
// dlogits may alias logits.
func TestCrossEntropyBackward(t *testing.T) {
	for _, c := range xentCases {
		t.Run(c.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(c.V), uint64(c.N)))
			logits := c.logits(r)
			_, count, err := CrossEntropyForward(make([]float32, c.N), logits, c.targets, c.N, c.V)
			if err != nil {
				t.Fatal(err)
			}
			const dloss = 1.7
			scale := float32(dloss / float64(max(count, 1)))
			d := xentNaNs(c.N * c.V)
			CrossEntropyBackward(d, logits, c.targets, c.N, c.V, scale)

			x64 := attnTo64(logits)
			grad := attnNumGrad(x64, nil, func() float64 {
				_, m, _ := xentRef64(x64, c.targets, c.N, c.V)
				return dloss * m
			})
			for i, want := range grad {
				if diff := math.Abs(float64(d[i]) - want); !(diff <= 1e-5+1e-4*math.Abs(want)) {
					t.Fatalf("dlogits[%d] = %g, finite differences %g", i, d[i], want)
				}
			}
			for i, tg := range c.targets {
				row := d[i*c.V : (i+1)*c.V]
				var sum float64
				for _, g := range row {
					if tg < 0 && g != 0 {
						t.Fatalf("ignored row %d has gradient %g", i, g)
					}
					sum += float64(g)
				}
				if math.Abs(sum) > 1e-6*float64(scale)*math.Sqrt(float64(c.V)) {
					t.Errorf("row %d of dlogits sums to %g, want 0", i, sum)
				}
			}

			inPlace := append([]float32(nil), logits...)
			CrossEntropyBackward(inPlace, inPlace, c.targets, c.N, c.V, scale)
			for i := range d {
				if inPlace[i] != d[i] {
					t.Fatalf("in place: dlogits[%d] = %g, want %g", i, inPlace[i], d[i])
				}
			}
		})
	}
}

// TestCrossEntropyBackwardBadTarget checks that a target ≥ V reaching the
// backward pass gives a zero row instead of a panic in a worker.
func TestCrossEntropyBackwardBadTarget(t *testing.T) {
	const N, V = 3, 4
	d := xentNaNs(N * V)
	CrossEntropyBackward(d, make([]float32, N*V), []int{0, 4, -100}, N, V, 1)
	for j := V; j < 3*V; j++ {
		if d[j] != 0 {
			t.Fatalf("dlogits[%d] = %g, want 0", j, d[j])
		}
	}
	if math.Abs(float64(d[0])+0.75) > 1e-7 || math.Abs(float64(d[1])-0.25) > 1e-7 {
		t.Errorf("row 0 = %v, want [-0.75 0.25 0.25 0.25]", d[:V])
	}
}

// TestCrossEntropyAllocs checks that neither pass allocates beyond the
// closure handed to the worker pool.
func TestCrossEntropyAllocs(t *testing.T) {
	const N, V = 64, 500
	r := rand.New(rand.NewPCG(1, 1))
	logits, losses, d := attnRandom(r, N*V), make([]float32, N), make([]float32, N*V)
	targets := make([]int, N)
	for i := range targets {
		targets[i] = r.IntN(V)
	}
	allocs := testing.AllocsPerRun(20, func() {
		if _, _, err := CrossEntropyForward(losses, logits, targets, N, V); err != nil {
			t.Fatal(err)
		}
		CrossEntropyBackward(d, logits, targets, N, V, 1.0/N)
	})
	if allocs > 2 {
		t.Errorf("%.1f allocations per forward+backward, want ≤ 2", allocs)
	}
}

// BenchmarkCrossEntropy times both passes at N=2048 rows of a 32000-word
// vocabulary (Llama-2's), reporting the logits streamed per second.
func BenchmarkCrossEntropy(b *testing.B) {
	const N, V = 2048, 32000
	r := rand.New(rand.NewPCG(2, 2))
	logits, losses, d := attnRandom(r, N*V), make([]float32, N), make([]float32, N*V)
	targets := make([]int, N)
	for i := range targets {
		targets[i] = r.IntN(V)
		if i%10 == 0 {
			targets[i] = -100
		}
	}
	report := func(b *testing.B, passes int) {
		b.ReportMetric(float64(passes)*4*N*V*float64(b.N)/b.Elapsed().Seconds()/1e9, "GB/s")
	}
	b.Run("fwd", func(b *testing.B) {
		for b.Loop() {
			CrossEntropyForward(losses, logits, targets, N, V)
		}
		report(b, 1)
	})
	b.Run("bwd", func(b *testing.B) {
		for b.Loop() {
			CrossEntropyBackward(d, logits, targets, N, V, 1.0/N)
		}
		report(b, 1)
	})
	b.Run("fwd+bwd", func(b *testing.B) {
		for b.Loop() {
			_, count, _ := CrossEntropyForward(losses, logits, targets, N, V)
			CrossEntropyBackward(d, logits, targets, N, V, 1/float32(count))
		}
		report(b, 2)
	})
}
