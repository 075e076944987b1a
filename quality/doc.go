// Package quality measures and filters fine-tuning data: BLEU as sacreBLEU
// defines it, ROUGE-1/2/L as Google's rouge_score does, with
// character-level variants for Chinese, and distinct-n.
package quality
