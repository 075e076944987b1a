package ops

// Layout says how samples are packed into the B rows of T tokens of a
// training batch. Start[i] is the row position at which the sample holding
// flat token i (= b·T + t) begins, so t − Start[i] is the token's position
// within its sample: RoPE rotates by that position, and attention lets
// token t see only the positions Start[i] … t of its row, never another
// sample. All zeros (the default) is one sample per row. Like Tokens and
// Targets it is refilled before each run.
type Layout struct {
	Start []int // N = B·T
}
