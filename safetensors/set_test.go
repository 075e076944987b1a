package safetensors

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestF16RoundsToNearest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for i := 0; i < 200000; i++ {
		v := float32(r.NormFloat64() * math.Pow(2, float64(r.IntN(40)-24)))
		h := Float32ToF16(v)
		if h&0x7c00 == 0x7c00 {
			continue // overflow to Inf is checked in TestHalfConversionsExhaustive
		}
		got := float64(F16ToFloat32(h))
		for _, nb := range []uint16{h - 1, h + 1} {
			if nb&0x7c00 == 0x7c00 || (nb^h)&0x8000 != 0 {
				continue // Inf/NaN or a sign flip
			}
			alt := float64(F16ToFloat32(nb))
			d, da := math.Abs(got-float64(v)), math.Abs(alt-float64(v))
			if da < d || (da == d && h&1 == 1) {
				t.Fatalf("Float32ToF16(%g) = %g, but %g is nearer (or the even tie)", v, got, alt)
			}
		}
	}
}

func writeShards(t *testing.T, dir string, shards map[string][]string, index string) {
	t.Helper()
	for file, names := range shards {
		var ts []Tensor
		for _, n := range names {
			ts = append(ts, Tensor{Name: n, Shape: []int{2}, Data: []float32{1, 2}})
		}
		if err := Write(filepath.Join(dir, file), ts, nil); err != nil {
			t.Fatal(err)
		}
	}
	if index != "" {
		if err := os.WriteFile(filepath.Join(dir, IndexFile), []byte(index), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenDir(t *testing.T) {
	single := t.TempDir()
	writeShards(t, single, map[string][]string{SingleFile: {"a", "b"}}, "")
	s, err := OpenDir(single)
	if err != nil || len(s.Names()) != 2 {
		t.Fatalf("single file: %v, names %v", err, s)
	}
	s.Close()

	sharded := map[string][]string{"m-1.safetensors": {"a"}, "m-2.safetensors": {"b", "c"}, "m-3.safetensors": {"d"}}
	good := `{"weight_map": {"a": "m-1.safetensors", "b": "m-2.safetensors", "c": "m-2.safetensors", "d": "m-3.safetensors"}}`
	dir := t.TempDir()
	writeShards(t, dir, sharded, good)
	s, err = OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	info, f, ok := s.Info("c")
	if !ok || !strings.HasSuffix(f.Path, "m-2.safetensors") || info.NumElements() != 2 {
		t.Errorf("Info(c) = %+v in %v", info, f)
	}
	s.Close()

	cases := []struct{ name, index, want string }{
		{"wrong shard", strings.Replace(good, `"d": "m-3`, `"d": "m-1`, 1), `tensor "d" is mapped to m-1.safetensors but not found there`},
		{"missing shard", strings.Replace(good, `"d": "m-3`, `"d": "m-9`, 1), "m-9.safetensors"},
		{"path escape", strings.Replace(good, `"d": "m-3`, `"d": "../m-3`, 1), "must be a plain file name"},
		{"empty", `{"weight_map": {}}`, "weight_map is empty"},
		{"bad json", `{"weight_map": `, IndexFile},
	}
	for _, c := range cases {
		dir := t.TempDir()
		writeShards(t, dir, sharded, c.index)
		if _, err := OpenDir(dir); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
	dup := t.TempDir()
	writeShards(t, dup, map[string][]string{"x.safetensors": {"a"}, "y.safetensors": {"a"}}, `{"weight_map": {"a": "x.safetensors", "b": "y.safetensors"}}`)
	if _, err := OpenDir(dup); err == nil || !strings.Contains(err.Error(), `tensor "a" is in both`) {
		t.Errorf("duplicate across shards: %v", err)
	}
	if _, err := OpenDir(t.TempDir()); err == nil || !strings.Contains(err.Error(), SingleFile) {
		t.Errorf("empty folder: %v", err)
	}
}
