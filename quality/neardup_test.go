package quality

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/data"
	"github.com/paddock-ai/paddock/internal/sharedtest"
)

// conversationText is the text dedup compares, as Run builds it.
func conversationTexts(convs []data.Conversation) []string {
	out := make([]string, len(convs))
	for i, c := range convs {
		out[i] = dedupText(c, DedupConversation)
	}
	return out
}

// TestNearDupAlpaca plants perturbed copies of a seeded tenth of
// alpaca_en_demo.json and alpaca_zh_demo.json (see perturb: word edits in
// English, character edits in Chinese) among the originals, shuffled, and
// reports the recall of the planted pairs and the precision of the
// records flagged, at the default settings. Records the originals alone
// already flag (the files' own duplicates) are left out of both.
func TestNearDupAlpaca(t *testing.T) {
	for _, c := range []struct {
		file  string
		chars bool
	}{
		{"data/alpaca_en_demo.json", false},
		{"data/alpaca_zh_demo.json", true},
	} {
		t.Run(c.file, func(t *testing.T) {
			recall, precision := plantedNearDups(t, sharedtest.Path(t, c.file), c.chars)
			if recall < 0.9 || precision < 0.9 {
				t.Errorf("recall %.3f, precision %.3f: want both >= 0.9", recall, precision)
			}
		})
	}
}

// plantedNearDups runs the planted-copy experiment on one file.
func plantedNearDups(t *testing.T, path string, chars bool) (recall, precision float64) {
	convs, _, err := data.ReadConversations(path, "", data.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	orig := conversationTexts(convs)
	d := Dedup{Exact: true, Threshold: DefaultNearDup, Seed: 1}
	natural, err := d.Find(context.Background(), orig)
	if err != nil {
		t.Fatal(err)
	}
	extra := strings.Fields(strings.Join(orig[:50], " "))
	if chars {
		extra = charUnits(strings.Join(orig[:50], ""))
	}
	shuffled, groups := plantCopies(orig, extra, chars)
	got, err := d.Find(context.Background(), shuffled)
	if err != nil {
		t.Fatal(err)
	}
	root := func(i int) int {
		if got[i].Of >= 0 {
			return got[i].Of
		}
		return i
	}
	where := make(map[int][]int) // original -> positions of it and its copy
	for p, g := range groups {
		where[g] = append(where[g], p)
	}
	planted, found := len(shuffled)-len(orig), 0
	for _, ps := range where {
		if len(ps) == 2 && root(ps[0]) == root(ps[1]) {
			found++
		}
	}
	flagged, right, own := 0, 0, 0
	for p, m := range got {
		switch {
		case m.Of < 0:
		case natural[groups[p]].Of >= 0 || natural[groups[m.Of]].Of >= 0:
			own++
		case groups[p] == groups[m.Of]:
			flagged++
			right++
		default:
			flagged++
		}
	}
	recall, precision = float64(found)/float64(planted), float64(right)/float64(max(flagged, 1))
	t.Logf("%s: %d records + %d planted copies; threshold %g, %d-token shingles, %d MinHash functions",
		filepath.Base(path), len(orig), planted, d.Threshold, DefaultNGram, DefaultNumPerm)
	t.Logf("recall %.3f (%d of %d pairs), precision %.3f (%d of %d flagged); %d flags from the file's own duplicates left out",
		recall, found, planted, precision, right, flagged, own)
	return recall, precision
}

// plantCopies returns orig with perturbed copies of a seeded tenth of it,
// shuffled, and for each text the index of the original it comes from.
func plantCopies(orig, extra []string, chars bool) (texts []string, groups []int) {
	rng := rand.New(rand.NewPCG(7, 9))
	all, group := append([]string(nil), orig...), make([]int, len(orig), len(orig)*11/10)
	for i := range group {
		group[i] = i
	}
	for _, i := range rng.Perm(len(orig))[:len(orig)/10] {
		all = append(all, perturb(rng, orig[i], extra, chars))
		group = append(group, i)
	}
	texts, groups = make([]string, len(all)), make([]int, len(all))
	for to, from := range rng.Perm(len(all)) {
		texts[to], groups[to] = all[from], group[from]
	}
	return texts, groups
}
