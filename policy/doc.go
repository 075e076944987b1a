// Package policy holds the models of PPO: the policy, a LLaMA model with a
// value head on its trunk (TRL's AutoModelForCausalLMWithValueHead), fully
// fine-tuned or trained through a LoRA adapter, and the frozen reference
// model of the KL penalty.
//
// # Shared weights
//
// Decoding, scoring and training use the same tensors in memory, so a PPO
// step copies no weights:
//
//   - Full fine-tuning: the training graph built from Policy.Model
//     (llama.Model.NewTrainGraph with TrainOptions, or train.New) wraps the
//     model's own weight slices, and the optimizer updates them in place;
//     InferenceModel returns Policy.Model itself, so the decoder (and
//     LogProbs, rollout's sampler) reads the updated weights at once.
//   - LoRA: the base model is frozen and the graph trains the adapter's A
//     and B and the value head in place. InferenceModel returns a model that
//     shares every tensor with the base except the adapted ones, which it
//     holds merged (W + scaling·B·A) in buffers of its own, allocated once
//     and refreshed from the adapter at each call (one matrix product per
//     adapted matrix, exact: the base is never written, so nothing drifts).
//     The base model unchanged is the reference model, at no memory cost.
//
// Value is the value head's weight, shared the same way with the graph
// (llama.WithPPOHead).
//
// A Policy is not safe for concurrent use: InferenceModel rewrites the
// merged buffers that a decoder of the previous call may still be reading.
package policy
