// Package paddock is a Go framework for aligning LLaMA-family language
// models: supervised fine-tuning, reward models and PPO on one LLaMA core.
//
// The packages form layers; each imports only layers below it (enforced by
// TestLayering):
//
//	kernels, safetensors  fused float32 kernels; the checkpoint format
//	tokenizer, ops, optim SentencePiece BPE; kernels as gorgonia ops; AdamW
//	llama                 config, weights, loaders, forward pass, KV-cache decoder,
//	                      training graph
//	data, train           datasets and templates; the shared training loop
//	policy                policy/value wrapper, reference model
//	rollout               batched sampling
//	pretrain, sft, reward the stages that train on data
//	safety                sensitive-word filters; a reward.Scorer penalty
//	ppo                   PPO, scoring with reward models, rules and safety
//	experiment            TOML experiments, runner, metrics
//	report                plots and tables
//	cmd, experiments, notebooks, tools   programs
package paddock
