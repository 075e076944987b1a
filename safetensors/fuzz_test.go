package safetensors

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// FuzzParseHeader feeds arbitrary bytes as a whole file: the parser must
// never panic, and whatever it accepts must lie inside the file, match its
// shape and not overlap another tensor.
func FuzzParseHeader(f *testing.F) {
	for _, c := range badFiles() {
		f.Add(c.data)
	}
	f.Add(fileBytes(`{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}`, 8))
	f.Add(fileBytes(`{"__metadata__":{"format":"pt"},"a":{"dtype":"BF16","shape":[1,2],"data_offsets":[0,4]}}`, 4))
	f.Add(fileBytes(`{"e":{"dtype":"F64","shape":[0,9],"data_offsets":[3,3]},"s":{"dtype":"U8","shape":[],"data_offsets":[2,3]}}  `, 3))
	// A file written by Write, so the corpus starts from the real layout.
	path := filepath.Join(f.TempDir(), "seed.safetensors")
	err := Write(path, []Tensor{
		{Name: "a", Shape: []int{2, 2}, Data: []float32{1, 2, 3, 4}},
		{Name: "b", DType: F16, Shape: []int{3}, Data: []float32{1, 2, 3}},
		{Name: "c", DType: BF16, Data: []float32{5}},
	}, map[string]string{"format": "pt"})
	if err != nil {
		f.Fatal(err)
	}
	seed, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)

	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := ParseHeader("fuzz.safetensors", data, int64(len(data)))
		if err != nil {
			return
		}
		if want := 8 + int64(binary.LittleEndian.Uint64(data)); h.DataStart != want || h.DataStart > int64(len(data)) {
			t.Fatalf("DataStart %d, want %d within %d bytes", h.DataStart, want, len(data))
		}
		dataSize := int64(len(data)) - h.DataStart
		var infos []TensorInfo
		for name, info := range h.Tensors {
			if info.Name != name {
				t.Fatalf("tensor %q recorded as %q", name, info.Name)
			}
			if info.Begin < 0 || info.End < info.Begin || info.End > dataSize {
				t.Fatalf("%q accepted with range [%d, %d) outside %d bytes", name, info.Begin, info.End, dataSize)
			}
			for _, d := range info.Shape {
				if d < 0 {
					t.Fatalf("%q accepted with shape %v", name, info.Shape)
				}
			}
			if info.DType.Size() == 0 || info.NumElements()*info.DType.Size() != info.End-info.Begin {
				t.Fatalf("%q accepted with %s %v not matching %d bytes", name, info.DType, info.Shape, info.End-info.Begin)
			}
			if info.End > info.Begin {
				infos = append(infos, info)
			}
		}
		sort.Slice(infos, func(i, j int) bool { return infos[i].Begin < infos[j].Begin })
		for i := 1; i < len(infos); i++ {
			if infos[i].Begin < infos[i-1].End {
				t.Fatalf("%q and %q accepted overlapping", infos[i-1].Name, infos[i].Name)
			}
		}
	})
}
