// Package safetensors reads and writes the safetensors checkpoint format:
// an 8-byte little-endian header length, a JSON header describing each
// tensor's dtype, shape and byte range, then the raw tensor bytes.
//
// Reading validates the whole header before any data is touched: header
// length against file size, known dtypes, byte ranges inside the data
// section, sizes matching shapes, and no two tensors overlapping. Every error
// names the file and the tensor. Tensors are converted to float32 on read
// (F32, F16, BF16), straight into the caller's slice.
//
// Sharded checkpoints (model.safetensors.index.json) open as one [Set].
// Writes are atomic: a temporary file in the same folder, synced, renamed.
package safetensors
