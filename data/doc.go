// Package data reads fine-tuning datasets (Alpaca, ShareGPT/Vicuna, BELLE,
// HH-RLHF transcripts, pre-tokenized JSONL) into one Conversation type,
// renders conversations with chat templates declared as data, tokenizes
// them with per-token loss masks, and packs short samples into full rows.
// Every error names the file and the line or record it comes from.
package data
