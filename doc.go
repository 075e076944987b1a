// Package paddock is a Go framework for aligning LLaMA-family language
// models: supervised fine-tuning, reward models and PPO on one LLaMA core.
//
// The packages form layers; each imports only layers below it (enforced by
// TestLayering):
//
//	kernels, safetensors  fused float32 kernels; the checkpoint format
//	tokenizer             SentencePiece BPE and friends
//	llama                 config, weights, loaders, forward pass, KV-cache decoder
//	data                  datasets, chat templates, masking, packing
//	policy                policy/value wrapper, reference model
//	rollout               batched sampling
//	sft, reward, ppo, safety   the stages
//	experiment            TOML experiments, runner, metrics
//	report                plots and tables
//	cmd, experiments, notebooks, tools   programs
package paddock
