// Package train runs the optimisation loop shared by every stage: a
// LLaMA training graph, gradient accumulation over micro-batches, clipping
// by global norm, AdamW with decoupled weight decay (none on norms) and a
// learning-rate schedule, reporting TRL/HF-style metrics per step.
package train
