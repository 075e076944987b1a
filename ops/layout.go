package ops

import "fmt"

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

// ValidateStart reports whether start is a valid Start for B rows of T
// tokens: B·T entries, and in each row position t, 0 ≤ start ≤ t with
// start equal to the previous token's (same sample) or to t (a new sample
// begins here); so starts never decrease within a row and position 0
// always starts a sample. The error names the first bad entry.
func ValidateStart(start []int, B, T int) error {
	if len(start) != B*T {
		return fmt.Errorf("ops: layout: %d starts, want B·T = %d·%d = %d", len(start), B, T, B*T)
	}
	for i, s := range start {
		b, t := i/T, i%T
		switch {
		case s < 0 || s > t:
			return fmt.Errorf("ops: layout: start[%d] = %d (row %d, position %d): want 0 <= start <= %d", i, s, b, t, t)
		case t > 0 && s != start[i-1] && s != t:
			return fmt.Errorf("ops: layout: start[%d] = %d (row %d, position %d): want %d (same sample as the previous token) or %d (a new sample)",
				i, s, b, t, start[i-1], t)
		}
	}
	return nil
}
