package llama

import (
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/safetensors"
)

func TestSaveLoadRoundTripsBitExactly(t *testing.T) {
	for _, c := range []Config{tinyConfig(), func() Config { c := tinyConfig(); c.TieWordEmbedding = true; return c }()} {
		m := tinyModel(t, c, 11)
		dir := t.TempDir()
		if err := SaveHF(m, dir, safetensors.F32); err != nil {
			t.Fatal(err)
		}
		got, err := Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		if got.Config != c {
			t.Errorf("config %+v, want %+v", got.Config, c)
		}
		want := m.Weights.Params(c)
		for i, p := range got.Weights.Params(c) {
			for j := range p.Data {
				if math.Float32bits(p.Data[j]) != math.Float32bits(want[i].Data[j]) {
					t.Fatalf("%s[%d] = %g, saved %g", p.Name, j, p.Data[j], want[i].Data[j])
				}
			}
		}
		if c.TieWordEmbedding && &got.Weights.Head[0] != &got.Weights.Embed[0] {
			t.Error("tied head does not share the embedding")
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 2 {
			t.Errorf("save left %d files, want config.json and model.safetensors", len(entries))
		}
	}
}

func TestParseConfigJSON(t *testing.T) {
	base := `"vocab_size": 64, "hidden_size": 32, "intermediate_size": 48, "num_hidden_layers": 2, "num_attention_heads": 4`
	c, err := ParseConfigJSON("config.json", []byte("{"+base+"}"))
	if err != nil {
		t.Fatal(err)
	}
	if c.KVHeads != 4 || c.NormEps != 1e-6 || c.RopeTheta != 10000 || c.MaxPositions != 2048 || c.TieWordEmbedding {
		t.Errorf("defaults not applied: %+v", c)
	}
	bad := []struct{ extra, want string }{
		{`"rope_scaling": {"type": "linear", "factor": 2.0}`, "rope_scaling"},
		{`"attention_bias": true`, "attention_bias"},
		{`"mlp_bias": true`, "mlp_bias"},
		{`"hidden_act": "gelu"`, "hidden_act"},
		{`"model_type": "mistral"`, "model_type"},
		{`"head_dim": 16`, "head_dim"},
		{`"num_key_value_heads": 3`, "not divisible by num_key_value_heads 3"},
		{`"rms_norm_eps": 0`, "rms_norm_eps"},
	}
	for _, b := range bad {
		_, err := ParseConfigJSON("config.json", []byte("{"+base+", "+b.extra+"}"))
		if err == nil || !strings.Contains(err.Error(), b.want) || !strings.Contains(err.Error(), "config.json") {
			t.Errorf("%s: error %v, want one naming config.json and %q", b.extra, err, b.want)
		}
	}
	_, err = ParseConfigJSON("config.json", []byte(`{"vocab_size": 0, "hidden_size": 30, "num_attention_heads": 4}`))
	for _, want := range []string{"vocab_size is 0", "not divisible", "num_hidden_layers is 0", "intermediate_size is 0"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate should report %q in: %v", want, err)
		}
	}
}

// writeLlama2C writes a llama2.c v0 file for c with every weight set to v.
func writeLlama2C(t *testing.T, c Config, truncate int) string {
	t.Helper()
	vocab := int32(c.VocabSize)
	if !c.TieWordEmbedding {
		vocab = -vocab
	}
	hdr := []int32{int32(c.Hidden), int32(c.Intermediate), int32(c.Layers), int32(c.Heads), int32(c.KVHeads), vocab, int32(c.MaxPositions)}
	n := c.NumParams() + int64(c.MaxPositions*c.HeadDim())
	buf := make([]byte, 28+4*n)
	for i, v := range hdr {
		binary.LittleEndian.PutUint32(buf[4*i:], uint32(v))
	}
	path := filepath.Join(t.TempDir(), "model.bin")
	if err := os.WriteFile(path, buf[:len(buf)-truncate], 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLlama2CErrors(t *testing.T) {
	c := tinyConfig()
	if _, err := LoadLlama2C(writeLlama2C(t, c, 0)); err != nil {
		t.Fatalf("valid file: %v", err)
	}
	_, err := LoadLlama2C(writeLlama2C(t, c, 4))
	if err == nil || !strings.Contains(err.Error(), "model.bin") || !strings.Contains(err.Error(), "implies") {
		t.Errorf("truncated file: %v", err)
	}
	bad := c
	bad.KVHeads = 3
	if _, err := LoadLlama2C(writeLlama2C(t, bad, 0)); err == nil || !strings.Contains(err.Error(), "num_key_value_heads") {
		t.Errorf("bad header: %v", err)
	}
	short := filepath.Join(t.TempDir(), "short.bin")
	os.WriteFile(short, []byte{1, 2, 3}, 0o644)
	if _, err := LoadLlama2C(short); err == nil || !strings.Contains(err.Error(), "short.bin") {
		t.Errorf("short file: %v", err)
	}
}

func TestInterleavedToHalves(t *testing.T) {
	// One head, D=4, C=1: Meta rows (0,1) and (2,3) are the rotated pairs.
	got := interleavedToHalves([]float32{10, 11, 12, 13}, 1, 4, 1)
	want := []float32{10, 12, 11, 13}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

func TestSaveHFTorchDType(t *testing.T) {
	m := tinyModel(t, tinyConfig(), 12)
	for dtype, want := range map[safetensors.DType]string{safetensors.F32: "float32", safetensors.F16: "float16", safetensors.BF16: "bfloat16"} {
		dir := t.TempDir()
		if err := SaveHF(m, dir, dtype); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "config.json"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), `"torch_dtype": "`+want+`"`) {
			t.Errorf("%s: config.json:\n%s", dtype, b)
		}
	}
}
