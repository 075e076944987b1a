package safetensors

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// fileBytes builds a safetensors file from a JSON header and a data length
// (the data bytes are zero).
func fileBytes(header string, dataLen int) []byte {
	b := make([]byte, 8, 8+len(header)+dataLen)
	binary.LittleEndian.PutUint64(b, uint64(len(header)))
	b = append(b, header...)
	return append(b, make([]byte, dataLen)...)
}

// writeFile writes data to a fresh temporary folder and returns the path.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// lengthOnly is an 8-byte header length n followed by pad zero bytes.
func lengthOnly(n uint64, pad int) []byte {
	b := make([]byte, 8+pad)
	binary.LittleEndian.PutUint64(b, n)
	return b
}

// entry is one tensor's header entry.
func entry(name, dtype, shape, offsets string) string {
	return fmt.Sprintf(`%q:{"dtype":%q,"shape":%s,"data_offsets":%s}`, name, dtype, shape, offsets)
}

type badFile struct {
	name string
	data []byte
	want []string // substrings the error must hold besides the file name
}

// badFiles are whole files that Open and ParseHeader must reject. The fuzz
// target uses them as seeds.
func badFiles() []badFile {
	w := func(dtype, shape, offsets string, dataLen int) []byte {
		return fileBytes("{"+entry("w", dtype, shape, offsets)+"}", dataLen)
	}
	return []badFile{
		{"empty", nil, []string{"file is 0 bytes, too short for the 8-byte header length"}},
		{"shorter than 8 bytes", []byte{1, 2, 3}, []string{"file is 3 bytes, too short for the 8-byte header length"}},
		{"header length beyond file", lengthOnly(9e18, 4088), []string{"header length 9000000000000000000 exceeds file size 4096"}},
		{"header length one past the end", lengthOnly(5, 4), []string{"header length 5 exceeds file size 12"}},
		{"header length 2^64-1", lengthOnly(1<<64-1, 8), []string{"header length 18446744073709551615 exceeds file size 16"}},
		{"not JSON", fileBytes("not json", 0), []string{"header is not a JSON object"}},
		{"JSON array", fileBytes("[1,2]   ", 0), []string{"header is not a JSON object"}},
		{"JSON null", fileBytes("null    ", 0), []string{"header is not a JSON object"}},
		{"trailing garbage", fileBytes(`{}xyz`, 0), []string{"header is not a JSON object"}},
		{"cut-off JSON", fileBytes(`{"w":{"dtype":"F32"`, 0), []string{"header is not a JSON object"}},
		{"entry not an object", fileBytes(`{"w":5}`, 0), []string{`tensor "w": bad entry`}},
		{"unknown dtype", w("Q7", "[1]", "[0,4]", 4), []string{`tensor "w": unknown dtype "Q7"`}},
		{"missing dtype", fileBytes(`{"w":{"shape":[1],"data_offsets":[0,4]}}`, 4), []string{`tensor "w": unknown dtype ""`}},
		{"lower-case dtype", w("f32", "[1]", "[0,4]", 4), []string{`tensor "w": unknown dtype "f32"`}},
		{"one offset", w("F32", "[1]", "[0]", 4), []string{`tensor "w": data_offsets has 1 values, want 2`}},
		{"three offsets", w("F32", "[1]", "[0,4,8]", 8), []string{`tensor "w": data_offsets has 3 values, want 2`}},
		{"no offsets", fileBytes(`{"w":{"dtype":"F32","shape":[1]}}`, 4), []string{`tensor "w": data_offsets has 0 values, want 2`}},
		{"reversed offsets", w("F32", "[0]", "[4,0]", 4), []string{`tensor "w": data_offsets [4, 0] outside the 4-byte data section`}},
		{"negative begin", w("F32", "[1]", "[-4,0]", 4), []string{`tensor "w": data_offsets [-4, 0] outside`}},
		{"truncated data", w("F32", "[2]", "[0,8]", 4), []string{`tensor "w": data_offsets [0, 8] outside the 4-byte data section`}},
		{"truncated to nothing", w("BF16", "[4]", "[0,8]", 0), []string{`tensor "w": data_offsets [0, 8] outside the 0-byte data section`}},
		{"shape too big for bytes", w("F16", "[3]", "[0,4]", 4), []string{`tensor "w": shape [3] of F16 needs 6 bytes, data_offsets give 4`}},
		{"dtype too big for bytes", w("F32", "[1]", "[0,2]", 4), []string{`tensor "w": shape [1] of F32 needs 4 bytes, data_offsets give 2`}},
		{"dtype too small for bytes", w("BF16", "[2]", "[0,8]", 8), []string{`tensor "w": shape [2] of BF16 needs 4 bytes, data_offsets give 8`}},
		{"scalar needs bytes", w("F32", "[]", "[0,0]", 4), []string{`tensor "w": shape [] of F32 needs 4 bytes, data_offsets give 0`}},
		{"negative shape", w("F32", "[-1]", "[0,4]", 4), []string{`tensor "w": shape [-1] is invalid`}},
		{"negative times negative", w("F32", "[-2,-2]", "[0,16]", 16), []string{`tensor "w": shape [-2 -2] is invalid`}},
		{"shape overflowing int64", w("U8", "[4294967296,4294967296,16]", "[0,0]", 0), []string{`tensor "w": shape [4294967296 4294967296 16] is invalid or larger than the file`}},
		{"fractional shape", w("F32", "[1.5]", "[0,4]", 4), []string{`tensor "w": bad entry`}},
		{"overlapping tensors", fileBytes("{"+entry("a", "F32", "[2]", "[0,8]")+","+entry("b", "F32", "[2]", "[4,12]")+"}", 12),
			[]string{`tensors "a" [0, 8] and "b" [4, 12] overlap`}},
		{"one tensor inside another", fileBytes("{"+entry("big", "F32", "[3]", "[0,12]")+","+entry("small", "U8", "[4]", "[4,8]")+"}", 12),
			[]string{`tensors "big" [0, 12] and "small" [4, 8] overlap`}},
		{"same range twice", fileBytes("{"+entry("x", "F16", "[2]", "[0,4]")+","+entry("y", "I32", "[1]", "[0,4]")+"}", 4),
			[]string{`tensors "x" [0, 4] and "y" [0, 4] overlap`}},
		{"metadata value not a string", fileBytes(`{"__metadata__":{"k":1}}`, 0), []string{"__metadata__ must map strings to strings"}},
		{"metadata not an object", fileBytes(`{"__metadata__":["a"]}`, 0), []string{"__metadata__ must map strings to strings"}},
		{"metadata a string", fileBytes(`{"__metadata__":"pt"}`, 0), []string{"__metadata__ must map strings to strings"}},
	}
}

// noPanic runs fn and turns a panic into a test error.
func noPanic(t *testing.T, what string, fn func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s panicked: %v", what, r)
		}
	}()
	fn()
}

func checkErr(t *testing.T, what string, err error, label string, want []string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error, want one naming %s and %q", what, label, want)
		return
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "safetensors: ") || !strings.Contains(msg, label) {
		t.Errorf("%s: error %q does not start with \"safetensors: \" or does not name %s", what, msg, label)
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("%s: error %q does not hold %q", what, msg, w)
		}
	}
}

func TestOpenRejects(t *testing.T) {
	for _, c := range badFiles() {
		path := writeFile(t, "model.safetensors", c.data)
		noPanic(t, c.name, func() {
			f, err := Open(path)
			if err == nil {
				f.Close()
			}
			checkErr(t, "Open "+c.name, err, path, c.want)
		})
	}
}

func TestParseHeaderRejects(t *testing.T) {
	for _, c := range badFiles() {
		noPanic(t, c.name, func() {
			_, err := ParseHeader("shard-7.safetensors", c.data, int64(len(c.data)))
			checkErr(t, "ParseHeader "+c.name, err, "shard-7.safetensors", c.want)
		})
	}
}

// TestParseHeaderBuffer covers errors only reachable when buf holds less
// than the whole file.
func TestParseHeaderBuffer(t *testing.T) {
	cases := []struct {
		name     string
		buf      []byte
		fileSize int64
		want     string
	}{
		{"buffer shorter than 8", []byte{1, 2}, 1000, "too short for the 8-byte header length"},
		{"header beyond the 100 MB limit", lengthOnly(MaxHeaderLen+1, 0), 1 << 30, "header length 104857601 exceeds the 104857600-byte limit"},
		{"header not all in buf", lengthOnly(10, 2), 1000, "header truncated: have 2 of 10 bytes"},
		{"negative file size", lengthOnly(0, 0), -1, "file is -1 bytes"},
	}
	for _, c := range cases {
		noPanic(t, c.name, func() {
			_, err := ParseHeader("m.safetensors", c.buf, c.fileSize)
			checkErr(t, c.name, err, "m.safetensors", []string{c.want})
		})
	}
}

func TestOpenMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "absent.safetensors")
	_, err := Open(path)
	checkErr(t, "missing file", err, path, nil)
}

func TestOpenValid(t *testing.T) {
	header := `{"__metadata__":{"format":"pt","note":"é"},` +
		entry("b", "BF16", "[2,1]", "[12,16]") + "," +
		entry("a", "F32", "[3]", "[0,12]") + "," +
		entry("empty", "F16", "[0,7]", "[16,16]") + "," +
		entry("empty2", "F64", "[7,0]", "[16,16]") + "," +
		entry("scalar", "I32", "[]", "[16,20]") + "," +
		entry("bytes", "U8", "[4]", "[20,24]") + "}   " // trailing padding is fine
	data := fileBytes(header, 24)
	path := writeFile(t, "model.safetensors", data)
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.Path != path || f.DataStart != int64(8+len(header)) {
		t.Errorf("Path %q DataStart %d, want %q %d", f.Path, f.DataStart, path, 8+len(header))
	}
	if want := map[string]string{"format": "pt", "note": "é"}; !reflect.DeepEqual(f.Metadata, want) {
		t.Errorf("Metadata %v, want %v", f.Metadata, want)
	}
	if got, want := f.Names(), []string{"a", "b", "bytes", "empty", "empty2", "scalar"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Names %v, want %v", got, want)
	}
	want := TensorInfo{Name: "b", DType: BF16, Shape: []int{2, 1}, Begin: 12, End: 16}
	if got := f.Tensors["b"]; !reflect.DeepEqual(got, want) {
		t.Errorf("Tensors[b] = %+v, want %+v", got, want)
	}
	for name, n := range map[string]int64{"a": 3, "b": 2, "empty": 0, "empty2": 0, "scalar": 1, "bytes": 4} {
		if got := f.Tensors[name].NumElements(); got != n {
			t.Errorf("%s: NumElements %d, want %d", name, got, n)
		}
	}
	// The same bytes through ParseHeader give the same header.
	h, err := ParseHeader(path, data, int64(len(data)))
	if err != nil || !reflect.DeepEqual(h, f.Header) {
		t.Errorf("ParseHeader = %+v, %v; Open gave %+v", h, err, f.Header)
	}
	if err := f.ReadFloat32("scalar", make([]float32, 1)); err == nil || !strings.Contains(err.Error(), `tensor "scalar": dtype I32 cannot be read as float32`) {
		t.Errorf("reading I32 as float32: %v", err)
	}
	if err := f.ReadFloat32("empty", nil); err != nil {
		t.Errorf("reading an empty tensor: %v", err)
	}
}

func TestOpenEmptyHeader(t *testing.T) {
	for _, header := range []string{"{}", "{}      ", `{"__metadata__":{}}`, `{"__metadata__":null}`} {
		path := writeFile(t, "model.safetensors", fileBytes(header, 0))
		f, err := Open(path)
		if err != nil {
			t.Errorf("%s: %v", header, err)
			continue
		}
		if len(f.Tensors) != 0 || len(f.Names()) != 0 {
			t.Errorf("%s: tensors %v", header, f.Tensors)
		}
		f.Close()
	}
}
