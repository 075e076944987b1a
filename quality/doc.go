// Package quality measures and filters fine-tuning data.
//
// # Metrics
//
// BLEU is sacreBLEU's (Post 2018): BLEU.Sentence and BLEU.Corpus with the
// 13a, zh, char or none tokenisation, smoothing none, floor, add-k or exp,
// effective order and the closest-reference brevity penalty, on a 0 to 100
// scale. ROUGE-1/2/L F-measure are rouge_score's without stemming
// (ROUGE.N, ROUGE.L), with a character-level variant for Chinese
// (RougeChars: Words tokens). Distinct and DistinctCorpus give distinct-n.
// Their values match sacreBLEU's and rouge_score's published test values
// and an independent Python implementation
// (tools/reference/quality_goldens.py, within 1e-9).
//
//	b := quality.BLEU{EffectiveOrder: true} // sentence BLEU as sacrebleu.sentence_bleu
//	score := b.Sentence("The cat sat.", "The cat sat down.").Score
//	f := quality.ROUGE{}.L("the cat sat", "the cat sat down").F
//
// # Deduplication
//
// Dedup drops exact duplicates (SHA-256 of the normalised text: Words
// tokens, so case, white space and punctuation are folded) and near
// duplicates: MinHash over word n-gram shingles (character n-grams in
// Chinese) with LSH banding derived from the Jaccard threshold, candidate
// pairs verified by exact Jaccard similarity, clusters by union-find
// keeping the first record. It is linear in the number of records (about
// 14 µs a record for Alpaca-size text on two cores) and deterministic
// given its seed.
//
// # The data-quality stage
//
// Config is the [[stage]] table of kind = "data-quality"; Run runs it.
// It reads the files of data, drops records in this order: responses too
// short or too long (characters or tokens), too few letters in the
// language's script, repetitive (distinct-2 below a threshold), far from
// their reference answer (ROUGE-L or BLEU, where a record has one), then
// exact and near duplicates among the rest. Each filter is off while its
// threshold is 0. An experiment file:
//
//	[[stage]]
//	kind = "data-quality"
//	data = ["alpaca_en_demo.json"]
//	on_error = "skip"          # malformed records are counted, not fatal
//	near_dup = 0.7             # Jaccard threshold; 0: no near-dup removal
//	min_chars = 20
//	language = "en"            # at least min_script_share (0.5) Latin letters
//	min_distinct2 = 0.4
//	min_reference = 0.2        # ROUGE-L F against "reference", where present
//	spotcheck = 20
//
//	[[stage]]
//	kind = "sft"
//	data = ["stage:data-quality"]   # the kept records
//
// The stage writes, in its output folder: data.jsonl, the kept records
// (ShareGPT JSONL, what "stage:data-quality" resolves to); dropped.jsonl,
// each dropped record with "reason", "detail" and, for duplicates,
// "duplicate_of" (the source of the record kept); spotcheck.md and
// spotcheck.csv. It logs quality/read, quality/kept, quality/dropped,
// quality/dropped_<reason> for each of Reasons and
// quality/skipped_<reason> for malformed records skipped.
//
// # Spot checks
//
// Sample draws a seeded random sample of the kept records and of the
// dropped records of each reason; WriteSpotcheck writes it as Markdown to
// read and as CSV (id, source, decision, reason, prompt, response,
// verdict) to fill: a verdict is keep or ok for a record fit to train on,
// drop or bad for one that is not, empty for one not reviewed.
// ReadAgreement reads the filled CSV back and reports the agreement of
// the verdicts with the automatic decisions: overall agreement, Cohen's
// kappa and the precision of each reason's drops. From the shell:
//
//	paddock data stats alpaca_en_demo.json
//	paddock data spotcheck --data alpaca_en_demo.json --out review --n 20 --min-chars 20
//	paddock data agree review/spotcheck.csv
package quality
