package safetensors_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/paddock-ai/paddock/safetensors"
)

// Example writes a checkpoint folder, opens it as a set and reads each
// tensor back as float32. BF16 keeps 8 significant bits, so 0.1 comes back
// rounded; F32 comes back exactly.
func Example() {
	dir, err := os.MkdirTemp("", "safetensors-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	err = safetensors.Write(filepath.Join(dir, safetensors.SingleFile), []safetensors.Tensor{
		{Name: "w", Shape: []int{2, 2}, DType: safetensors.BF16, Data: []float32{1, 2.5, -3, 0.1}},
		{Name: "b", Shape: []int{2}, Data: []float32{0.1, -0.25}}, // F32 by default
	}, map[string]string{"format": "pt"})
	if err != nil {
		fmt.Println(err)
		return
	}

	set, err := safetensors.OpenDir(dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer set.Close()
	for _, name := range set.Names() {
		info, f, _ := set.Info(name)
		got := make([]float32, info.NumElements())
		if err := f.ReadFloat32(name, got); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(name, info.DType, info.Shape, got)
	}
	fmt.Println(set.Files[0].Metadata)
	// Output:
	// b F32 [2] [0.1 -0.25]
	// w BF16 [2 2] [1 2.5 -3 0.100097656]
	// map[format:pt]
}
