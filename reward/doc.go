// Package reward holds rewards for RLHF: the composable Scorer interface
// with rule-based rewards, and the reward model (Model: a LLaMA trunk and a
// scalar score on each sequence's last token, saved and loaded as HF's
// LlamaForSequenceClassification) with its training stage (kind =
// "reward"): preference pairs from HH-RLHF or LLaMA-Factory data, rendered
// with a chat template, trained full or with LoRA on the pairwise loss of
// TRL's RewardTrainer, with accuracy and margin on a held-out split and
// exact resume.
package reward
