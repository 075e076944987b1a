package safetensors

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
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
	return WriteAtomic(path, func(w *bufio.Writer) error {
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
}

func writeData(w *bufio.Writer, t Tensor) error {
	var b [4]byte
	for _, v := range t.Data {
		var n int
		switch t.DType {
		case F32:
			binary.LittleEndian.PutUint32(b[:], math.Float32bits(v))
			n = 4
		case F16:
			binary.LittleEndian.PutUint16(b[:], Float32ToF16(v))
			n = 2
		case BF16:
			binary.LittleEndian.PutUint16(b[:], Float32ToBF16(v))
			n = 2
		}
		if _, err := w.Write(b[:n]); err != nil {
			return err
		}
	}
	return nil
}

// WriteAtomic writes a file through fill into a temporary file next to path,
// syncs it and renames it over path, so readers never see a partial file.
func WriteAtomic(path string, fill func(w *bufio.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("safetensors: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w := bufio.NewWriterSize(tmp, 1<<20)
	if err = fill(w); err != nil {
		return fmt.Errorf("safetensors: %s: %w", path, err)
	}
	if err = w.Flush(); err != nil {
		return fmt.Errorf("safetensors: %s: %w", path, err)
	}
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("safetensors: %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("safetensors: %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("safetensors: %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("safetensors: %w", err)
	}
	return nil
}
