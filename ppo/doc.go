// Package ppo is the PPO stage (kind = "ppo"): RLHF of a policy with a
// value head against composable rewards (a reward model, rules, safety
// penalties), with a KL penalty to a frozen reference, as TRL's PPOTrainer,
// OpenRLHF and DeepSpeed-Chat's step 3 do it. Each PPO step runs in
// numbered phases of small pure functions (algo.go): rollout; score;
// KL-penalised per-token rewards; GAE; advantage whitening; K epochs over
// shuffled minibatches of the clipped policy and value losses; the KL
// controller's update.
package ppo
