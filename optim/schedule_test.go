package optim

import (
	"math"
	"strings"
	"testing"
)

// TestSchedules checks each schedule against values worked by hand from
// HF's lr_lambda formulas.
func TestSchedules(t *testing.T) {
	for _, c := range []struct {
		s    Schedule
		want map[int]float64 // step -> factor
	}{
		{Constant(3), map[int]float64{0: 0, 1: 1.0 / 3, 2: 2.0 / 3, 3: 1, 100: 1}},
		{Constant(0), map[int]float64{0: 1, 7: 1}},
		// (12 − step)/9 after a 3-step warmup.
		{Linear(3, 12), map[int]float64{0: 0, 1: 1.0 / 3, 2: 2.0 / 3, 3: 1, 4: 8.0 / 9, 11: 1.0 / 9, 12: 0, 20: 0}},
		{Linear(0, 10), map[int]float64{0: 1, 5: 0.5, 9: 0.1, 10: 0}},
		{Linear(5, 5), map[int]float64{4: 0.8, 5: 0, 6: 0}},
		// 0.5·(1 + cos(π·(step − 2)/8)) after a 2-step warmup.
		{Cosine(2, 10), map[int]float64{0: 0, 1: 0.5, 2: 1, 4: 0.5 + math.Sqrt2/4, 6: 0.5, 8: 0.5 - math.Sqrt2/4, 10: 0, 14: 0.5}},
		{Cosine(0, 4), map[int]float64{0: 1, 1: 0.5 + math.Sqrt2/4, 2: 0.5, 4: 0}},
	} {
		for step, want := range c.want {
			if got := c.s.Factor(step); math.Abs(got-want) > 1e-15 {
				t.Errorf("%v.Factor(%d) = %.17g, want %.17g", c.s, step, got, want)
			}
		}
	}
}

func TestNewSchedule(t *testing.T) {
	for _, c := range []struct {
		name          string
		warmup, total int
		want          Schedule
	}{
		{"constant", 0, 0, Constant(0)},
		{"constant_with_warmup", 4, 0, Constant(4)},
		{"linear", 3, 12, Linear(3, 12)},
		{"cosine", 0, 100, Cosine(0, 100)},
	} {
		s, err := NewSchedule(c.name, c.warmup, c.total)
		if err != nil || s != c.want {
			t.Errorf("NewSchedule(%q, %d, %d) = %v, %v; want %v", c.name, c.warmup, c.total, s, err, c.want)
		}
	}
	for _, c := range []struct {
		name          string
		warmup, total int
		want          []string // every problem must be named
	}{
		{"cosine_with_restarts", 0, 10, []string{`unknown name "cosine_with_restarts"`}},
		{"constant", 10, 0, []string{`"constant" has no warmup`}},
		{"linear", -1, 0, []string{"warmup is -1", "total is 0"}},
		{"cosine", 20, 10, []string{"warmup 20 exceeds total 10"}},
	} {
		_, err := NewSchedule(c.name, c.warmup, c.total)
		if err == nil || !strings.HasPrefix(err.Error(), "optim: schedule: ") {
			t.Errorf("NewSchedule(%q, %d, %d): error %v, want optim: schedule: ...", c.name, c.warmup, c.total, err)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("NewSchedule(%q, %d, %d): error %q lacks %q", c.name, c.warmup, c.total, err, w)
			}
		}
	}
}
