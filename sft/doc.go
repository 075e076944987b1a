// Package sft is the supervised fine-tuning stage (kind = "sft"): it reads
// instruction and chat datasets (Alpaca, ShareGPT/Vicuna, BELLE, HH-RLHF,
// pre-tokenized), renders them with a chat template, trains with loss only
// on assistant tokens (every assistant turn), packs short samples into
// full rows without attention across samples, holds out an eval split,
// and trains all weights or a LoRA adapter (Alpaca-LoRA defaults). Extra
// loss terms compose in the experiment file; the first is token-level
// unlikelihood (Welleck et al. 2019), a repetition penalty reported with
// seq-rep-4, distinct-1/2 and the repetition rate of greedy continuations.
package sft
