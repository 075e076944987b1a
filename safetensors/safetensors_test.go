package safetensors

import (
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fileBytes builds a safetensors file from a JSON header and a data length.
func fileBytes(header string, dataLen int) []byte {
	b := make([]byte, 8, 8+len(header)+dataLen)
	binary.LittleEndian.PutUint64(b, uint64(len(header)))
	b = append(b, header...)
	return append(b, make([]byte, dataLen)...)
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOpenErrors(t *testing.T) {
	huge := make([]byte, 8+4088)
	binary.LittleEndian.PutUint64(huge, 9e18)
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"short", []byte{1, 2, 3}, "too short for the 8-byte header length"},
		{"huge header", huge, "header length 9000000000000000000 exceeds file size 4096"},
		{"not json", fileBytes("[1,2]   ", 0), "header is not a JSON object"},
		{"unknown dtype", fileBytes(`{"w":{"dtype":"Q7","shape":[1],"data_offsets":[0,4]}}`, 4), `tensor "w": unknown dtype "Q7"`},
		{"beyond data", fileBytes(`{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}`, 4), `tensor "w": data_offsets [0, 8] outside the 4-byte data section`},
		{"reversed", fileBytes(`{"w":{"dtype":"F32","shape":[0],"data_offsets":[4,0]}}`, 4), `tensor "w": data_offsets [4, 0]`},
		{"offset count", fileBytes(`{"w":{"dtype":"F32","shape":[1],"data_offsets":[0]}}`, 4), "data_offsets has 1 values"},
		{"shape mismatch", fileBytes(`{"w":{"dtype":"F16","shape":[3],"data_offsets":[0,4]}}`, 4), "shape [3] of F16 needs 6 bytes, data_offsets give 4"},
		{"negative shape", fileBytes(`{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}`, 4), "shape [-1] is invalid"},
		{"overlap", fileBytes(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}`, 12), `tensors "a" [0, 8] and "b" [4, 12] overlap`},
		{"bad metadata", fileBytes(`{"__metadata__":{"k":1}}`, 0), "__metadata__ must map strings to strings"},
	}
	for _, c := range cases {
		path := writeFile(t, "model.safetensors", c.data)
		_, err := Open(path)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: error %v; want one naming %s and %q", c.name, err, path, c.want)
		}
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	vals := []float32{0, float32(math.Copysign(0, -1)), 1, -2.5, 1e-40, 3.4e38, float32(math.Inf(1)),
		float32(math.Inf(-1)), float32(math.NaN()), 0.1, 65504, 1e-7}
	path := filepath.Join(t.TempDir(), "model.safetensors")
	ts := []Tensor{
		{Name: "f32", Shape: []int{3, 4}, Data: vals},
		{Name: "f16", Shape: []int{12}, DType: F16, Data: vals},
		{Name: "bf16", Shape: []int{2, 6}, DType: BF16, Data: vals},
		{Name: "empty", Shape: []int{0, 3}, Data: nil},
	}
	if err := Write(path, ts, map[string]string{"format": "pt"}); err != nil {
		t.Fatal(err)
	}
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.Metadata["format"] != "pt" || (f.DataStart-8)%8 != 0 {
		t.Errorf("metadata %v, header length %d (want a multiple of 8)", f.Metadata, f.DataStart-8)
	}
	round := map[string]func(float32) float32{
		"f32":  func(v float32) float32 { return v },
		"f16":  func(v float32) float32 { return F16ToFloat32(Float32ToF16(v)) },
		"bf16": func(v float32) float32 { return BF16ToFloat32(Float32ToBF16(v)) },
	}
	for name, rt := range round {
		got := make([]float32, len(vals))
		if err := f.ReadFloat32(name, got); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			want := rt(v)
			if math.Float32bits(got[i]) != math.Float32bits(want) && !(want != want && got[i] != got[i]) {
				t.Errorf("%s[%d] = %g, want %g", name, i, got[i], want)
			}
		}
	}
	if err := f.ReadFloat32("missing", nil); err == nil || !strings.Contains(err.Error(), `missing tensor "missing"`) {
		t.Errorf("missing tensor: %v", err)
	}
	if err := f.ReadFloat32("f32", make([]float32, 3)); err == nil || !strings.Contains(err.Error(), "has 12 elements, want 3") {
		t.Errorf("wrong destination size: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("write left %d files behind, want 1", len(entries))
	}
	if err := Write(path, []Tensor{{Name: "a", Shape: []int{1}, Data: []float32{1}}, {Name: "a", Shape: []int{1}, Data: []float32{2}}}, nil); err == nil {
		t.Error("duplicate tensor name accepted")
	}
}

// TestHalfConversionsExhaustive round-trips every 16-bit pattern and checks
// that float32 → half rounds to the nearest value, ties to even.
func TestHalfConversionsExhaustive(t *testing.T) {
	for h := 0; h < 1<<16; h++ {
		for _, c := range []struct {
			name     string
			widen    func(uint16) float32
			narrow   func(float32) uint16
			expMask  uint16
			mantMask uint16
		}{
			{"F16", F16ToFloat32, Float32ToF16, 0x7c00, 0x03ff},
			{"BF16", BF16ToFloat32, Float32ToBF16, 0x7f80, 0x007f},
		} {
			v := c.widen(uint16(h))
			isNaN := uint16(h)&c.expMask == c.expMask && uint16(h)&c.mantMask != 0
			if back := c.narrow(v); back != uint16(h) && !(isNaN && v != v && c.widen(back) != c.widen(back)) {
				t.Fatalf("%s %#04x -> %g -> %#04x", c.name, h, v, back)
			}
		}
	}
	for _, c := range []struct {
		in   float32
		want uint16
	}{
		{65519.99, 0x7bff}, {65520, 0x7c00}, {1 + 1.0/2048, 0x3c00}, {1 + 3.0/2048, 0x3c02},
		{5.960464477539063e-08, 0x0001}, {2.9e-08, 0x0000}, {-2, 0xc000},
	} {
		if got := Float32ToF16(c.in); got != c.want {
			t.Errorf("Float32ToF16(%g) = %#04x, want %#04x", c.in, got, c.want)
		}
	}
	if got := Float32ToBF16(1 + 1.0/256); got != 0x3f80 { // tie rounds to even
		t.Errorf("Float32ToBF16 tie = %#04x, want 0x3f80", got)
	}
}
