package sft

import (
	"fmt"
	"math/rand/v2"

	"github.com/paddock-ai/paddock/data"
	"github.com/paddock-ai/paddock/tokenizer"
	"github.com/paddock-ai/paddock/train"
)

// dataset is the tokenized, split and packed data of a run.
type dataset struct {
	train, eval []data.Row
	prompts     [][]int            // eval prompts (up to the first loss token) for generation metrics
	stats       map[string]float64 // data/... counts, logged once
}

// loadDataset reads every file, renders and tokenizes the samples, holds
// out the eval split (a seeded shuffle) and packs both parts.
func loadDataset(cfg *Config, tok *tokenizer.Tokenizer, seed uint64) (*dataset, error) {
	samples, st, err := readSamples(cfg, tok)
	if err != nil {
		return nil, err
	}
	if len(samples) == 0 {
		return nil, fmt.Errorf("sft: no samples in %v", cfg.Data)
	}
	r := rand.New(rand.NewPCG(seed, 0xda7a))
	r.Shuffle(len(samples), func(i, j int) { samples[i], samples[j] = samples[j], samples[i] })
	nEval := int(cfg.EvalFraction*float64(len(samples)) + 0.5)
	if cfg.EvalFraction > 0 && nEval == 0 && len(samples) > 1 {
		nEval = 1
	}
	d := &dataset{stats: st}
	pad := 0
	if tok != nil && tok.PAD >= 0 {
		pad = tok.PAD
	}
	var ps data.PackStats
	if d.train, ps, err = data.Pack(samples[nEval:], cfg.SeqLen, pad, cfg.Pack); err != nil {
		return nil, fmt.Errorf("sft: %w", err)
	}
	if len(d.train) == 0 {
		return nil, fmt.Errorf("sft: no training sample has a target left (truncated %d, empty %d)", ps.Truncated, ps.Empty)
	}
	st["data/train_samples"], st["data/train_rows"] = float64(ps.Samples), float64(len(d.train))
	st["data/truncated"], st["data/empty"] = float64(ps.Truncated), float64(ps.Empty)
	st["data/pack_efficiency"] = float64(ps.Tokens) / float64(len(d.train)*cfg.SeqLen)
	st["data/train_targets"] = float64(ps.Targets)
	eval := samples[:nEval]
	if d.eval, ps, err = data.Pack(eval, cfg.SeqLen, pad, cfg.Pack); err != nil {
		return nil, fmt.Errorf("sft: %w", err)
	}
	st["data/eval_samples"], st["data/truncated"] = float64(ps.Samples), st["data/truncated"]+float64(ps.Truncated)
	for _, s := range eval[:min(cfg.EvalGenerate, len(eval))] {
		if p := promptOf(s, cfg.SeqLen); len(p) > 0 {
			d.prompts = append(d.prompts, p)
		}
	}
	return d, nil
}

// readSamples reads and tokenizes every file, counting skipped records.
func readSamples(cfg *Config, tok *tokenizer.Tokenizer) ([]data.Tokenized, map[string]float64, error) {
	tmpl, err := data.LoadTemplate(cfg.Template, cfg.TemplateFile)
	if err != nil {
		return nil, nil, err
	}
	opt := data.ReadOptions{OnError: cfg.OnError, Limit: cfg.Limit}
	st := map[string]float64{}
	var out []data.Tokenized
	for _, path := range cfg.Data {
		f := data.Format(cfg.Format)
		if f == "" {
			if f, err = data.DetectFormat(path); err != nil {
				return nil, nil, fmt.Errorf("sft: %w", err)
			}
		}
		var rep data.Report
		if f == data.FormatTokenized {
			var ts []data.Tokenized
			ts, rep, err = data.ReadTokenized(path, opt)
			out = append(out, ts...)
		} else {
			var convs []data.Conversation
			convs, rep, err = data.ReadConversations(path, f, opt)
			if err == nil {
				out, err = appendEncoded(out, convs, tmpl, tok, cfg)
			}
		}
		if err != nil {
			return nil, nil, fmt.Errorf("sft: %w", err)
		}
		st["data/records"] += float64(rep.Read)
		st["data/skipped"] += float64(rep.Skipped)
		for reason, n := range rep.SkippedBy {
			st["data/skipped/"+reason] += float64(n)
		}
	}
	return out, st, nil
}

func appendEncoded(out []data.Tokenized, convs []data.Conversation, tmpl *data.Template, tok *tokenizer.Tokenizer, cfg *Config) ([]data.Tokenized, error) {
	if tok == nil {
		return nil, fmt.Errorf("a tokenizer is needed to render conversations")
	}
	for _, c := range convs {
		segs, err := tmpl.Render(c, data.RenderOptions{DomainTag: cfg.DomainTag})
		if err != nil {
			return nil, err
		}
		ids, labels, err := data.Encode(segs, tok, cfg.TrainOnInputs)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Source, err)
		}
		out = append(out, data.Tokenized{Source: c.Source, IDs: ids, Labels: labels})
	}
	return out, nil
}

// promptOf is a sample's ids before its first loss token: the prompt a
// model continues at generation time (within the row length).
func promptOf(s data.Tokenized, T int) []int {
	for i, l := range s.Labels {
		if l >= 0 && i > 0 {
			return s.IDs[:min(i, T/2)]
		}
	}
	return nil
}

// batch returns micro-batch k (k = 0, 1, ...) of B rows from rows: the
// rows in a seeded order that is reshuffled each epoch, so that batch k
// depends only on k and resuming needs only the count of batches taken.
func batch(rows []data.Row, k, B int, seed uint64) train.Batch {
	T := len(rows[0].IDs)
	b := train.Batch{IDs: make([]int, 0, B*T), Targets: make([]int, 0, B*T), Start: make([]int, 0, B*T)}
	var perm []int
	epoch := -1
	for j := k * B; j < (k+1)*B; j++ {
		if e := j / len(rows); e != epoch {
			epoch = e
			perm = rand.New(rand.NewPCG(seed, uint64(e))).Perm(len(rows))
		}
		r := rows[perm[j%len(rows)]]
		b.IDs, b.Targets, b.Start = append(b.IDs, r.IDs...), append(b.Targets, r.Targets...), append(b.Start, r.Start...)
	}
	return b
}
