package safety

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// palette is what the random texts and lists are made of: letters in
// several forms, CJK in both scripts, separators of every kind, breaks,
// invalid bytes and runes of other scripts.
var palette = []string{
	"a", "b", "s", "x", "A", "S", "Ａ", "ｓ", "ⓑ", "1", "2",
	"敏", "感", "词", "詞", "國", "国", "发", "髮", "法", "轮",
	" ", "*", ".", "-", "_", "\u200b", "\u200d", "\ufe0f", "😀", "\u0301", "\t",
	"，", "\n", "。",
	"\xff", "\xe6\x95", "é", "ß", "Ж", "🀄",
}

func randText(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(palette[r.IntN(len(palette))])
	}
	return b.String()
}

var wordRunes = []string{"a", "b", "s", "x", "S", "1", "敏", "感", "词", "國", "发", "法", "轮", "é", "Ж"}

func randList(r *rand.Rand, n int) []Entry {
	var out []Entry
	for i := range n {
		var b strings.Builder
		for j := range 1 + r.IntN(4) {
			if j > 0 && r.IntN(6) == 0 {
				b.WriteString([]string{" ", "*", "·"}[r.IntN(3)])
			}
			b.WriteString(wordRunes[r.IntN(len(wordRunes))])
		}
		out = append(out, Entry{Word: b.String(), Category: fmt.Sprint("c", i%3), Weight: 1, Source: fmt.Sprint("rand:", i)})
	}
	return out
}

func sameHits(a, b []Hit) bool {
	return slices.EqualFunc(a, b, func(x, y Hit) bool {
		return x.Start == y.Start && x.End == y.End && x.Word == y.Word && x.Text == y.Text
	})
}

// TestDifferential compares the automaton (double array, ASCII DFA,
// pruning) with refFilter, a map trie walked from every character, on
// random texts and lists under every option.
func TestDifferential(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	opts := []Options{{}, {All: true}, {MaxGap: -1}, {MaxGap: 1, All: true}, {Breaks: NoBreaks}, {MaxGap: 5, Breaks: "-\n"}}
	for round := range 300 {
		words := randList(r, 1+r.IntN(30))
		var allow []string
		for _, e := range randList(r, r.IntN(3)) {
			allow = append(allow, e.Word)
		}
		opt := opts[round%len(opts)]
		f, err := New(words, allow, opt)
		if err != nil {
			t.Fatal(err)
		}
		ref := newRef(words, allow, opt)
		for range 20 {
			text := randText(r, r.IntN(60))
			got, want := f.Find(text), ref.find(text, opt.All)
			if !sameHits(got, want) {
				t.Fatalf("round %d, options %+v, words %q, allow %q\ntext %q\ngot  %v\nwant %v", round, opt, Words(words), allow, text, got, want)
			}
		}
	}
}

// wordyText strings list words (and bits of them) together with
// separators, letters and CJK around them, to reach deep states, word
// boundaries and the DFA's S, M and D rows.
func wordyText(r *rand.Rand, words []Entry, n int) string {
	var b strings.Builder
	for range n {
		switch r.IntN(4) {
		case 0:
			b.WriteString(palette[r.IntN(len(palette))])
		case 1:
			w := []rune(words[r.IntN(len(words))].Word)
			b.WriteString(string(w[r.IntN(len(w)):]))
		default:
			w := words[r.IntN(len(words))].Word
			for _, c := range w {
				b.WriteRune(c)
				if r.IntN(5) == 0 {
					b.WriteString([]string{" ", "*", "\u200b", "😀", "  ", "a", "-"}[r.IntN(7)])
				}
			}
		}
	}
	return b.String()
}

func TestDifferentialWordy(t *testing.T) {
	defer func(m int) { maxDFA = m }(maxDFA)
	r := rand.New(rand.NewPCG(3, 5))
	opts := []Options{{}, {All: true}, {MaxGap: -1}, {MaxGap: 1}}
	for round := range 400 {
		maxDFA = []int{1 << 21, 40, 200, 1}[round%4] // small DFAs: transitions out of it
		words := randList(r, 1+r.IntN(40))
		var allow []string
		if round%3 == 0 {
			allow = append(allow, words[0].Word+"x")
		}
		opt := opts[round%len(opts)]
		f, err := New(words, allow, opt)
		if err != nil {
			t.Fatal(err)
		}
		ref := newRef(words, allow, opt)
		for range 20 {
			text := wordyText(r, words, r.IntN(12))
			got, want := f.Find(text), ref.find(text, opt.All)
			if !sameHits(got, want) {
				t.Fatalf("round %d, maxDFA %d, options %+v, words %q, allow %q\ntext %q\ngot  %v\nwant %v", round, maxDFA, opt, Words(words), allow, text, got, want)
			}
		}
	}
}

// TestDifferentialLong: long texts with many hits, decided by the
// collector a window at a time.
func TestDifferentialLong(t *testing.T) {
	defer func(m int) { minPending = m }(minPending)
	r := rand.New(rand.NewPCG(9, 9))
	for round := range 60 {
		minPending = []int{1, 3, 16, 1024}[round%4]
		words := randList(r, 1+r.IntN(20))
		allow := []string{words[0].Word + "敏", "x" + words[len(words)-1].Word}
		opt := []Options{{}, {All: true}, {MaxGap: 1}}[round%3]
		f, err := New(words, allow, opt)
		if err != nil {
			t.Fatal(err)
		}
		text := wordyText(r, words, 400)
		got, want := f.Find(text), newRef(words, allow, opt).find(text, opt.All)
		if !sameHits(got, want) {
			t.Fatalf("round %d, minPending %d, options %+v, words %q\ntext %q\ngot  %v\nwant %v", round, minPending, opt, Words(words), text, got, want)
		}
	}
}
