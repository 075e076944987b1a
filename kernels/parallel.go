package kernels

import (
	"runtime"
	"sync"
)

// MaxWorkers is the most chunks ParallelChunks runs at once (GOMAXPROCS).
func MaxWorkers() int { return runtime.GOMAXPROCS(0) }

// ParallelFor splits [0,n) into contiguous chunks of at least minChunk items
// and runs fn on each concurrently. Small n runs inline.
func ParallelFor(n, minChunk int, fn func(lo, hi int)) {
	ParallelChunks(n, minChunk, func(_, lo, hi int) { fn(lo, hi) })
}

// ParallelChunks is ParallelFor that also passes the chunk index, which is
// below MaxWorkers(), so callers can give each chunk its own scratch.
func ParallelChunks(n, minChunk int, fn func(chunk, lo, hi int)) {
	workers := MaxWorkers()
	if minChunk < 1 {
		minChunk = 1
	}
	if w := n / minChunk; w < workers {
		workers = w
	}
	if workers <= 1 {
		if n > 0 {
			fn(0, 0, n)
		}
		return
	}
	var wg sync.WaitGroup
	size := (n + workers - 1) / workers
	for c := 1; c*size < n; c++ {
		lo, hi := c*size, min((c+1)*size, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(c, lo, hi)
		}()
	}
	fn(0, 0, min(size, n))
	wg.Wait()
}
