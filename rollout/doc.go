// Package rollout samples batches of responses from a policy for PPO.
//
// A Sampler prefills every prompt of a batch through llama's KV-cache
// Decoder at once, then decodes one token per step for each sequence that
// has not finished. A finished sequence is fed no token, so it costs no
// decode work (the Decoder skips empty rows); the batch ends when every
// sequence has stopped or reached Config.MaxNewTokens.
//
// Each next token is drawn as HuggingFace's generate does with
// do_sample=True: the CTRL repetition penalty on the raw logits, then the
// temperature, then top-k, then top-p (nucleus) truncation, then a draw from
// the renormalised distribution. Temperature 0 is greedy (argmax of the
// penalised logits, lowest id on ties), as in llama.Sampler.
//
// Every sampled token carries two log-probabilities:
//
//   - Episode.LogProbs: the policy's log_softmax(logits/τ) of the token, on
//     the model's raw logits (no penalty, no truncation), with τ the
//     temperature (1 when greedy). This is what a full forward pass of the
//     policy recomputes, as TRL's PPO trainer does, so it is the "old
//     log-prob" of the PPO ratio.
//   - Episode.SampleLogProbs: the log-probability under the distribution
//     the token was actually drawn from (after penalty, temperature, top-k
//     and top-p), 0 when greedy. Use it for importance corrections when the
//     sampling distribution differs from the policy's.
//
// Probabilities come from the vectorised exponential of the fused
// cross-entropy kernels (package kernels), in float32 with float64 sums;
// top-k and top-p select their tokens with a heap and a quickselect on the
// heavy tokens instead of sorting the vocabulary, in an order fixed by the
// probabilities (ties: lower id first). Stop strings decode the whole
// response after every token, which is quadratic in its length but small
// next to the decoder.
//
// Randomness comes only from the *rand.Rand passed to Generate: per step,
// one Float64 for each unfinished sequence, in batch order, when the
// temperature is above 0. The same seed, prompts and model therefore give
// identical episodes, whatever the number of threads.
//
// Pad lays episodes out for training: row b holds prompt+response of
// episode b, right-padded, and position t is a response position when the
// logits at t predict a response token (token t+1 belongs to the
// response); see Batch.
package rollout
