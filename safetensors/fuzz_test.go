package safetensors

import "testing"

// FuzzParseHeader feeds arbitrary bytes as a whole file: the parser must
// never panic, and whatever it accepts must lie inside the file.
func FuzzParseHeader(f *testing.F) {
	f.Add(fileBytes(`{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}`, 8))
	f.Add(fileBytes(`{"__metadata__":{"format":"pt"},"a":{"dtype":"BF16","shape":[1,2],"data_offsets":[0,4]}}`, 4))
	f.Add(fileBytes(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}`, 12))
	f.Add(fileBytes(`{"w":{"dtype":"F16","shape":[-3],"data_offsets":[0,4]}}`, 4))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, '{', '}'})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := ParseHeader("fuzz.safetensors", data, int64(len(data)))
		if err != nil {
			return
		}
		dataSize := int64(len(data)) - h.DataStart
		for name, info := range h.Tensors {
			if info.Begin < 0 || info.End < info.Begin || info.End > dataSize {
				t.Fatalf("%q accepted with range [%d, %d) outside %d bytes", name, info.Begin, info.End, dataSize)
			}
			if info.NumElements()*info.DType.Size() != info.End-info.Begin {
				t.Fatalf("%q accepted with shape %v not matching %d bytes", name, info.Shape, info.End-info.Begin)
			}
		}
	})
}
