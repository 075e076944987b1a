package train

import (
	"strings"
	"testing"
)

func TestOptimKeysTrainConfig(t *testing.T) {
	k := OptimKeys{LR: 3e-4, Schedule: "cosine", WarmupSteps: 5, MaxSteps: 100, WeightDecay: 0.1, MaxGradNorm: -1,
		GradAccum: 2, CheckpointEvery: 50}
	want := Config{LR: 3e-4, Schedule: "cosine", Warmup: 5, Steps: 100, WeightDecay: 0.1, MaxGradNorm: -1, GradAccum: 2}
	if got := k.TrainConfig(); got != want {
		t.Errorf("TrainConfig() = %+v, want %+v", got, want)
	}
	if err := k.Validate(); err != nil {
		t.Errorf("good keys: %v", err)
	}
}

func TestOptimKeysValidateReportsEverything(t *testing.T) {
	err := OptimKeys{Schedule: "zigzag", MaxSteps: 0, GradAccum: -1, CheckpointEvery: 0}.Validate()
	for _, want := range []string{"checkpoint_every is 0, want >= 1", "steps is 0", "grad_accum is -1", "zigzag"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate error %v does not mention %q", err, want)
		}
	}
	// Zero fields the trainer defaults (lr, schedule, grad_accum) are fine.
	if err := (OptimKeys{MaxSteps: 1, CheckpointEvery: 1}).Validate(); err != nil {
		t.Errorf("zero optional keys: %v", err)
	}
}
