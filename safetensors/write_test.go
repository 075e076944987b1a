package safetensors

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// specials are float32 bit patterns worth a round trip: zeros, infinities,
// NaNs with payloads (quiet and signalling), subnormals, extremes.
var specials = []uint32{
	0x00000000, 0x80000000, // ±0
	0x7f800000, 0xff800000, // ±Inf
	0x7fc00000, 0xffc00000, 0x7fc00001, 0x7f800001, 0xff812345, 0x7fffffff, // NaNs
	0x00000001, 0x80000001, 0x007fffff, 0x807fffff, 0x00400000, // subnormals
	0x00800000, 0x7f7fffff, 0xff7fffff, // smallest normal, ±max
	0x3f800000, 0xbfc00000, 0x3dcccccd, 0x477fe000, 0x477ff000, // 1, -1.5, 0.1, 65504, 65520
	0x33800000, 0x33000000, 0x33000001, // F16's smallest subnormal 2^-24, half of it, just above half
}

func specialFloats(random int) []float32 {
	vs := make([]float32, 0, len(specials)+random)
	for _, u := range specials {
		vs = append(vs, math.Float32frombits(u))
	}
	r := rand.New(rand.NewPCG(7, 7))
	for range random {
		vs = append(vs, math.Float32frombits(r.Uint32()))
	}
	return vs
}

// sameFloat is bit equality, except that any NaN equals any NaN.
func sameFloat(a, b float32) bool {
	return math.Float32bits(a) == math.Float32bits(b) || (a != a && b != b)
}

func TestWriteRoundTrip(t *testing.T) {
	vals := specialFloats(1000 - len(specials))
	path := filepath.Join(t.TempDir(), "model.safetensors")
	ts := []Tensor{
		{Name: "f32", Shape: []int{10, 100}, Data: vals},
		{Name: "f32 explicit", Shape: []int{1000}, DType: F32, Data: vals},
		{Name: "f16", Shape: []int{1000}, DType: F16, Data: vals},
		{Name: "bf16", Shape: []int{2, 500}, DType: BF16, Data: vals},
		{Name: "empty", Shape: []int{0, 3}},
		{Name: "scalar", DType: BF16, Data: []float32{-2.5}},
	}
	if err := Write(path, ts, nil); err != nil {
		t.Fatal(err)
	}
	if ts[0].DType != "" {
		t.Errorf("Write changed the caller's DType to %q", ts[0].DType)
	}
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.Metadata != nil {
		t.Errorf("Metadata %v, want none", f.Metadata)
	}
	cases := []struct {
		name  string
		dtype DType
		shape []int
		want  func(float32) float32
	}{
		{"f32", F32, []int{10, 100}, func(v float32) float32 { return v }},
		{"f32 explicit", F32, []int{1000}, func(v float32) float32 { return v }},
		{"f16", F16, []int{1000}, func(v float32) float32 { return F16ToFloat32(Float32ToF16(v)) }},
		{"bf16", BF16, []int{2, 500}, func(v float32) float32 { return BF16ToFloat32(Float32ToBF16(v)) }},
	}
	for _, c := range cases {
		info := f.Tensors[c.name]
		if info.DType != c.dtype || !reflect.DeepEqual(info.Shape, c.shape) {
			t.Errorf("%s: %s %v, want %s %v", c.name, info.DType, info.Shape, c.dtype, c.shape)
		}
		got := make([]float32, len(vals))
		if err := f.ReadFloat32(c.name, got); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			want := c.want(v)
			exact := math.Float32bits(got[i]) == math.Float32bits(want)
			if !exact && !(c.dtype != F32 && sameFloat(got[i], want)) {
				t.Errorf("%s[%d]: wrote %#08x, read %#08x, want %#08x", c.name, i,
					math.Float32bits(v), math.Float32bits(got[i]), math.Float32bits(want))
			}
		}
	}
	// A few rounded values spelled out, so the test does not only trust
	// the conversion functions.
	index := map[uint32]int{}
	for i, u := range specials {
		index[u] = i
	}
	inf := float32(math.Inf(1))
	for _, c := range []struct {
		name string
		in   uint32
		want float32
	}{
		{"f16", 0x3dcccccd, 0.099975586}, {"bf16", 0x3dcccccd, 0.100097656}, // 0.1
		{"f16", 0x477ff000, inf}, {"bf16", 0x477ff000, 65536}, // 65520
		{"f16", 0x33000000, 0}, {"f16", 0x33000001, 0x1p-24}, {"bf16", 0x33000001, 0x1.00p-25}, // 2^-25, a bit above
		{"f16", 0x00000001, 0}, {"bf16", 0x00000001, 0}, {"bf16", 0x807fffff, float32(math.Copysign(0x1p-126, -1))}, // float32 subnormals
		{"f16", 0xff7fffff, -inf}, {"bf16", 0x7f7fffff, inf}, // ±max float32
	} {
		got := make([]float32, len(vals))
		f.ReadFloat32(c.name, got)
		if g := got[index[c.in]]; math.Float32bits(g) != math.Float32bits(c.want) {
			t.Errorf("%s of %#08x = %g, want %g", c.name, c.in, g, c.want)
		}
	}
	var s [1]float32
	if err := f.ReadFloat32("scalar", s[:]); err != nil || s[0] != -2.5 || len(f.Tensors["scalar"].Shape) != 0 {
		t.Errorf("scalar: %v %v shape %v", s, err, f.Tensors["scalar"].Shape)
	}
	if err := f.ReadFloat32("missing", nil); err == nil || !strings.Contains(err.Error(), `missing tensor "missing"`) || !strings.Contains(err.Error(), path) {
		t.Errorf("missing tensor: %v", err)
	}
	if err := f.ReadFloat32("f16", make([]float32, 3)); err == nil || !strings.Contains(err.Error(), `tensor "f16" has 1000 elements, want 3`) {
		t.Errorf("wrong destination size: %v", err)
	}
}

// TestWriteHeaderLayout reads the raw bytes: the header length is a multiple
// of 8, the header is valid JSON padded with spaces, tensors are laid out in
// the order given, and a scalar's shape is [] (not null).
func TestWriteHeaderLayout(t *testing.T) {
	dir := t.TempDir()
	for n := range 17 { // names of 1..17 bytes cover every padding
		path := filepath.Join(dir, "m.safetensors")
		name := strings.Repeat("x", n+1)
		ts := []Tensor{{Name: name, Shape: []int{2}, Data: []float32{1, 2}}, {Name: "s", DType: F16, Data: []float32{3}}}
		if err := Write(path, ts, nil); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		hl := binary.LittleEndian.Uint64(b)
		if hl%8 != 0 || uint64(len(b)) != 8+hl+10 {
			t.Fatalf("name %q: header length %d, file %d bytes", name, hl, len(b))
		}
		js := string(b[8 : 8+hl])
		if trimmed := strings.TrimRight(js, " "); len(js)-len(trimmed) >= 8 || !strings.HasSuffix(trimmed, "}") {
			t.Errorf("name %q: header %q is not JSON padded with fewer than 8 spaces", name, js)
		}
		var raw map[string]struct {
			Shape   []int   `json:"shape"`
			Offsets []int64 `json:"data_offsets"`
		}
		if err := json.Unmarshal([]byte(js), &raw); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(raw[name].Offsets, []int64{0, 8}) || !reflect.DeepEqual(raw["s"].Offsets, []int64{8, 10}) {
			t.Errorf("offsets %v", raw)
		}
		if !strings.Contains(js, `"s":{"dtype":"F16","shape":[],`) {
			t.Errorf("scalar written as %s", js)
		}
		if got := binary.LittleEndian.Uint32(b[8+hl+4:]); got != math.Float32bits(2) {
			t.Errorf("second value of %q stored as %#x", name, got)
		}
	}
}

func TestWriteMetadata(t *testing.T) {
	md := map[string]string{"format": "pt", "empty": "", "quote\"key": "line\nbreak", "ünï": "😀", "__x": "{}"}
	path := filepath.Join(t.TempDir(), "model.safetensors")
	if err := Write(path, []Tensor{{Name: "w", Shape: []int{1}, Data: []float32{1}}}, md); err != nil {
		t.Fatal(err)
	}
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if !reflect.DeepEqual(f.Metadata, md) {
		t.Errorf("Metadata %q, want %q", f.Metadata, md)
	}
	if _, ok := f.Tensors["__metadata__"]; ok || len(f.Tensors) != 1 {
		t.Errorf("tensors %v", f.Names())
	}
}

// dirNames lists dir, so tests can see temporary files left behind.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteReplacesAtomically(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "model.safetensors")
	if err := Write(path, []Tensor{{Name: "v", Shape: []int{2}, Data: []float32{1, 2}}}, nil); err != nil {
		t.Fatal(err)
	}
	old, err := Open(path) // a reader holding the old file while it is replaced
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if err := Write(path, []Tensor{{Name: "v", Shape: []int{3}, Data: []float32{7, 8, 9}}}, nil); err != nil {
		t.Fatal(err)
	}
	got := make([]float32, 2)
	if err := old.ReadFloat32("v", got); err != nil || got[0] != 1 || got[1] != 2 {
		t.Errorf("old reader sees %v, %v; want the old file intact", got, err)
	}
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got = make([]float32, 3)
	if err := f.ReadFloat32("v", got); err != nil || !reflect.DeepEqual(got, []float32{7, 8, 9}) {
		t.Errorf("new file holds %v, %v", got, err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", st.Mode())
	}
	if names := dirNames(t, dir); !reflect.DeepEqual(names, []string{"model.safetensors"}) {
		t.Errorf("folder holds %v, want only model.safetensors", names)
	}
}

func TestWriteErrorsKeepOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "model.safetensors")
	orig := []Tensor{{Name: "keep", Shape: []int{1}, Data: []float32{42}}}
	if err := Write(path, orig, nil); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	one := func(name string, v float32) Tensor { return Tensor{Name: name, Shape: []int{1}, Data: []float32{v}} }
	cases := []struct {
		name    string
		tensors []Tensor
		want    string
	}{
		{"duplicate name", []Tensor{one("a", 1), one("b", 2), one("a", 3)}, `tensor "a" written twice`},
		{"duplicate with another dtype", []Tensor{one("a", 1), {Name: "a", DType: F16, Shape: []int{1}, Data: []float32{1}}}, `tensor "a" written twice`},
		{"integer dtype", []Tensor{{Name: "i", DType: "I32", Shape: []int{1}, Data: []float32{1}}}, `tensor "i": cannot write dtype I32`},
		{"unknown dtype", []Tensor{{Name: "q", DType: "Q4", Shape: []int{1}, Data: []float32{1}}}, `tensor "q": cannot write dtype Q4`},
		{"too few values", []Tensor{{Name: "w", Shape: []int{3, 4}, Data: make([]float32, 11)}}, `tensor "w": shape [3 4] does not match its 11 values`},
		{"too many values", []Tensor{{Name: "w", Shape: []int{2}, Data: make([]float32, 3)}}, `tensor "w": shape [2] does not match its 3 values`},
		{"scalar without a value", []Tensor{{Name: "s"}}, `tensor "s": shape [] does not match its 0 values`},
		{"negative shape", []Tensor{{Name: "n", Shape: []int{-1, -2}, Data: make([]float32, 2)}}, `tensor "n": shape [-1 -2] does not match`},
		{"overflowing shape", []Tensor{{Name: "o", Shape: []int{1 << 32, 1 << 32}}}, `tensor "o": shape [4294967296 4294967296] does not match its 0 values`},
		{"reserved name", []Tensor{one("__metadata__", 1)}, `tensor name "__metadata__" is reserved`},
	}
	for _, c := range cases {
		err := Write(path, c.tensors, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: error %v, want one naming %s and %q", c.name, err, path, c.want)
		}
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("a failed write changed the existing file")
	}
	if names := dirNames(t, dir); !reflect.DeepEqual(names, []string{"model.safetensors"}) {
		t.Errorf("failed writes left %v", names)
	}
	if err := Write(filepath.Join(dir, "no", "such", "folder.safetensors"), orig, nil); err == nil {
		t.Error("write into a missing folder succeeded")
	}
}
