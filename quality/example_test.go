package quality_test

import (
	"context"
	"fmt"

	"github.com/paddock-ai/paddock/quality"
)

func ExampleBLEU() {
	// Sentence-level BLEU as sacrebleu.sentence_bleu computes it.
	b := quality.BLEU{EffectiveOrder: true}
	s := b.Sentence("The dog bit the man.", "The dog bit the man.")
	fmt.Printf("%.1f\n", s.Score)
	s = b.Sentence("this is a fest", "this is a test")
	fmt.Printf("%.2f (BP %.2f)\n", s.Score, s.BP)
	// Output:
	// 100.0
	// 59.46 (BP 1.00)
}

func ExampleROUGE() {
	// rouge_score's testRougeLConsecutive: candidate first here.
	r := quality.ROUGE{}.L("testing one", "testing one two")
	fmt.Printf("P %.3f R %.3f F %.3f\n", r.Precision, r.Recall, r.F)
	// Chinese, character by character.
	zh := quality.ROUGE{Tokenize: quality.RougeChars}.L("我喜欢吃苹果", "我很喜欢吃苹果")
	fmt.Printf("F %.3f\n", zh.F)
	// Output:
	// P 1.000 R 0.667 F 0.800
	// F 0.923
}

func ExampleDedup() {
	texts := []string{
		"The quick brown fox jumps over the lazy dog near the river bank today.",
		"the quick brown fox jumps over the lazy dog, near the river bank today!",
		"The quick brown fox jumps over the sleepy dog near the river bank today.",
		"Something else entirely.",
	}
	d := quality.Dedup{Exact: true, Threshold: quality.DefaultNearDup, Seed: 1}
	matches, err := d.Find(context.Background(), texts)
	if err != nil {
		panic(err)
	}
	for i, m := range matches {
		fmt.Printf("%d: of %d, exact %v\n", i, m.Of, m.Exact)
	}
	// Output:
	// 0: of -1, exact false
	// 1: of 0, exact true
	// 2: of 0, exact false
	// 3: of -1, exact false
}
