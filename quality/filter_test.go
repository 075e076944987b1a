package quality

import (
	"context"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/data"
	"github.com/paddock-ai/paddock/internal/sharedtest"
)

func conv(prompt, response, reference string) data.Conversation {
	return data.Conversation{Source: "t", Reference: reference, Turns: []data.Turn{
		{Role: data.User, Text: prompt}, {Role: data.Assistant, Text: response}}}
}

// TestFilters checks each filter alone, table-driven: the reason and
// detail of a record that fails it, and a record that passes.
func TestFilters(t *testing.T) {
	for _, c := range []struct {
		name   string
		set    func(*Config)
		conv   data.Conversation
		reason string
		detail string
	}{
		{"min chars", func(c *Config) { c.MinChars = 5 }, conv("q", "abcd", ""), ReasonTooShort, "4 characters < 5"},
		{"min chars counts runes", func(c *Config) { c.MinChars = 5 }, conv("q", "你好世界啊", ""), "", ""},
		{"max chars", func(c *Config) { c.MaxChars = 3 }, conv("q", "abcd", ""), ReasonTooLong, "4 characters > 3"},
		{"min tokens", func(c *Config) { c.MinTokens = 3 }, conv("q", "two words", ""), ReasonTooShort, "2 tokens < 3"},
		{"max tokens Chinese", func(c *Config) { c.MaxTokens = 3 }, conv("q", "你好世界", ""), ReasonTooLong, "4 tokens > 3"},
		{"script zh", func(c *Config) { c.Language = "zh" }, conv("q", "This is English, 不是中文", ""), ReasonScript, "zh letters 0.235 of 17 < 0.5"},
		{"script en passes", func(c *Config) { c.Language = "en" }, conv("q", "Mostly English 少量中文", ""), "", ""},
		{"script without letters", func(c *Config) { c.Language = "en" }, conv("q", "42", ""), "", ""},
		{"script share 0 is off", func(c *Config) { c.Language, c.MinScriptShare = "en", 0 }, conv("q", "中文", ""), "", ""},
		{"repetition", func(c *Config) { c.MinDistinct2 = 0.5 }, conv("q", "go go go go go", ""), ReasonRepetition, "distinct-2 0.250 < 0.5"},
		{"repetition one token", func(c *Config) { c.MinDistinct2 = 0.5 }, conv("q", "go", ""), "", ""},
		{"reference rougeL", func(c *Config) { c.MinReference = 0.6 }, conv("q", "testing", "testing one two"), ReasonReference, "rougeL 0.500 < 0.6"},
		{"reference rougeL passes", func(c *Config) { c.MinReference = 0.5 }, conv("q", "testing one", "testing one two"), "", ""},
		{"reference bleu", func(c *Config) { c.MinReference, c.ReferenceMetric = 0.6, "bleu" }, conv("q", "this is a fest", "this is a test"), ReasonReference, "bleu 0.595 < 0.6"},
		{"reference chinese", func(c *Config) { c.MinReference = 0.95 }, conv("q", "我喜欢吃苹果", "我很喜欢吃苹果"), ReasonReference, "rougeL 0.923 < 0.95"},
		{"no reference", func(c *Config) { c.MinReference = 0.5 }, conv("q", "anything", ""), "", ""},
	} {
		var cfg Config
		cfg.Defaults()
		cfg.Data = []string{"x"}
		c.set(&cfg)
		if err := cfg.Validate(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		d, err := Apply(context.Background(), &cfg, []data.Conversation{c.conv}, 1)
		if err != nil {
			t.Fatal(err)
		}
		if d[0].Reason != c.reason || d[0].Detail != c.detail {
			t.Errorf("%s: %q (%s), want %q (%s)", c.name, d[0].Reason, d[0].Detail, c.reason, c.detail)
		}
	}
}

// TestFilterOrder: the first failing filter names the reason, and dedup
// runs on the records the filters keep.
func TestFilterOrder(t *testing.T) {
	var cfg Config
	cfg.Defaults()
	cfg.Data, cfg.MinChars, cfg.MinDistinct2 = []string{"x"}, 10, 0.9
	convs := []data.Conversation{
		conv("q", "no no", ""),                        // too short and repetitive: too_short
		conv("q", "a fine answer of some length", ""), // kept
		conv("q", "no no", ""),                        // too short, not a duplicate of a dropped record
		conv("Q!", "A fine answer, of some length.", ""),
	}
	d, err := Apply(context.Background(), &cfg, convs, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{ReasonTooShort, "", ReasonTooShort, ReasonExactDuplicate} {
		if d[i].Reason != want {
			t.Errorf("record %d: %q, want %q", i, d[i].Reason, want)
		}
	}
	if d[3].DuplicateOf != 1 || d[0].DuplicateOf != -1 {
		t.Errorf("duplicate_of: %+v", d)
	}
}

// TestTokenizerLength counts model tokens with the LLaMA-2 tokenizer.
func TestTokenizerLength(t *testing.T) {
	var cfg Config
	cfg.Defaults()
	cfg.Data, cfg.MaxTokens = []string{"x"}, 5
	cfg.Tokenizer = sharedtest.Path(t, "tokenizers/llama2/tokenizer.model")
	long := conv("q", strings.Repeat("internationalisation ", 3), "")
	d, err := Apply(context.Background(), &cfg, []data.Conversation{long}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if d[0].Reason != ReasonTooLong || !strings.HasSuffix(d[0].Detail, "tokens > 5") {
		t.Errorf("3 words of several LLaMA tokens each: %+v", d[0])
	}
	cfg.Tokenizer = "/nonexistent/tokenizer.model"
	if _, err := Apply(context.Background(), &cfg, []data.Conversation{long}, 1); err == nil || !strings.HasPrefix(err.Error(), "quality: tokenizer: ") {
		t.Errorf("missing tokenizer: %v", err)
	}
}
