package tokenizer

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/paddock-ai/paddock/internal/sharedtest"
)

// chineseCorpus gathers Chinese training text from shared/ that does not
// include the Alpaca zh outputs the comparison is measured on.
func chineseCorpus(t *testing.T) string {
	t.Helper()
	var sb strings.Builder
	add := func(s string) {
		for _, l := range strings.Split(s, "\n") {
			if strings.TrimSpace(l) != "" {
				sb.WriteString(l + "\n")
			}
		}
	}
	eachJSONLine(t, "data/belle_eval_set.json", func(m map[string]any) {
		add(str(m["question"]))
		add(str(m["std_answer"]))
	})
	eachJSONLine(t, "data/belle_zh_seed_tasks.json", func(m map[string]any) {
		add(str(m["instruction"]))
		for _, in := range m["instances"].([]any) {
			add(str(in.(map[string]any)["input"]))
			add(str(in.(map[string]any)["output"]))
		}
	})
	var dpo []struct {
		Conversations []struct{ Value string } `json:"conversations"`
		Chosen        struct{ Value string }   `json:"chosen"`
		Rejected      struct{ Value string }   `json:"rejected"`
	}
	readJSON(t, "data/dpo_zh_demo.json", &dpo)
	for _, d := range dpo {
		for _, c := range d.Conversations {
			add(c.Value)
		}
		add(d.Chosen.Value)
		add(d.Rejected.Value)
	}
	return sb.String()
}

func str(v any) string { s, _ := v.(string); return s }

func readJSON(t *testing.T, rel string, v any) {
	t.Helper()
	data, err := os.ReadFile(sharedtest.Path(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
}

func eachJSONLine(t *testing.T, rel string, fn func(map[string]any)) {
	t.Helper()
	data, err := os.ReadFile(sharedtest.Path(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		fn(m)
	}
}

// tokensPerHan is tokens per Chinese (Han) character over texts.
func tokensPerHan(tok *Tokenizer, texts []string) float64 {
	var toks, han int
	for _, s := range texts {
		toks += len(tok.Encode(s))
		for _, r := range s {
			if unicode.Is(unicode.Han, r) {
				han++
			}
		}
	}
	return float64(toks) / float64(han)
}

// TestChineseVocabularyExtension trains Chinese pieces, merges them into
// LLaMA-2's vocabulary as Chinese-LLaMA-Alpaca does, and measures tokens
// per Chinese character on the Alpaca zh outputs (reported in the README).
func TestChineseVocabularyExtension(t *testing.T) {
	base, err := LoadModel(sharedtest.Path(t, "tokenizers/llama2/tokenizer.model"))
	if err != nil {
		t.Fatal(err)
	}
	zh, err := Train(strings.NewReader(chineseCorpus(t)), TrainOptions{VocabSize: 8000})
	if err != nil {
		t.Fatal(err)
	}
	ext, added, err := Extend(base, zh)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseModel(ext.Marshal())
	if err != nil || back.VocabSize() != base.VocabSize()+added {
		t.Fatalf("extended model does not reload: %v", err)
	}
	for id, p := range base.Pieces {
		if back.Pieces[id] != p {
			t.Fatalf("piece %d changed: %+v -> %+v", id, p, back.Pieces[id])
		}
	}
	var rows []struct{ Output string }
	readJSON(t, "data/alpaca_zh_demo.json", &rows)
	outputs := make([]string, len(rows))
	for i, r := range rows {
		outputs[i] = r.Output
	}
	before, after := tokensPerHan(base.Tokenizer, outputs), tokensPerHan(back.Tokenizer, outputs)
	t.Logf("added %d pieces (%d -> %d); Alpaca zh outputs: %.3f -> %.3f tokens per Chinese character",
		added, base.VocabSize(), back.VocabSize(), before, after)
	if after > 0.75*before {
		t.Errorf("extension cut tokens per Chinese character only from %.3f to %.3f", before, after)
	}
	for _, s := range outputs[:50] {
		if got, _ := back.Decode(back.Encode(s)); got != s {
			t.Fatalf("extended tokenizer does not round-trip %q", s)
		}
	}
	dir := t.TempDir()
	if err := back.Save(dir); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, s := range outputs[:100] {
		for _, l := range strings.Split(s, "\n") {
			if l != "" && !strings.Contains(l, "\r") {
				lines = append(lines, l)
			}
		}
	}
	checkSpmEncode(t, spmTool(t, "spm_encode"), dir+"/tokenizer.model", back.Tokenizer, lines)
	en := "The quick brown fox jumps over the lazy dog."
	if !slices.Equal(back.Encode(en), base.Encode(en)) {
		t.Errorf("English ids changed: %v -> %v", base.Encode(en), back.Encode(en))
	}
}
