// Package pretrain is the causal-language-model stage: it trains a LLaMA
// model on raw text files (tokenized on the fly) or pre-tokenized JSONL,
// logging metrics each step, checkpointing atomically, resuming exactly
// from the last checkpoint, and stopping on a non-finite loss or gradient.
package pretrain
