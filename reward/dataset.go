package reward

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/paddock-ai/paddock/data"
	"github.com/paddock-ai/paddock/tokenizer"
	"github.com/paddock-ai/paddock/train"
)

// encodedPair is a preference pair as two token sequences, each ending at
// the token whose hidden state is scored.
type encodedPair struct {
	chosen, rejected []int
}

// dataset is the tokenized and split data of a run.
type dataset struct {
	train, eval []encodedPair
	pad         int                // the id right-padded rows are filled with
	stats       map[string]float64 // data/... counts, logged once
}

// loadDataset reads every file, renders and tokenizes both answers of each
// pair, and holds out the eval split (a seeded shuffle).
func loadDataset(cfg *Config, tok *tokenizer.Tokenizer, seed uint64) (*dataset, error) {
	tmpl, err := data.LoadTemplate(cfg.Template, cfg.TemplateFile)
	if err != nil {
		return nil, err
	}
	d := &dataset{stats: map[string]float64{}}
	if tok.PAD >= 0 {
		d.pad = tok.PAD
	}
	st := d.stats
	opt := data.ReadOptions{OnError: cfg.OnError, Limit: cfg.Limit}
	var pairs []encodedPair
	for _, path := range cfg.Data {
		ps, rep, err := data.ReadPairs(path, data.Format(cfg.Format), opt)
		if err != nil {
			return nil, fmt.Errorf("reward: %w", err)
		}
		st["data/records"] += float64(rep.Read)
		st["data/skipped"] += float64(rep.Skipped)
		for reason, n := range rep.SkippedBy {
			st["data/skipped/"+reason] += float64(n)
		}
		for _, p := range ps {
			var e encodedPair
			for i, answer := range []string{p.Chosen, p.Rejected} {
				ids, cut, err := encode(p, answer, tmpl, tok, cfg.SeqLen)
				if err != nil {
					return nil, fmt.Errorf("reward: %s: %w", p.Source, err)
				}
				switch cut {
				case cutPrompt:
					st["data/truncated_prompts"]++
				case cutAnswer:
					st["data/truncated_answers"]++
				}
				st["data/tokens"] += float64(len(ids))
				if i == 0 {
					e.chosen = ids
				} else {
					e.rejected = ids
				}
			}
			pairs = append(pairs, e)
		}
	}
	if len(pairs) == 0 {
		return nil, fmt.Errorf("reward: no pairs in %v", cfg.Data)
	}
	st["data/tokens"] /= float64(2 * len(pairs)) // mean tokens per sequence
	r := rand.New(rand.NewPCG(seed, 0xda7a))
	r.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
	nEval := int(cfg.EvalFraction*float64(len(pairs)) + 0.5)
	if cfg.EvalFraction > 0 && nEval == 0 && len(pairs) > 1 {
		nEval = 1
	}
	if nEval >= len(pairs) {
		return nil, fmt.Errorf("reward: %d pairs leave none to train on after holding out %d", len(pairs), nEval)
	}
	d.eval, d.train = pairs[:nEval], pairs[nEval:]
	st["data/train_pairs"], st["data/eval_pairs"] = float64(len(d.train)), float64(len(d.eval))
	return d, nil
}

// How encode fitted a sequence into seq_len.
const (
	cutNone   = iota
	cutPrompt // the prompt lost tokens from its start (after BOS)
	cutAnswer // the answer alone was too long: no prompt, the answer's start and its last token
)

// encode renders the prompt answered by answer with the template and
// tokenizes it (data.Encode: the answer, and the EOS after it when the
// template writes one, are the trailing tokens that carry loss). A
// sequence longer than T loses prompt tokens from the left, after a
// leading BOS; when the answer alone does not fit, the prompt is dropped
// and the answer keeps its first tokens and its last one (the EOS), so
// that the score is still read at the token it is trained on.
func encode(p data.Pair, answer string, tmpl *data.Template, tok *tokenizer.Tokenizer, T int) ([]int, int, error) {
	switch {
	case T <= 0:
		T = math.MaxInt
	case T < 2:
		return nil, 0, fmt.Errorf("a length limit of %d tokens leaves no room for an answer", T)
	}
	segs, err := tmpl.Render(p.With(answer), data.RenderOptions{})
	if err != nil {
		return nil, 0, err
	}
	ids, labels, err := data.Encode(segs, tok, false)
	if err != nil {
		return nil, 0, err
	}
	start := len(ids)
	for start > 0 && labels[start-1] >= 0 {
		start--
	}
	if start == len(ids) {
		return nil, 0, fmt.Errorf("the answer has no tokens")
	}
	if len(ids) <= T {
		return ids, cutNone, nil
	}
	head := 0
	if tok.BOS >= 0 && ids[0] == tok.BOS && start > 0 {
		head = 1
	}
	prompt, ans := ids[:start], ids[start:]
	out := append(make([]int, 0, T), prompt[:head]...)
	if room := T - head - len(ans); room >= 0 {
		out = append(out, prompt[len(prompt)-room:]...)
		return append(out, ans...), cutPrompt, nil
	}
	keep := T - head - 1
	out = append(out, ans[:keep]...)
	return append(out, ans[len(ans)-1]), cutAnswer, nil
}

// Encode renders prompt (a conversation that ends with a user turn)
// answered by response with tmpl and tokenizes it as the reward stage
// does, so that scoring sees what training saw: data.Encode's ids, the
// answer followed by EOS when the template writes one; beyond maxLen
// tokens (0: no limit) the prompt loses tokens from its start, after
// BOS, and an answer that alone does not fit keeps its start and its last
// token. maxLen 1 is an error.
func Encode(prompt data.Conversation, response string, tmpl *data.Template, tok *tokenizer.Tokenizer, maxLen int) ([]int, error) {
	ids, _, err := encode(data.Pair{Prompt: prompt}, response, tmpl, tok, maxLen)
	return ids, err
}

// appendRow adds ids as a row of T tokens right-padded with pad, its
// target set at the last real token (where the score is read) and ignored
// elsewhere.
func appendRow(b *train.Batch, ids []int, T, pad int) {
	for t := range T {
		id, tgt := pad, data.IgnoreIndex
		if t < len(ids) {
			id = ids[t]
		}
		if t == len(ids)-1 {
			tgt = 0
		}
		b.IDs, b.Targets = append(b.IDs, id), append(b.Targets, tgt)
	}
}

// batch returns micro-batch k (k = 0, 1, ...) of B pairs from the training
// pairs, rows [chosen, rejected] per pair: the pairs in a seeded order
// that is reshuffled each epoch, so that batch k depends only on k and
// resuming needs only the count of batches taken.
func (d *dataset) batch(k, B, T int, seed uint64) train.Batch {
	b := train.Batch{IDs: make([]int, 0, 2*B*T), Targets: make([]int, 0, 2*B*T)}
	var perm []int
	epoch := -1
	n := len(d.train)
	for j := k * B; j < (k+1)*B; j++ {
		if e := j / n; e != epoch {
			epoch = e
			perm = rand.New(rand.NewPCG(seed, uint64(e))).Perm(n)
		}
		p := d.train[perm[j%n]]
		appendRow(&b, p.chosen, T, d.pad)
		appendRow(&b, p.rejected, T, d.pad)
	}
	return b
}

// evalBatch is eval micro-batch k: pairs k·B … k·B+B−1 in order, the last
// batch filled up with copies of the first pair; n is the number of real
// pairs in it.
func (d *dataset) evalBatch(k, B, T int) (b train.Batch, n int) {
	b = train.Batch{IDs: make([]int, 0, 2*B*T), Targets: make([]int, 0, 2*B*T)}
	for i := range B {
		p := d.eval[0]
		if j := k*B + i; j < len(d.eval) {
			p = d.eval[j]
			n++
		}
		appendRow(&b, p.chosen, T, d.pad)
		appendRow(&b, p.rejected, T, d.pad)
	}
	return b, n
}
