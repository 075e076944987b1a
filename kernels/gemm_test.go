package kernels

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

func randSlice(r *rand.Rand, n int) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = float32(r.NormFloat64())
	}
	return s
}

// naiveGemm is the float64 reference for Sgemm.
func naiveGemm(tA, tB bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int,
	beta float32, c []float32, ldc int) []float64 {
	out := make([]float64, m*n)
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			var s float64
			for p := 0; p < k; p++ {
				var av, bv float32
				if tA {
					av = a[p*lda+i]
				} else {
					av = a[i*lda+p]
				}
				if tB {
					bv = b[j*ldb+p]
				} else {
					bv = b[p*ldb+j]
				}
				s += float64(av) * float64(bv)
			}
			out[i*n+j] = float64(alpha)*s + float64(beta)*float64(c[i*ldc+j])
		}
	}
	return out
}

// parallel runs the pool-splitting Sgemm on the active backend.
type parallel struct{}

func (parallel) Name() string { return "parallel " + Active().Name() }
func (parallel) Sgemm(tA, tB bool, m, n, k int, alpha float32, a []float32, lda int,
	b []float32, ldb int, beta float32, c []float32, ldc int) {
	Sgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

func backends(t *testing.T) []Backend {
	bs := []Backend{PureGo{}, parallel{}}
	if ob, err := LoadOpenBLAS(); err == nil {
		bs = append(bs, ob)
	} else {
		t.Logf("OpenBLAS not tested: %v", err)
	}
	return bs
}

func TestSgemmMatchesNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	shapes := []struct{ m, n, k int }{{1, 7, 5}, {3, 1, 4}, {5, 6, 7}, {17, 33, 65}, {1, 300, 288}, {64, 300, 70}, {8, 33, 37}, {13, 50, 100}, {16, 9, 48}}
	for _, be := range backends(t) {
		for _, s := range shapes {
			for _, tA := range []bool{false, true} {
				for _, tB := range []bool{false, true} {
					lda, ldb := s.k, s.n
					if tA {
						lda = s.m
					}
					if tB {
						ldb = s.k
					}
					a, b := randSlice(r, s.m*s.k), randSlice(r, s.k*s.n)
					c := randSlice(r, s.m*s.n)
					want := naiveGemm(tA, tB, s.m, s.n, s.k, 0.5, a, lda, b, ldb, 0.25, c, s.n)
					be.Sgemm(tA, tB, s.m, s.n, s.k, 0.5, a, lda, b, ldb, 0.25, c, s.n)
					for i := range c {
						if d := math.Abs(float64(c[i]) - want[i]); d > 1e-4*(1+math.Abs(want[i])) {
							t.Fatalf("%s %+v tA=%v tB=%v: c[%d]=%g want %g", be.Name(), s, tA, tB, i, c[i], want[i])
						}
					}
				}
			}
		}
	}
}

// TestGorgoniaUsesBackend runs a float32 matmul through a gorgonia graph
// and checks that it went through the active backend, with the right result.
func TestGorgoniaUsesBackend(t *testing.T) {
	if _, ok := gorgonia.WhichBLAS().(GonumBLAS); !ok {
		t.Fatalf("gorgonia uses %T, want kernels.GonumBLAS", gorgonia.WhichBLAS())
	}
	counter := &countingBackend{Backend: Active()}
	SetBackend(counter)
	defer SetBackend(counter.Backend)
	g := gorgonia.NewGraph()
	a := gorgonia.NewMatrix(g, tensor.Float32, gorgonia.WithShape(2, 3), gorgonia.WithName("a"),
		gorgonia.WithValue(tensor.New(tensor.WithShape(2, 3), tensor.WithBacking([]float32{1, 2, 3, 4, 5, 6}))))
	b := gorgonia.NewMatrix(g, tensor.Float32, gorgonia.WithShape(3, 2), gorgonia.WithName("b"),
		gorgonia.WithValue(tensor.New(tensor.WithShape(3, 2), tensor.WithBacking([]float32{1, 0, 0, 1, 1, 1}))))
	c, err := gorgonia.Mul(a, b)
	if err != nil {
		t.Fatal(err)
	}
	vm := gorgonia.NewTapeMachine(g)
	defer vm.Close()
	if err := vm.RunAll(); err != nil {
		t.Fatal(err)
	}
	got := c.Value().Data().([]float32)
	want := []float32{4, 5, 10, 11}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("gorgonia matmul = %v, want %v", got, want)
		}
	}
	if counter.calls == 0 {
		t.Error("gorgonia's matmul did not reach the kernels backend")
	}
}

type countingBackend struct {
	Backend
	calls int
}

func (c *countingBackend) Sgemm(tA, tB bool, m, n, k int, alpha float32, a []float32, lda int,
	b []float32, ldb int, beta float32, cm []float32, ldc int) {
	c.calls++
	c.Backend.Sgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, cm, ldc)
}

func BenchmarkSgemm1024(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	const n = 1024
	x, w, out := randSlice(r, n*n), randSlice(r, n*n), make([]float32, n*n)
	for _, be := range backends(&testing.T{}) {
		b.Run(be.Name(), func(b *testing.B) {
			for b.Loop() {
				be.Sgemm(false, true, n, n, n, 1, x, n, w, n, 0, out, n)
			}
			b.ReportMetric(2*n*n*n*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

func TestFallbackWhenOpenBLASMissing(t *testing.T) {
	t.Setenv("PADDOCK_BLAS", "/no/such/libopenblas.so.0")
	_, err := LoadOpenBLAS()
	if err == nil {
		t.Fatal("loading a missing library succeeded")
	}
	note := fallbackNote(err)
	for _, want := range []string{"/no/such/libopenblas.so.0", "pure-Go", "apt-get install libopenblas0"} {
		if !strings.Contains(note, want) {
			t.Errorf("fallback note %q does not mention %q", note, want)
		}
	}
	t.Setenv("PADDOCK_BLAS", "none")
	if _, err := LoadOpenBLAS(); err == nil {
		t.Error("PADDOCK_BLAS=none still loaded OpenBLAS")
	}
}
