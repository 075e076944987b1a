package data

import "fmt"

// Row is one training row of T tokens: input ids, next-token targets
// (IgnoreIndex where nothing is predicted: prompt tokens, each sample's
// last token, padding) and, for each token, the row position where its
// sample begins (see ops.Layout): attention and positions never cross a
// sample boundary.
type Row struct {
	IDs, Targets, Start []int // T each
	Used                int   // tokens before the padding
}

// PackStats counts what packing did.
type PackStats struct {
	Samples   int // samples placed
	Truncated int // samples cut to the row length
	Empty     int // samples dropped because no target was left
	Tokens    int // tokens placed (not padding)
	Targets   int // tokens that carry loss
}

// packWindow is how many of the latest rows Pack tries before opening a
// new one: first fit over a window keeps packing linear in the sample count.
const packWindow = 64

// Pack places samples into rows of T tokens, in order: with pack set, each
// sample goes into the first of the last packWindow rows with room for it
// (first fit; the result depends only on the order), else into a new row;
// without pack, one sample per row. Samples longer than T are truncated to
// their first T tokens; samples with no target left are dropped. The rest
// of a row is padding (id pad, no targets, its own segment).
func Pack(samples []Tokenized, T, pad int, pack bool) ([]Row, PackStats, error) {
	var st PackStats
	var rows []Row
	for _, s := range samples {
		if len(s.IDs) != len(s.Labels) {
			return nil, st, fmt.Errorf("data: %s: %d ids but %d labels", s.Source, len(s.IDs), len(s.Labels))
		}
		ids, labels := s.IDs, s.Labels
		if len(ids) > T {
			ids, labels = ids[:T], labels[:T]
			st.Truncated++
		}
		targets := countTargets(labels)
		if targets == 0 {
			st.Empty++
			continue
		}
		r := -1
		for i := max(0, len(rows)-packWindow); pack && i < len(rows); i++ {
			if rows[i].Used+len(ids) <= T {
				r = i
				break
			}
		}
		if r < 0 {
			rows = append(rows, Row{IDs: make([]int, T), Targets: make([]int, T), Start: make([]int, T)})
			r = len(rows) - 1
		}
		place(&rows[r], ids, labels)
		st.Samples++
		st.Tokens += len(ids)
		st.Targets += targets
	}
	for i := range rows {
		padRow(&rows[i], pad)
	}
	return rows, st, nil
}

// countTargets counts the labels that become targets: every label after
// the first that is not ignored (the first token is never predicted).
func countTargets(labels []int) int {
	n := 0
	for _, l := range labels[min(1, len(labels)):] {
		if l >= 0 {
			n++
		}
	}
	return n
}

// place appends a sample to a row: targets are the labels shifted by one,
// and the sample's last token predicts nothing.
func place(r *Row, ids, labels []int) {
	at := r.Used
	r.Used += len(ids)
	for t, id := range ids {
		r.IDs[at+t] = id
		r.Start[at+t] = at
		r.Targets[at+t] = IgnoreIndex
		if t+1 < len(labels) && labels[t+1] >= 0 {
			r.Targets[at+t] = labels[t+1]
		}
	}
}

func padRow(r *Row, pad int) {
	for t := r.Used; t < len(r.IDs); t++ {
		r.IDs[t], r.Targets[t], r.Start[t] = pad, IgnoreIndex, r.Used
	}
}
