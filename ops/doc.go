// Package ops wraps Paddock's fused kernels as gorgonia operations, so that
// training graphs run the same float32 kernels as the decoder: each op's
// forward calls a kernel and its symbolic gradient is another op calling
// the paired backward kernel.
//
// Every op here is checked against central finite differences and against
// the composite of stock gorgonia operations it replaces.
package ops
