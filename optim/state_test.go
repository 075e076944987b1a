package optim

import (
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// run takes optimizer steps from..to-1 of a clipped, linearly scheduled run.
func run(t *testing.T, opt *AdamW, ps []Param, from, to int) {
	t.Helper()
	sched := Linear(2, 10)
	for k := from; k < to; k++ {
		fillGrads(ps, k)
		ClipGradNorm(ps, 1)
		if err := opt.Step(ps, 3e-3*sched.Factor(k)); err != nil {
			t.Fatal(err)
		}
	}
}

func sameData(t *testing.T, what string, got, want []Param) {
	t.Helper()
	for i := range want {
		if !slices.Equal(got[i].Data, want[i].Data) {
			t.Errorf("%s: param %s differs from the uninterrupted run", what, want[i].Name)
		}
	}
}

// TestStateRoundTrip saves the state mid-way through JSON, loads it into a
// fresh optimizer and into a used one, and requires each continued run to
// equal the uninterrupted one bit for bit.
func TestStateRoundTrip(t *testing.T) {
	cfg := Config{LR: 3e-3, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, WeightDecay: 0.1}
	whole, _ := NewAdamW(cfg)
	want := testParams(4)
	run(t, whole, want, 0, 10)

	first, _ := NewAdamW(cfg)
	ps := testParams(4)
	run(t, first, ps, 0, 5)
	raw, err := json.Marshal(first.State())
	if err != nil {
		t.Fatal(err)
	}
	var saved State
	if err := json.Unmarshal(raw, &saved); err != nil {
		t.Fatal(err)
	}
	mid := cloneParams(ps)

	fresh, _ := NewAdamW(cfg)
	if err := fresh.SetState(saved); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fresh.State(), saved) || fresh.Steps() != 5 {
		t.Fatal("State() before the first step differs from the loaded state")
	}
	resumed := cloneParams(mid)
	run(t, fresh, resumed, 5, 10)
	sameData(t, "fresh optimizer", resumed, want)

	run(t, first, cloneParams(mid), 5, 7) // drift, then rewind
	if err := first.SetState(saved); err != nil {
		t.Fatal(err)
	}
	rewound := cloneParams(mid)
	run(t, first, rewound, 5, 10)
	sameData(t, "rewound optimizer", rewound, want)

	if !reflect.DeepEqual(fresh.State(), whole.State()) || !reflect.DeepEqual(first.State(), whole.State()) {
		t.Error("resumed optimizer state differs from the uninterrupted one")
	}
}

// mismatched returns the state of params a..e with "b" resized, "c"
// dropped and "z" added.
func mismatched(t *testing.T) State {
	opt, _ := NewAdamW(DefaultConfig())
	run(t, opt, testParams(5), 0, 1)
	s := opt.State()
	s.Params[1].M, s.Params[1].V = s.Params[1].M[:7], s.Params[1].V[:7]
	s.Params[2].Name = "z"
	return s
}

// TestSetStateMismatch checks that a state for other parameters is refused,
// naming every mismatched parameter, whether it is loaded before or after
// the first step.
func TestSetStateMismatch(t *testing.T) {
	want := []string{`param "b": state has 7 elements, parameter 300`, `param "c" has no state`, `state has param "z"`}
	check := func(what string, err error, prefix string) {
		if err == nil || !strings.HasPrefix(err.Error(), prefix) {
			t.Fatalf("%s: error %v, want prefix %q", what, err, prefix)
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q lacks %q", what, err, w)
			}
		}
	}
	bad := mismatched(t)

	used, _ := NewAdamW(DefaultConfig())
	run(t, used, testParams(5), 0, 2)
	before := used.State()
	check("bound", used.SetState(bad), "optim: set state: ")
	if !reflect.DeepEqual(used.State(), before) {
		t.Error("failed SetState changed the optimizer")
	}

	fresh, _ := NewAdamW(DefaultConfig())
	if err := fresh.SetState(bad); err != nil {
		t.Fatal(err)
	}
	ps := testParams(5)
	check("first step", fresh.Step(ps, 1e-3), "optim: step: loading state: ")
	if fresh.Steps() != 1 || !reflect.DeepEqual(fresh.State(), bad) {
		t.Error("failed first step changed the optimizer")
	}
}

func TestSetStateInvalid(t *testing.T) {
	nan := float32(math.NaN())
	s := State{Step: -1, Params: []ParamState{
		{Name: "a", M: []float32{1, 2}, V: []float32{1}},
		{Name: "b", M: []float32{0, nan}, V: []float32{0, 0}},
		{Name: "c", M: []float32{0}, V: []float32{-1}},
		{Name: "a", M: []float32{}, V: []float32{}},
	}}
	opt, _ := NewAdamW(DefaultConfig())
	err := opt.SetState(s)
	if err == nil {
		t.Fatal("invalid state accepted")
	}
	for _, w := range []string{"step is -1", `param "a": exp_avg has 2 elements, exp_avg_sq 1`,
		`param "b": element 1`, `param "c": element 0`, `param "a" appears twice`} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}
}

func TestParamStateJSON(t *testing.T) {
	p := ParamState{Name: "w", M: []float32{1, -2.5, float32(math.SmallestNonzeroFloat32), 3.4028235e38}, V: []float32{0, 1e-30, 7, 0.1}}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var got ParamState
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Name != "w" || !slices.Equal(got.M, p.M) || !slices.Equal(got.V, p.V) {
		t.Errorf("round trip: %+v, want %+v (%s)", got, p, b)
	}
	// Files written with plain arrays still read.
	var old ParamState
	if err := json.Unmarshal([]byte(`{"name":"w","exp_avg":[1,2],"exp_avg_sq":[3,4]}`), &old); err != nil || !slices.Equal(old.M, []float32{1, 2}) || !slices.Equal(old.V, []float32{3, 4}) {
		t.Errorf("plain arrays: %+v, %v", old, err)
	}
	for _, bad := range []string{`{"name":"w","exp_avg_f32le":"!!"}`, `{"name":"w","exp_avg_sq_f32le":"AAA="}`} {
		if err := json.Unmarshal([]byte(bad), &old); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
