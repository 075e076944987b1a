package tokenizer

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/internal/sharedtest"
)

// trainingCorpus writes English (tinyshakespeare) and Chinese (Alpaca zh)
// training and held-out files from shared/ into dir.
func trainingCorpus(t *testing.T, dir string) (train, heldEN, heldZH []string) {
	t.Helper()
	shakes, err := os.ReadFile(sharedtest.Path(t, "data/tinyshakespeare.txt"))
	if err != nil {
		t.Fatal(err)
	}
	zhData, err := os.ReadFile(sharedtest.Path(t, "data/alpaca_zh_demo.json"))
	if err != nil {
		t.Fatal(err)
	}
	zh, err := AlpacaLines(zhData)
	if err != nil {
		t.Fatal(err)
	}
	en := strings.Split(string(shakes), "\n")
	cut, zcut := len(en)*3/4, len(zh)*3/4
	write := func(name string, lines []string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	train = []string{write("train_en.txt", en[:cut]), write("train_zh.txt", zh[:zcut])}
	return train, en[cut:], zh[zcut:]
}

func trainFiles(t *testing.T, files []string, vocab int) *Model {
	t.Helper()
	var all []byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	m, err := Train(bytes.NewReader(all), TrainOptions{VocabSize: vocab})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTrainSaveLoadRoundTrip(t *testing.T) {
	dir := t.TempDir()
	train, heldEN, heldZH := trainingCorpus(t, dir)
	m := trainFiles(t, train, 4000)
	if m.VocabSize() != 4000 {
		t.Fatalf("vocab size %d, want 4000", m.VocabSize())
	}
	if again := trainFiles(t, train, 4000); !bytes.Equal(again.Marshal(), m.Marshal()) {
		t.Error("training twice on the same input gave different models")
	}
	if err := m.Save(dir); err != nil {
		t.Fatal(err)
	}
	back, err := LoadModel(filepath.Join(dir, "tokenizer.model"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(back.Pieces, m.Pieces) {
		t.Fatal("pieces changed through Save and LoadModel")
	}
	for _, line := range append(heldEN[:200], heldZH[:200]...) {
		if got, _ := back.Decode(back.Encode(line)); got != line {
			t.Fatalf("decode(encode(%q)) = %q", line, got)
		}
	}
}

func TestMarshalRoundTripsLlama2(t *testing.T) {
	m, err := LoadModel(sharedtest.Path(t, "tokenizers/llama2/tokenizer.model"))
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseModel(m.Marshal())
	if err != nil || !slices.Equal(back.Pieces, m.Pieces) {
		t.Fatalf("Marshal/ParseModel changed the model: %v", err)
	}
}

// spmTool finds a sentencepiece command-line tool (Debian: sentencepiece).
func spmTool(t *testing.T, name string) string {
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("PADDOCK_REQUIRE_SHARED") != "" {
			t.Fatalf("%s not found; CI installs Debian's sentencepiece package", name)
		}
		t.Skipf("%s not found (apt-get install sentencepiece) ", name)
	}
	return path
}

// TestTrainAgainstSpmTrain: spm_encode reads Paddock's model and encodes
// held-out text exactly as Paddock does, and Paddock's compression (tokens
// per character) is within 5% of spm_train's at the same vocabulary size.
func TestTrainAgainstSpmTrain(t *testing.T) {
	spmTrain, spmEncode := spmTool(t, "spm_train"), spmTool(t, "spm_encode")
	dir := t.TempDir()
	train, heldEN, heldZH := trainingCorpus(t, dir)
	const vocab = 4000
	ours := trainFiles(t, train, vocab)
	if err := ours.Save(dir); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(spmTrain, "--input="+strings.Join(train, ","), "--model_prefix="+filepath.Join(dir, "spm"),
		"--vocab_size="+strconv.Itoa(vocab), "--model_type=bpe", "--byte_fallback=true", "--split_digits=true",
		"--character_coverage=0.9995", "--allow_whitespace_only_pieces=true", "--remove_extra_whitespaces=false",
		"--normalization_rule_name=identity", "--max_sentencepiece_length=16", "--num_threads=2")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("spm_train: %v\n%s", err, out)
	}
	ref, err := LoadModel(filepath.Join(dir, "spm.model"))
	if err != nil {
		t.Fatal(err)
	}
	for name, held := range map[string][]string{"English": heldEN, "Chinese": heldZH} {
		a, b := tokensPerChar(ours.Tokenizer, held), tokensPerChar(ref.Tokenizer, held)
		t.Logf("%s held-out: Paddock %.4f tokens/char, spm_train %.4f (ratio %.3f)", name, a, b, a/b)
		if a > 1.05*b {
			t.Errorf("%s: Paddock's tokenizer needs %.4f tokens/char, spm_train's %.4f: more than 5%% worse", name, a, b)
		}
		checkSpmEncode(t, spmEncode, filepath.Join(dir, "tokenizer.model"), ours.Tokenizer, held[:500])
	}
}

func tokensPerChar(tok *Tokenizer, lines []string) float64 {
	var toks, chars int
	for _, l := range lines {
		toks += len(tok.Encode(l))
		chars += len([]rune(l))
	}
	return float64(toks) / float64(chars)
}

func checkSpmEncode(t *testing.T, spmEncode, model string, tok *Tokenizer, lines []string) {
	t.Helper()
	cmd := exec.Command(spmEncode, "--model="+model, "--output_format=id")
	cmd.Stdin = strings.NewReader(strings.Join(lines, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("spm_encode: %v", err)
	}
	got := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(got) != len(lines) {
		t.Fatalf("spm_encode returned %d lines for %d", len(got), len(lines))
	}
	for i, l := range lines {
		want, _ := json.Marshal(tok.Encode(l))
		ids := "[" + strings.ReplaceAll(got[i], " ", ",") + "]"
		if ids != string(want) && !(got[i] == "" && string(want) == "[]") {
			t.Fatalf("line %q: spm_encode %s, Paddock %s", l, ids, want)
		}
	}
}
