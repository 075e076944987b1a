package safetensors

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"
)

// halfFormat describes a 16-bit float format independently of float.go:
// the value of each bit pattern is computed from math.Ldexp.
type halfFormat struct {
	name    string
	manBits int // stored mantissa bits
	bias    int
	widen   func(uint16) float32
	narrow  func(float32) uint16
	pos     []float64 // value of positive pattern p; pos[inf] is the value one ulp above the largest finite
	inf     uint16    // the +Inf pattern
}

func newHalfFormat(name string, manBits, bias int, widen func(uint16) float32, narrow func(float32) uint16) *halfFormat {
	h := &halfFormat{name: name, manBits: manBits, bias: bias, widen: widen, narrow: narrow}
	h.inf = uint16(0x7fff) &^ (1<<manBits - 1)
	for p := 0; p <= int(h.inf); p++ {
		e, m := p>>manBits, p&(1<<manBits-1)
		if e == 0 { // subnormal: m·2^(1-bias-manBits)
			h.pos = append(h.pos, math.Ldexp(float64(m), 1-bias-manBits))
		} else { // (2^manBits+m)·2^(e-bias-manBits); at p == inf this is 2^(emax+1)
			h.pos = append(h.pos, math.Ldexp(float64(1<<manBits+m), e-bias-manBits))
		}
	}
	return h
}

var (
	f16Format  = newHalfFormat("F16", 10, 15, F16ToFloat32, Float32ToF16)
	bf16Format = newHalfFormat("BF16", 7, 127, BF16ToFloat32, Float32ToBF16)
)

func (h *halfFormat) isNaN(p uint16) bool { return p&0x7fff > h.inf }

// round is the reference: the nearest pattern to x, ties to the even
// pattern, with values at or past the midpoint above the largest finite
// rounding to Inf (IEEE 754 round-to-nearest-even).
func (h *halfFormat) round(x float32) uint16 {
	var sign uint16
	if math.Signbit(float64(x)) {
		sign = 0x8000
	}
	a := math.Abs(float64(x))
	if a >= h.pos[h.inf] {
		return sign | h.inf
	}
	p := sort.SearchFloat64s(h.pos, a) // first pattern with value >= a
	if h.pos[p] != a {
		below, above := a-h.pos[p-1], h.pos[p]-a
		if below < above || (below == above && (p-1)&1 == 0) {
			p--
		}
	}
	return sign | uint16(p)
}

func (h *halfFormat) check(t *testing.T, x float32) {
	t.Helper()
	got := h.narrow(x)
	if x != x {
		if !h.isNaN(got) || got&0x8000 != uint16(math.Float32bits(x)>>16)&0x8000 {
			t.Errorf("%s: NaN %#08x narrowed to %#04x, want a NaN of the same sign", h.name, math.Float32bits(x), got)
		}
		return
	}
	if want := h.round(x); got != want {
		t.Errorf("%s: %g (%#08x) narrowed to %#04x (%g), want %#04x (%g)", h.name, x, math.Float32bits(x),
			got, h.widen(got), want, h.widen(want))
	}
}

var formats = []*halfFormat{f16Format, bf16Format}

// TestHalfWidenExhaustive checks every 16-bit pattern widens to its exact
// value, and that narrowing it back gives the same pattern (a NaN stays a
// NaN of the same sign).
func TestHalfWidenExhaustive(t *testing.T) {
	for _, h := range formats {
		for i := range 1 << 16 {
			p := uint16(i)
			v := h.widen(p)
			neg := p&0x8000 != 0
			switch {
			case h.isNaN(p):
				if v == v || math.Signbit(float64(v)) != neg {
					t.Fatalf("%s %#04x widened to %g, want a NaN of the same sign", h.name, p, v)
				}
			default:
				want := h.pos[p&0x7fff]
				if p&0x7fff == h.inf {
					want = math.Inf(1)
				}
				if neg {
					want = -want
				}
				if float64(v) != want || math.Signbit(float64(v)) != neg {
					t.Fatalf("%s %#04x widened to %g, want %g", h.name, p, v, want)
				}
			}
			back := h.narrow(v)
			if back != p && !(h.isNaN(p) && h.isNaN(back) && back&0x8000 == p&0x8000) {
				t.Fatalf("%s %#04x -> %g -> %#04x", h.name, p, v, back)
			}
		}
	}
}

// TestHalfNarrowTies checks, for every pair of neighbouring patterns, the
// float32 values at their midpoint and one float32 ulp either side of it.
func TestHalfNarrowTies(t *testing.T) {
	for _, h := range formats {
		for p := 0; p < int(h.inf); p++ {
			mid := (h.pos[p] + h.pos[p+1]) / 2
			m := float32(mid)
			if float64(m) != mid {
				t.Fatalf("%s: midpoint %g of %#04x not a float32", h.name, mid, p)
			}
			for _, x := range []float32{m, math.Nextafter32(m, 0), math.Nextafter32(m, float32(math.Inf(1)))} {
				h.check(t, x)
				h.check(t, -x)
			}
		}
	}
}

func TestHalfNarrowRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 1 << 19 {
		bits := math.Float32frombits(r.Uint32())                                           // every exponent and NaNs
		near := float32(math.Ldexp(r.Float64()+1, r.IntN(48)-30) * float64(1-2*r.IntN(2))) // F16's range
		for _, h := range formats {
			h.check(t, bits)
			h.check(t, near)
		}
	}
}

func TestHalfNarrowEdges(t *testing.T) {
	inf, nan := float32(math.Inf(1)), float32(math.NaN())
	cases := []struct {
		in        float32
		f16, bf16 uint16
		note      string
	}{
		{65519.99, 0x7bff, 0x4780, "just below the overflow threshold: 65504"},
		{math.Nextafter32(65520, 0), 0x7bff, 0x4780, "largest float32 below 65520"},
		{65520, 0x7c00, 0x4780, "the threshold itself ties to Inf (even)"},
		{-65520, 0xfc00, 0xc780, "negative threshold"},
		{65504, 0x7bff, 0x4780, "F16 max; BF16 rounds it up to 65536"},
		{math.MaxFloat32, 0x7c00, 0x7f80, "float32 max: BF16 rounds up to Inf too"},
		{0x1.fefffep127, 0x7c00, 0x7f7f, "just below BF16's overflow midpoint"},
		{inf, 0x7c00, 0x7f80, "Inf"},
		{-inf, 0xfc00, 0xff80, "-Inf"},
		{float32(math.Copysign(0, -1)), 0x8000, 0x8000, "-0"},
		{0x1p-24, 0x0001, 0x3380, "smallest F16 subnormal"},
		{0x1p-25, 0x0000, 0x3300, "half of it ties to 0"},
		{0x1.8p-24, 0x0002, 0x33c0, "1.5 subnormal ulps ties to 2 (even)"},
		{0x1.ff8p-15, 0x03ff, 0x3880, "largest F16 subnormal"},
		{0x1.ffcp-15, 0x0400, 0x3880, "tie above it carries into the smallest normal"},
		{-0x1p-149, 0x8000, 0x8000, "float32 subnormal keeps its sign"},
		{1 + 0x1p-11, 0x3c00, 0x3f80, "tie between 1 and 1+2^-10 rounds to 1"},
		{1 + 0x3p-11, 0x3c02, 0x3f80, "tie between 1+2^-10 and 1+2^-9 rounds up"},
		{1 + 0x1p-8, 0x3c04, 0x3f80, "BF16 tie rounds to even 1"},
		{1 + 0x3p-8, 0x3c0c, 0x3f82, "BF16 tie rounds up to even"},
	}
	for _, c := range cases {
		if got := Float32ToF16(c.in); got != c.f16 {
			t.Errorf("Float32ToF16(%g) = %#04x, want %#04x (%s)", c.in, got, c.f16, c.note)
		}
		if got := Float32ToBF16(c.in); got != c.bf16 {
			t.Errorf("Float32ToBF16(%g) = %#04x, want %#04x (%s)", c.in, got, c.bf16, c.note)
		}
	}
	for _, h := range formats {
		for _, x := range []float32{nan, -nan, math.Float32frombits(0x7f800001), math.Float32frombits(0xffffffff)} {
			h.check(t, x)
		}
	}
}
