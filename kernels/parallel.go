package kernels

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
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
//
// The chunks run on a pool of long-lived workers that spin briefly before
// parking: decoding issues a parallel kernel every few microseconds, and
// waking a parked thread costs more than the kernel. A call made while the
// pool is busy (from another goroutine, or nested) runs inline.
func ParallelChunks(n, minChunk int, fn func(chunk, lo, hi int)) {
	workers := MaxWorkers()
	if minChunk < 1 {
		minChunk = 1
	}
	if w := n / minChunk; w < workers {
		workers = w
	}
	if workers <= 1 || !thePool.mu.TryLock() {
		if n > 0 {
			fn(0, 0, n)
		}
		return
	}
	defer thePool.mu.Unlock()
	thePool.grow(workers - 1)
	size := (n + workers - 1) / workers
	used := thePool.workers[:0]
	for c := 1; c*size < n; c++ {
		w := thePool.workers[c-1]
		w.post(fn, c, c*size, min((c+1)*size, n))
		used = thePool.workers[:c]
	}
	fn(0, 0, min(size, n))
	for _, w := range used {
		w.wait()
	}
}

// spinFor is how long an idle worker polls for work before parking.
const spinFor = 100 * time.Microsecond

type pool struct {
	mu      sync.Mutex // held by the one dispatching call
	workers []*worker
}

var thePool pool

func (p *pool) grow(n int) {
	for len(p.workers) < n {
		w := &worker{wake: make(chan struct{}, 1)}
		p.workers = append(p.workers, w)
		go w.loop()
	}
}

type worker struct {
	posted atomic.Uint64 // tasks posted
	done   atomic.Uint64 // tasks finished
	parked atomic.Bool
	wake   chan struct{}
	// The task, written before posted is incremented.
	fn            func(chunk, lo, hi int)
	chunk, lo, hi int
}

func (w *worker) post(fn func(chunk, lo, hi int), chunk, lo, hi int) {
	w.fn, w.chunk, w.lo, w.hi = fn, chunk, lo, hi
	w.posted.Add(1)
	if w.parked.Load() && w.parked.CompareAndSwap(true, false) {
		w.wake <- struct{}{}
	}
}

func (w *worker) wait() {
	target := w.posted.Load()
	for i := 0; w.done.Load() != target; i++ {
		if i > 1000 {
			runtime.Gosched()
		}
	}
}

func (w *worker) loop() {
	var seen uint64
	for {
		if w.posted.Load() == seen {
			w.idle(seen)
			continue
		}
		seen++
		w.fn(w.chunk, w.lo, w.hi)
		w.fn = nil
		w.done.Store(seen)
	}
}

// idle spins until work is posted or spinFor passes, then parks.
func (w *worker) idle(seen uint64) {
	deadline := time.Now().Add(spinFor)
	for i := 0; w.posted.Load() == seen; i++ {
		if i%64 == 0 && time.Now().After(deadline) {
			w.parked.Store(true)
			if w.posted.Load() != seen && w.parked.CompareAndSwap(true, false) {
				return // work arrived while parking; nobody will send a wake
			}
			<-w.wake // either the poster's wake or, after its CAS, the one it sent
			return
		}
	}
}
