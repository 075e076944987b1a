package safetensors_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/paddock-ai/paddock/safetensors"
)

func Example() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	err := safetensors.Write(filepath.Join(dir, safetensors.SingleFile), []safetensors.Tensor{
		{Name: "w", Shape: []int{2, 2}, DType: safetensors.BF16, Data: []float32{1, 2.5, -3, 0.1}},
	}, nil)
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
	info, f, _ := set.Info("w")
	got := make([]float32, info.NumElements())
	_ = f.ReadFloat32("w", got)
	fmt.Println(info.DType, info.Shape, got)
	// Output: BF16 [2 2] [1 2.5 -3 0.100097656]
}
