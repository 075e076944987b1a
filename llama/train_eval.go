package llama

// EvalPacked is StepPacked in eval mode: LoRA dropout is off (every value
// kept, unscaled) and draws no random numbers, so evaluating between steps
// leaves training exactly as it would be without. It returns the mean loss
// (with WithUnlikelihood, see LossParts for the cross-entropy alone); the
// gradients it leaves behind are not meant to be used.
func (tg *TrainGraph) EvalPacked(ids, targets, start []int) (float32, error) {
	tg.eval = true
	defer func() { tg.eval = false }()
	return tg.StepPacked(ids, targets, start)
}
