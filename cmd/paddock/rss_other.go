//go:build !unix

package main

// peakRSSMiB is not measured on this platform.
func peakRSSMiB() float64 { return 0 }
