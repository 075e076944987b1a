package quality

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
)

// Agreement compares human verdicts on a spot-check sample with the
// automatic decisions. The sample holds up to n records of each group, not
// the groups in their proportions in the data, so the figures describe
// the sample, not the whole data set.
type Agreement struct {
	Rows     int // sample rows
	Reviewed int // rows with a verdict
	Agreed   int // verdicts equal to the automatic decision
	// Overall is Agreed / Reviewed; NaN when nothing was reviewed.
	Overall float64
	// Kappa is Cohen's kappa of the two raters over keep/drop:
	// (p_o - p_e) / (1 - p_e), p_e the agreement expected by chance from
	// each rater's keep and drop rates; NaN when p_e is 1 (both raters
	// gave one answer throughout) or nothing was reviewed.
	Kappa float64
	// Confusion counts reviewed rows by [automatic][human] decision, 0
	// keep and 1 drop.
	Confusion [2][2]int
	// Groups are the kept records ("keep") and each drop reason present,
	// in the order of Reasons.
	Groups []GroupAgreement
}

// GroupAgreement is the agreement on one group of the sample.
type GroupAgreement struct {
	Group     string // Keep or a drop reason
	Rows      int
	Reviewed  int
	Confirmed int // verdicts equal to the automatic decision
	// Precision is Confirmed / Reviewed: for a drop reason the precision
	// of its drops, for Keep that of keeping; NaN when none was reviewed.
	Precision float64
}

// ReadAgreement reads a spot-check CSV (spotcheck.csv with its verdict
// column filled) and compares the verdicts with the decisions. Columns are
// found by their header names: decision and verdict are required, reason
// is optional. A verdict is "keep" or "ok" (fit to train on), "drop" or
// "bad" (not), in any case; an empty verdict leaves the row unreviewed.
func ReadAgreement(path string) (Agreement, error) {
	f, err := os.Open(path)
	if err != nil {
		return Agreement{}, fmt.Errorf("quality: %w", err)
	}
	defer f.Close()
	a, err := Agree(f)
	if err != nil {
		return Agreement{}, fmt.Errorf("quality: %s: %w", path, err)
	}
	return a, nil
}

// Agree is ReadAgreement on a reader; its errors name the line.
func Agree(r io.Reader) (Agreement, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return Agreement{}, fmt.Errorf("header: %w", err)
	}
	col := make(map[string]int)
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, need := range []string{"decision", "verdict"} {
		if _, ok := col[need]; !ok {
			return Agreement{}, fmt.Errorf("header %q has no %s column", header, need)
		}
	}
	var a Agreement
	groups := make(map[string]*GroupAgreement)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Agreement{}, err
		}
		line, _ := cr.FieldPos(0)
		auto, human, reason, err := parseRow(rec, col)
		if err != nil {
			return Agreement{}, fmt.Errorf("line %d: %w", line, err)
		}
		a.add(groups, auto, human, reason)
	}
	a.finish(groups)
	return a, nil
}

// parseRow returns a row's decision, verdict ("" when unreviewed) and
// reason.
func parseRow(rec []string, col map[string]int) (auto, human, reason string, err error) {
	field := func(name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.ToLower(strings.TrimSpace(rec[i]))
		}
		return ""
	}
	auto, reason = field("decision"), field("reason")
	if auto != Keep && auto != Drop {
		return "", "", "", fmt.Errorf("decision %q: want keep or drop", auto)
	}
	switch v := field("verdict"); v {
	case "", Keep, Drop:
		human = v
	case "ok":
		human = Keep
	case "bad":
		human = Drop
	default:
		return "", "", "", fmt.Errorf("verdict %q: want keep, ok, drop or bad (or empty: not reviewed)", v)
	}
	return auto, human, reason, nil
}

func (a *Agreement) add(groups map[string]*GroupAgreement, auto, human, reason string) {
	a.Rows++
	name := cmp.Or(reason, Keep)
	if auto == Keep {
		name = Keep
	}
	g := groups[name]
	if g == nil {
		g = &GroupAgreement{Group: name}
		groups[name] = g
	}
	g.Rows++
	if human == "" {
		return
	}
	a.Reviewed++
	g.Reviewed++
	a.Confusion[index(auto)][index(human)]++
	if human == auto {
		a.Agreed++
		g.Confirmed++
	}
}

func index(decision string) int {
	if decision == Drop {
		return 1
	}
	return 0
}

// finish computes the rates and orders the groups.
func (a *Agreement) finish(groups map[string]*GroupAgreement) {
	a.Overall, a.Kappa = math.NaN(), math.NaN()
	if n := float64(a.Reviewed); n > 0 {
		a.Overall = float64(a.Agreed) / n
		c := a.Confusion
		autoKeep, humanKeep := float64(c[0][0]+c[0][1])/n, float64(c[0][0]+c[1][0])/n
		pe := autoKeep*humanKeep + (1-autoKeep)*(1-humanKeep)
		if pe < 1 {
			a.Kappa = (a.Overall - pe) / (1 - pe)
		}
	}
	order := append([]string{Keep}, Reasons...)
	var unknown []string // reasons this version does not know, last
	for name := range groups {
		if !slices.Contains(order, name) {
			unknown = append(unknown, name)
		}
	}
	slices.Sort(unknown)
	order = append(order, unknown...)
	for _, name := range order {
		if g := groups[name]; g != nil {
			g.Precision = math.NaN()
			if g.Reviewed > 0 {
				g.Precision = float64(g.Confirmed) / float64(g.Reviewed)
			}
			a.Groups = append(a.Groups, *g)
		}
	}
}
