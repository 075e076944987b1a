// Package experiment runs training stages described by a TOML file.
//
// An experiment file holds one [run] table and an ordered list of
// [[stage]] tables:
//
//	[run]
//	name = "tiny"        # required
//	seed = 7             # default 1
//	out_dir = "runs/x"   # default "runs/<name>"
//
//	[[stage]]
//	kind = "pretrain"    # a registered stage kind
//	lr = 3e-4            # the kind's own keys
//
// Each stage kind registers one [StageConfig] type with [Register]: the
// config holds the kind's keys, fills its documented defaults and validates
// itself, and builds the [Stage] that does the work, as one Config type and
// one Trainer go together per algorithm.
//
// [Load] decodes strictly. Unknown keys, values of the wrong type and values
// a stage rejects are all reported at once, each as a [Problem] naming the
// file, the line where it is known, and the key (such as stage[0].lr).
// Overrides such as "stage.0.lr=3e-4" are applied to the parsed file before
// decoding.
//
// [NewRun] prepares a run directory:
//
//	<out_dir>/
//	  experiment.toml                  the resolved experiment, defaults filled
//	  metrics.jsonl                    one JSON object per logged step
//	  checkpoints/stage-<i>/step-<n>/  complete checkpoints, written atomically
//	  checkpoints/stage-<i>/done       written when stage i has finished
//
// [Run] runs the stages in order, skipping those already done, and gives
// each a [RunContext]: the run directory, a random source derived from the
// run's seed and the stage index, a logger and a [Progress]. Resuming a run
// truncates metrics.jsonl back to the newest checkpoint, so a run that
// crashed and resumed writes the same file as one that never stopped.
package experiment
