package safetensors

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
)

// MaxHeaderLen bounds the JSON header (100 MB, as the reference library).
const MaxHeaderLen = 100 << 20

// DType is a tensor element type as spelled in the header.
type DType string

// Element types. Only the float types convert to float32.
const (
	F32  DType = "F32"
	F16  DType = "F16"
	BF16 DType = "BF16"
)

var dtypeSizes = map[DType]int64{
	"F64": 8, F32: 4, F16: 2, BF16: 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1,
	"U64": 8, "U32": 4, "U16": 2, "U8": 1, "BOOL": 1, "F8_E4M3": 1, "F8_E5M2": 1,
}

// Size returns the element size in bytes, or 0 for an unknown dtype.
func (d DType) Size() int64 { return dtypeSizes[d] }

// TensorInfo describes one tensor of a file.
type TensorInfo struct {
	Name  string
	DType DType
	Shape []int
	Begin int64 // byte offset in the data section
	End   int64 // exclusive
}

// NumElements returns the product of the shape.
func (t TensorInfo) NumElements() int64 {
	n := int64(1)
	for _, d := range t.Shape {
		n *= int64(d)
	}
	return n
}

// Header is a parsed and validated safetensors header.
type Header struct {
	Tensors   map[string]TensorInfo
	Metadata  map[string]string
	DataStart int64 // file offset of the data section
}

// Names returns the tensor names sorted.
func (h *Header) Names() []string {
	return slices.Sorted(maps.Keys(h.Tensors))
}

type rawInfo struct {
	DType   DType   `json:"dtype"`
	Shape   []int   `json:"shape"`
	Offsets []int64 `json:"data_offsets"`
}

// ParseHeader parses the start of a safetensors file. buf must hold at least
// the 8-byte length and the JSON header; fileSize is the whole file's size.
// name labels errors (usually the file path).
func ParseHeader(name string, buf []byte, fileSize int64) (*Header, error) {
	if fileSize < 8 || len(buf) < 8 {
		return nil, fmt.Errorf("safetensors: %s: file is %d bytes, too short for the 8-byte header length", name, fileSize)
	}
	n := binary.LittleEndian.Uint64(buf)
	if n > uint64(fileSize-8) {
		return nil, fmt.Errorf("safetensors: %s: header length %d exceeds file size %d", name, n, fileSize)
	}
	if n > MaxHeaderLen {
		return nil, fmt.Errorf("safetensors: %s: header length %d exceeds the %d-byte limit", name, n, MaxHeaderLen)
	}
	if uint64(len(buf)-8) < n {
		return nil, fmt.Errorf("safetensors: %s: header truncated: have %d of %d bytes", name, len(buf)-8, n)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(buf[8:8+n], &raw); err != nil || raw == nil { // nil: the header was "null"
		return nil, fmt.Errorf("safetensors: %s: header is not a JSON object: %v", name, err)
	}
	h := &Header{Tensors: make(map[string]TensorInfo, len(raw)), DataStart: 8 + int64(n)}
	dataSize := fileSize - h.DataStart
	for key, msg := range raw {
		if key == "__metadata__" {
			if err := json.Unmarshal(msg, &h.Metadata); err != nil {
				return nil, fmt.Errorf("safetensors: %s: __metadata__ must map strings to strings: %v", name, err)
			}
			continue
		}
		info, err := parseInfo(key, msg, dataSize)
		if err != nil {
			return nil, fmt.Errorf("safetensors: %s: tensor %q: %w", name, key, err)
		}
		h.Tensors[key] = info
	}
	if err := checkOverlaps(h); err != nil {
		return nil, fmt.Errorf("safetensors: %s: %w", name, err)
	}
	return h, nil
}

func parseInfo(key string, msg json.RawMessage, dataSize int64) (TensorInfo, error) {
	var r rawInfo
	if err := json.Unmarshal(msg, &r); err != nil {
		return TensorInfo{}, fmt.Errorf("bad entry: %v", err)
	}
	info := TensorInfo{Name: key, DType: r.DType, Shape: r.Shape}
	size := r.DType.Size()
	if size == 0 {
		return info, fmt.Errorf("unknown dtype %q", r.DType)
	}
	if len(r.Offsets) != 2 {
		return info, fmt.Errorf("data_offsets has %d values, want 2", len(r.Offsets))
	}
	info.Begin, info.End = r.Offsets[0], r.Offsets[1]
	if info.Begin < 0 || info.End < info.Begin || info.End > dataSize {
		return info, fmt.Errorf("data_offsets [%d, %d] outside the %d-byte data section", info.Begin, info.End, dataSize)
	}
	n := int64(1)
	for _, d := range r.Shape {
		if d < 0 || (d > 0 && n > dataSize/int64(d)) {
			return info, fmt.Errorf("shape %v is invalid or larger than the file", r.Shape)
		}
		n *= int64(d)
	}
	if n*size != info.End-info.Begin {
		return info, fmt.Errorf("shape %v of %s needs %d bytes, data_offsets give %d", r.Shape, r.DType, n*size, info.End-info.Begin)
	}
	return info, nil
}

func checkOverlaps(h *Header) error {
	infos := make([]TensorInfo, 0, len(h.Tensors))
	for _, t := range h.Tensors {
		if t.End > t.Begin {
			infos = append(infos, t)
		}
	}
	sort.Slice(infos, func(i, j int) bool {
		if infos[i].Begin != infos[j].Begin {
			return infos[i].Begin < infos[j].Begin
		}
		return infos[i].Name < infos[j].Name
	})
	for i := 1; i < len(infos); i++ {
		if infos[i].Begin < infos[i-1].End {
			return fmt.Errorf("tensors %q [%d, %d] and %q [%d, %d] overlap", infos[i-1].Name,
				infos[i-1].Begin, infos[i-1].End, infos[i].Name, infos[i].Begin, infos[i].End)
		}
	}
	return nil
}
