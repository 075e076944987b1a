// Package llama is Paddock's LLaMA core: the model configuration and
// presets, the weights and their loaders (HuggingFace safetensors in F32,
// F16 and BF16, single or sharded, and llama2.c .bin checkpoints), saving in
// HuggingFace format, and the forward pass with a KV-cache decoder for
// batched incremental generation.
//
// The forward pass follows HuggingFace LlamaForCausalLM: RMSNorm, rotary
// embeddings in the rotate_half layout, grouped-query causal attention and a
// SwiGLU MLP, with a tied or separate output head. llama2.c checkpoints use
// Meta's interleaved rotary layout; their query and key rows are permuted on
// load so one forward pass serves both.
//
// Shapes in comments use the legend of package kernels:
// B batch, T time, C model width, H query heads, G key/value heads,
// D head size, F MLP width, V vocabulary, L layers, N flattened rows.
package llama
