package safetensors

import (
	"fmt"
	"io"
	"os"
	"unsafe"
)

// File is an open safetensors file whose header has been validated.
type File struct {
	Path string
	*Header
	f *os.File
}

// Open reads and validates the header of the file at path.
func Open(path string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("safetensors: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("safetensors: %w", err)
	}
	size := st.Size()
	var lenBuf [8]byte
	if _, err := io.ReadFull(f, lenBuf[:]); err != nil {
		f.Close()
		return nil, fmt.Errorf("safetensors: %s: file is %d bytes, too short for the 8-byte header length", path, size)
	}
	n := leUint64(lenBuf[:])
	if n > uint64(size-8) || n > MaxHeaderLen {
		f.Close()
		_, err := ParseHeader(path, lenBuf[:], size) // reports the length error
		return nil, err
	}
	buf := make([]byte, 8+n)
	copy(buf, lenBuf[:])
	if _, err := io.ReadFull(f, buf[8:]); err != nil {
		f.Close()
		return nil, fmt.Errorf("safetensors: %s: reading header: %w", path, err)
	}
	h, err := ParseHeader(path, buf, size)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &File{Path: path, Header: h, f: f}, nil
}

func leUint64(b []byte) uint64 {
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// Close closes the file.
func (f *File) Close() error { return f.f.Close() }

// ReadFloat32 reads tensor name into dst, converting F16 and BF16 to float32.
// dst must have exactly the tensor's element count; shape is checked by the
// caller through Tensors[name].Shape.
func (f *File) ReadFloat32(name string, dst []float32) error {
	info, ok := f.Tensors[name]
	if !ok {
		return fmt.Errorf("safetensors: %s: missing tensor %q", f.Path, name)
	}
	if int64(len(dst)) != info.NumElements() {
		return fmt.Errorf("safetensors: %s: tensor %q has %d elements, want %d", f.Path, name, info.NumElements(), len(dst))
	}
	if len(dst) == 0 {
		return nil
	}
	off := f.DataStart + info.Begin
	switch info.DType {
	case F32:
		b := unsafe.Slice((*byte)(unsafe.Pointer(&dst[0])), 4*len(dst))
		if _, err := f.f.ReadAt(b, off); err != nil {
			return fmt.Errorf("safetensors: %s: tensor %q: %w", f.Path, name, err)
		}
		return nil
	case F16, BF16:
		b := make([]byte, 2*len(dst))
		if _, err := f.f.ReadAt(b, off); err != nil {
			return fmt.Errorf("safetensors: %s: tensor %q: %w", f.Path, name, err)
		}
		conv := F16ToFloat32
		if info.DType == BF16 {
			conv = BF16ToFloat32
		}
		for i := range dst {
			dst[i] = conv(uint16(b[2*i]) | uint16(b[2*i+1])<<8)
		}
		return nil
	}
	return fmt.Errorf("safetensors: %s: tensor %q: dtype %s cannot be read as float32 (want F32, F16 or BF16)", f.Path, name, info.DType)
}
