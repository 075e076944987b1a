package safetensors

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/paddock-ai/paddock/internal/atomicfile"
)

// Tensor is a float32 tensor to write, stored as DType (F32 when empty).
type Tensor struct {
	Name  string
	Shape []int
	DType DType
	Data  []float32
}

// Write stores tensors (in the given order) and metadata at path atomically.
func Write(path string, tensors []Tensor, metadata map[string]string) error {
	header := make(map[string]any, len(tensors)+1)
	if len(metadata) > 0 {
		header["__metadata__"] = metadata
	}
	var off int64
	tensors = slices.Clone(tensors) // the DType default below must not write into the caller's slice
	for i, t := range tensors {
		if t.DType == "" {
			tensors[i].DType = F32
			t.DType = F32
		}
		if t.DType != F32 && t.DType != F16 && t.DType != BF16 {
			return fmt.Errorf("safetensors: %s: tensor %q: cannot write dtype %s", path, t.Name, t.DType)
		}
		if t.Name == "__metadata__" {
			return fmt.Errorf("safetensors: %s: tensor name %q is reserved", path, t.Name)
		}
		if _, dup := header[t.Name]; dup {
			return fmt.Errorf("safetensors: %s: tensor %q written twice", path, t.Name)
		}
		elems := int64(1) // the product of the shape, checked as ParseHeader will check it
		for _, d := range t.Shape {
			if d < 0 || (d > 0 && elems > int64(len(t.Data))/int64(d)) {
				elems = -1
				break
			}
			elems *= int64(d)
		}
		if elems != int64(len(t.Data)) {
			return fmt.Errorf("safetensors: %s: tensor %q: shape %v does not match its %d values", path, t.Name, t.Shape, len(t.Data))
		}
		shape := t.Shape
		if shape == nil {
			shape = []int{} // a scalar: "shape": [], not null, which other readers reject
		}
		n := int64(len(t.Data)) * t.DType.Size()
		header[t.Name] = rawInfo{DType: t.DType, Shape: shape, Offsets: []int64{off, off + n}}
		off += n
	}
	js, err := json.Marshal(header)
	if err != nil {
		return fmt.Errorf("safetensors: %s: %w", path, err)
	}
	for len(js)%8 != 0 {
		js = append(js, ' ')
	}
	err = atomicfile.Write(path, func(w io.Writer) error {
		if err := binary.Write(w, binary.LittleEndian, uint64(len(js))); err != nil {
			return err
		}
		if _, err := w.Write(js); err != nil {
			return err
		}
		for _, t := range tensors {
			if err := writeData(w, t); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("safetensors: %w", err)
	}
	return nil
}

// writeData encodes a tensor's values in blocks of 64 KiB.
func writeData(w io.Writer, t Tensor) error {
	size := int(t.DType.Size())
	buf := make([]byte, 0, 64<<10)
	for i, v := range t.Data {
		switch t.DType {
		case F32:
			buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(v))
		case F16:
			buf = binary.LittleEndian.AppendUint16(buf, Float32ToF16(v))
		case BF16:
			buf = binary.LittleEndian.AppendUint16(buf, Float32ToBF16(v))
		}
		if len(buf)+size > cap(buf) || i == len(t.Data)-1 {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	return nil
}
