// Package tokenizer implements LLaMA's SentencePiece BPE tokenizer exactly as
// the reference library runs it: score-ordered merges, the dummy-prefix
// space, whitespace as "▁", byte fallback to <0xNN> pieces, and the same
// decoding rules (byte pieces reassembled into UTF-8, invalid bytes as
// U+FFFD, the leading dummy space removed).
//
// A [Tokenizer] loads from a SentencePiece tokenizer.model (protobuf) or a
// llama2.c tokenizer.bin; both give the same ids for the same vocabulary.
package tokenizer
