package quality

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"

	"github.com/paddock-ai/paddock/data"
	"github.com/paddock-ai/paddock/internal/atomicfile"
)

// Env is what Run needs from the experiment runner.
type Env interface {
	Context() context.Context
	Seed() uint64
	Log(step int, m map[string]float64) error
	OutDir() (string, error) // the stage's output folder, created
}

// The files Run writes in its output folder.
const (
	KeptFile          = "data.jsonl"    // kept records, ShareGPT JSONL: the stage's output
	DroppedFile       = "dropped.jsonl" // dropped records with "reason", "detail" and "duplicate_of"
	SpotcheckMarkdown = "spotcheck.md"  // the spot-check sample to read
	SpotcheckCSV      = "spotcheck.csv" // the same sample with an empty verdict column to fill
)

// Run runs the data-quality stage: it reads cfg.Data, applies the filters
// and dedup (see Apply), writes the kept records to data.jsonl, the
// dropped ones to dropped.jsonl and, when cfg.Spotcheck > 0, the
// spot-check sample, and logs at step 0: quality/read, quality/kept,
// quality/dropped, quality/dropped_<reason> for each of Reasons and
// quality/skipped_<reason> for the malformed records skipped (on_error
// "skip"), by the reader's reason. Run draws one seed from env for MinHash
// and the spot-check sample.
func Run(cfg *Config, env Env) error {
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("quality: %w", err)
	}
	ctx := env.Context()
	convs, skipped, err := Read(cfg)
	if err != nil {
		return err
	}
	seed := env.Seed()
	decisions, err := Apply(ctx, cfg, convs, seed)
	if err != nil {
		return err
	}
	dir, err := env.OutDir()
	if err != nil {
		return fmt.Errorf("quality: %w", err)
	}
	var kept []data.Conversation
	for i, d := range decisions {
		if !d.Dropped() {
			kept = append(kept, convs[i])
		}
	}
	if err := data.WriteConversations(filepath.Join(dir, KeptFile), kept); err != nil {
		return fmt.Errorf("quality: %w", err)
	}
	if err := writeDropped(filepath.Join(dir, DroppedFile), convs, decisions); err != nil {
		return err
	}
	if cfg.Spotcheck > 0 {
		sample := Sample(convs, decisions, cfg.Spotcheck, seed)
		if err := WriteSpotcheck(dir, sample); err != nil {
			return err
		}
	}
	return env.Log(0, metrics(len(convs), decisions, skipped))
}

// Read reads every file of cfg.Data and returns the conversations and the
// malformed records skipped, by reason. With on_error "stop" the first
// malformed record's error names its file and record (a
// *data.RecordError, wrapped).
func Read(cfg *Config) ([]data.Conversation, map[string]int, error) {
	var all []data.Conversation
	skipped := make(map[string]int)
	for _, path := range cfg.Data {
		convs, rep, err := data.ReadConversations(path, data.Format(cfg.Format), data.ReadOptions{OnError: cfg.OnError})
		if err != nil {
			return nil, nil, fmt.Errorf("quality: %w", err)
		}
		all = append(all, convs...)
		for r, n := range rep.SkippedBy {
			skipped[r] += n
		}
	}
	return all, skipped, nil
}

// metrics returns the step-0 metrics of Run.
func metrics(read int, decisions []Decision, skipped map[string]int) map[string]float64 {
	m := map[string]float64{"quality/read": float64(read)}
	for _, r := range Reasons {
		m["quality/dropped_"+r] = 0
	}
	dropped := 0
	for _, d := range decisions {
		if d.Dropped() {
			dropped++
			m["quality/dropped_"+d.Reason]++
		}
	}
	m["quality/dropped"] = float64(dropped)
	m["quality/kept"] = float64(read - dropped)
	for r, n := range skipped {
		m["quality/skipped_"+r] = float64(n)
	}
	return m
}

// writeDropped writes each dropped record as EncodeConversation's ShareGPT
// JSON with "reason", "detail" and, for duplicates, "duplicate_of" (the
// kept record's source) added.
func writeDropped(path string, convs []data.Conversation, decisions []Decision) error {
	err := atomicfile.Write(path, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		var line bytes.Buffer
		for i, d := range decisions {
			if !d.Dropped() {
				continue
			}
			line.Reset()
			if err := data.EncodeConversation(&line, convs[i]); err != nil {
				return err
			}
			extra := map[string]string{"reason": d.Reason, "detail": d.Detail}
			if d.DuplicateOf >= 0 {
				extra["duplicate_of"] = convs[d.DuplicateOf].Source
			}
			if err := writeWithKeys(bw, line.Bytes(), extra); err != nil {
				return err
			}
		}
		return bw.Flush()
	})
	if err != nil {
		return fmt.Errorf("quality: write %s: %w", path, err)
	}
	return nil
}

// writeWithKeys writes the JSON object line obj with the keys of extra
// added, as one line.
func writeWithKeys(w io.Writer, obj []byte, extra map[string]string) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(obj, &m); err != nil {
		return err
	}
	for k, v := range extra {
		var b bytes.Buffer
		if err := newEncoder(&b).Encode(v); err != nil {
			return err
		}
		m[k] = bytes.TrimSuffix(b.Bytes(), []byte("\n"))
	}
	return newEncoder(w).Encode(m)
}

// newEncoder returns a JSON encoder that leaves <, > and & as they are.
func newEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}
