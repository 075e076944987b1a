package optim

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
)

// paramStateJSON is ParamState on disk: the moments as base64 of their
// little-endian float32 bytes, exact and about half the size of JSON
// numbers; a file with plain arrays (exp_avg, exp_avg_sq) reads too.
type paramStateJSON struct {
	Name  string    `json:"name"`
	M64   string    `json:"exp_avg_f32le,omitempty"`
	V64   string    `json:"exp_avg_sq_f32le,omitempty"`
	MList []float32 `json:"exp_avg,omitempty"`
	VList []float32 `json:"exp_avg_sq,omitempty"`
}

// MarshalJSON implements json.Marshaler.
func (p ParamState) MarshalJSON() ([]byte, error) {
	return json.Marshal(paramStateJSON{Name: p.Name, M64: encodeF32(p.M), V64: encodeF32(p.V)})
}

// UnmarshalJSON implements json.Unmarshaler.
func (p *ParamState) UnmarshalJSON(b []byte) error {
	var j paramStateJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	p.Name, p.M, p.V = j.Name, j.MList, j.VList
	var err error
	if j.M64 != "" {
		if p.M, err = decodeF32(j.M64); err != nil {
			return fmt.Errorf("param %q: exp_avg_f32le: %w", j.Name, err)
		}
	}
	if j.V64 != "" {
		if p.V, err = decodeF32(j.V64); err != nil {
			return fmt.Errorf("param %q: exp_avg_sq_f32le: %w", j.Name, err)
		}
	}
	if p.M == nil {
		p.M = []float32{}
	}
	if p.V == nil {
		p.V = []float32{}
	}
	return nil
}

func encodeF32(x []float32) string {
	b := make([]byte, 4*len(x))
	for i, v := range x {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(v))
	}
	return base64.StdEncoding.EncodeToString(b)
}

func decodeF32(s string) ([]float32, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, err
	}
	if len(b)%4 != 0 {
		return nil, fmt.Errorf("%d bytes, not a whole number of float32", len(b))
	}
	x := make([]float32, len(b)/4)
	for i := range x {
		x[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return x, nil
}
