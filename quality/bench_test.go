package quality

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// syntheticRecords returns n Alpaca-size texts (a 10-word instruction and
// a 60-word response, words drawn from a Zipf-distributed vocabulary of
// 5000), of which about 5% are planted near duplicates of earlier ones
// (see perturb), and the number planted.
func syntheticRecords(n int, seed uint64) ([]string, int) {
	rng := rand.New(rand.NewPCG(seed, 1))
	vocab := make([]string, 5000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%x", rng.Uint32()&0xffffff)
	}
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(vocab)-1))
	words := func(k int) string {
		parts := make([]string, k)
		for i := range parts {
			parts[i] = vocab[zipf.Uint64()]
		}
		return strings.Join(parts, " ")
	}
	texts := make([]string, n)
	planted := 0
	for i := range texts {
		if i > 0 && rng.IntN(20) == 0 {
			texts[i] = perturb(rng, texts[rng.IntN(i)], vocab, false)
			planted++
			continue
		}
		texts[i] = words(10) + "\n" + words(60)
	}
	return texts, planted
}

// BenchmarkNearDup times exact and near-duplicate detection at the
// default settings; ns/record is the time per text, flagged/planted the
// records flagged as duplicates over the copies planted.
func BenchmarkNearDup(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		texts, planted := syntheticRecords(n, 1)
		b.Run(fmt.Sprintf("records=%d", n), func(b *testing.B) {
			d := Dedup{Exact: true, Threshold: DefaultNearDup, Seed: 1}
			var flagged int
			for b.Loop() {
				m, err := d.Find(context.Background(), texts)
				if err != nil {
					b.Fatal(err)
				}
				flagged = 0
				for _, x := range m {
					if x.Of >= 0 {
						flagged++
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/record")
			b.ReportMetric(float64(flagged)/float64(planted), "flagged/planted")
		})
	}
}
