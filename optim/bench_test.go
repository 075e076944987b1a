package optim

import "testing"

// BenchmarkAdamW steps 15M parameters (about stories15m) laid out as
// fifteen 1M-element tensors, one of them NoDecay, and reports ns/param.
func BenchmarkAdamW(b *testing.B) {
	const n, per = 15, 1 << 20
	ps := make([]Param, n)
	for i := range ps {
		ps[i] = Param{Name: string(rune('a' + i)), Data: make([]float32, per), Grad: make([]float32, per), NoDecay: i == 0}
		for j := range ps[i].Grad {
			ps[i].Data[j] = float32(j%97) * 0.01
			ps[i].Grad[j] = float32(j%89-44) * 1e-3
		}
	}
	opt, _ := NewAdamW(DefaultConfig())
	if err := opt.Step(ps, 1e-3); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := opt.Step(ps, 1e-3); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(n*per), "ns/param")
}
