package main

import (
	"fmt"
	"io"
	"runtime"

	"github.com/paddock-ai/paddock/kernels"
)

func runEnv(args []string, stdout io.Writer) error {
	fs := newFlags("env", "env")
	if err := parse(fs, args); err != nil {
		return err
	}
	b := kernels.Active()
	fmt.Fprintf(stdout, "backend:    %s\n", b.Name())
	if note := kernels.BackendNote(); note != "" {
		fmt.Fprintf(stdout, "note:       %s (apt-get install libopenblas0)\n", note)
	}
	fmt.Fprintf(stdout, "go:         %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	_, err := fmt.Fprintf(stdout, "cpus:       %d (GOMAXPROCS %d)\n", runtime.NumCPU(), runtime.GOMAXPROCS(0))
	return err
}
