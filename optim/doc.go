// Package optim holds the optimizer side of training: AdamW with exactly
// the arithmetic of torch.optim.AdamW, global gradient-norm clipping as
// torch.nn.utils.clip_grad_norm_ does it, and the learning-rate schedules
// of HuggingFace transformers (constant, linear and cosine, each with
// linear warmup).
//
// A training step is
//
//	norm := optim.ClipGradNorm(params, maxNorm) // stop the run if !finite
//	err := opt.Step(params, cfg.LR*sched.Factor(step))
//
// where step counts optimizer steps from 0, as HF's LambdaLR sees them.
// Parameters are flat []float32 slices that the caller owns; the optimizer
// keeps its moments per parameter, in the order of the first Step, and
// exports them with [AdamW.State] for checkpoints.
//
// Shapes in comments use one legend: P the elements of one parameter, N the
// elements of all parameters together.
package optim
