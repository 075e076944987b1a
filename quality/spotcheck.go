package quality

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/paddock-ai/paddock/data"
	"github.com/paddock-ai/paddock/internal/atomicfile"
)

// The automatic decisions of a spot-check sample, and the human verdicts
// that agree with them.
const (
	Keep = "keep"
	Drop = "drop"
)

// SpotItem is one record of a spot-check sample.
type SpotItem struct {
	ID          int    // 1, 2, ... in the order of the sample
	Source      string // the record's "file:record N"
	Decision    string // Keep or Drop
	Reason      string // the drop reason; "" when kept
	Detail      string // what failed
	DuplicateOf string // duplicates: the kept record's source
	Prompt      string // the last user turn (and its input)
	Response    string // the last assistant turn
	Reference   string // the record's reference answer, if any (Markdown only)
}

// Spotcheck is a seeded random sample of the kept records and of the
// dropped records of each reason.
type Spotcheck struct {
	Seed     uint64
	PerGroup int            // the sample size of each group
	Counts   map[string]int // records of each group in the data: Keep and each reason
	Items    []SpotItem     // the kept sample, then each reason's, in the order of Reasons
}

// Sample draws up to n kept records and up to n dropped records of each
// reason, uniformly without replacement, with a PCG seeded by seed. Each
// group's records are listed in data order.
func Sample(convs []data.Conversation, decisions []Decision, n int, seed uint64) Spotcheck {
	groups := make(map[string][]int)
	for i, d := range decisions {
		g := d.Reason
		if g == "" {
			g = Keep
		}
		groups[g] = append(groups[g], i)
	}
	sc := Spotcheck{Seed: seed, PerGroup: n, Counts: make(map[string]int)}
	rng := rand.New(rand.NewPCG(seed, 0x73706f74)) // "spot"
	for _, g := range append([]string{Keep}, Reasons...) {
		idx := groups[g]
		sc.Counts[g] = len(idx)
		k := min(n, len(idx))
		for i := range k { // partial Fisher-Yates
			j := i + rng.IntN(len(idx)-i)
			idx[i], idx[j] = idx[j], idx[i]
		}
		chosen := slices.Clone(idx[:k])
		slices.Sort(chosen)
		for _, i := range chosen {
			sc.Items = append(sc.Items, spotItem(len(sc.Items)+1, convs, decisions, i))
		}
	}
	return sc
}

func spotItem(id int, convs []data.Conversation, decisions []Decision, i int) SpotItem {
	d := decisions[i]
	it := SpotItem{ID: id, Source: convs[i].Source, Decision: Keep, Reason: d.Reason, Detail: d.Detail}
	if d.Dropped() {
		it.Decision = Drop
	}
	if d.DuplicateOf >= 0 {
		it.DuplicateOf = convs[d.DuplicateOf].Source
	}
	it.Prompt, it.Response = lastPair(convs[i])
	it.Reference = convs[i].Reference
	return it
}

// csvHeader are the columns of spotcheck.csv.
var csvHeader = []string{"id", "source", "decision", "reason", "prompt", "response", "verdict"}

// WriteSpotcheck writes sc to dir as spotcheck.md and spotcheck.csv.
func WriteSpotcheck(dir string, sc Spotcheck) error {
	for _, f := range []struct {
		name  string
		write func(io.Writer, Spotcheck) error
	}{{SpotcheckMarkdown, writeMarkdown}, {SpotcheckCSV, writeCSV}} {
		path := filepath.Join(dir, f.name)
		err := atomicfile.Write(path, func(w io.Writer) error {
			bw := bufio.NewWriter(w)
			if err := f.write(bw, sc); err != nil {
				return err
			}
			return bw.Flush()
		})
		if err != nil {
			return fmt.Errorf("quality: write %s: %w", path, err)
		}
	}
	return nil
}

func writeCSV(w io.Writer, sc Spotcheck) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, it := range sc.Items {
		if err := cw.Write([]string{strconv.Itoa(it.ID), it.Source, it.Decision, it.Reason, it.Prompt, it.Response, ""}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeMarkdown(w io.Writer, sc Spotcheck) error {
	fmt.Fprintf(w, "# Spot check\n\n%d records: up to %d kept records and up to %d dropped records of each reason, "+
		"drawn at random with seed %d.\n\n", len(sc.Items), sc.PerGroup, sc.PerGroup, sc.Seed)
	fmt.Fprintf(w, "Review them in %s: fill its verdict column with keep (or ok) when a record is fit to train on, "+
		"drop (or bad) when it is not, and leave it empty to skip one; then run `paddock data agree %s`.\n\n",
		SpotcheckCSV, SpotcheckCSV)
	fmt.Fprintln(w, "| group | records | sampled |\n|---|---:|---:|")
	sampled := make(map[string]int)
	for _, it := range sc.Items {
		sampled[cmp.Or(it.Reason, Keep)]++
	}
	for _, g := range append([]string{Keep}, Reasons...) {
		fmt.Fprintf(w, "| %s | %d | %d |\n", g, sc.Counts[g], sampled[g])
	}
	group := ""
	for _, it := range sc.Items {
		if g := cmp.Or(it.Reason, Keep); g != group {
			group = g
			fmt.Fprintf(w, "\n## %s (%d of %d)\n", g, sampled[g], sc.Counts[g])
		}
		fmt.Fprintf(w, "\n### %d. %s\n\n", it.ID, it.Source)
		if it.Decision == Drop {
			fmt.Fprintf(w, "Dropped: **%s**", it.Reason)
			if it.Detail != "" {
				fmt.Fprintf(w, " (%s)", it.Detail)
			}
			if it.DuplicateOf != "" {
				fmt.Fprintf(w, ", duplicate of %s", it.DuplicateOf)
			}
			fmt.Fprint(w, ".\n\n")
		}
		fmt.Fprintf(w, "**Prompt**\n\n%s\n\n**Response**\n\n%s\n", quoted(it.Prompt), quoted(it.Response))
		if it.Reference != "" {
			fmt.Fprintf(w, "\n**Reference**\n\n%s\n", quoted(it.Reference))
		}
	}
	return nil
}

// quoted returns text as a Markdown block quote, so that it wraps and
// its own Markdown (lists, code) renders inside the quote.
func quoted(text string) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight("> "+l, " ")
	}
	return strings.Join(lines, "\n")
}
