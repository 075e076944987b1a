package data

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/internal/sharedtest"
	"github.com/paddock-ai/paddock/tokenizer"
)

type goldenConv struct {
	System string `json:"system"`
	Domain string `json:"domain"`
	Turns  []struct {
		Role, Text, Input string
	} `json:"turns"`
}

// TestTemplatesMatchGoldens renders each golden conversation with each
// built-in template and checks token ids and loss labels against
// tools/reference/sft_template_goldens.py, which builds the strings from
// the formats' own sources and tokenizes them with sentencepiece.
func TestTemplatesMatchGoldens(t *testing.T) {
	lm, err := tokenizer.LoadModel(sharedtest.Path(t, "tokenizers/llama2/tokenizer.model"))
	if err != nil {
		t.Fatal(err)
	}
	tok := lm.Tokenizer
	var g struct {
		Conversations []goldenConv `json:"conversations"`
		Cases         []struct {
			Template     string `json:"template"`
			Conversation int    `json:"conversation"`
			DomainTag    bool   `json:"domain_tag"`
			IDs          []int  `json:"ids"`
			Labels       []int  `json:"labels"`
		} `json:"cases"`
	}
	b, err := os.ReadFile("testdata/template_goldens.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range g.Cases {
		seen[c.Template] = true
		tmpl, err := LookupTemplate(c.Template)
		if err != nil {
			t.Fatal(err)
		}
		gc := g.Conversations[c.Conversation]
		conv := Conversation{Source: "golden", System: gc.System, Domain: gc.Domain}
		for _, turn := range gc.Turns {
			conv.Turns = append(conv.Turns, Turn{Role: Role(turn.Role), Text: turn.Text, Input: turn.Input})
		}
		segs, err := tmpl.Render(conv, RenderOptions{DomainTag: c.DomainTag})
		if err != nil {
			t.Fatal(err)
		}
		ids, labels, err := Encode(segs, tok, false)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids, c.IDs) || !slices.Equal(labels, c.Labels) {
			t.Errorf("%s, conversation %d, domain tag %v:\n ids    %v\n want   %v\n labels %v\n want   %v",
				c.Template, c.Conversation, c.DomainTag, ids, c.IDs, labels, c.Labels)
		}
	}
	if want := TemplateNames(); len(seen) != len(want) {
		t.Errorf("goldens cover %d templates, built in are %v", len(seen), want)
	}
}

// TestRenderVicunaText pins the rendered text of a two-turn Vicuna
// conversation (FastChat's vicuna_v1.1 with sep " " and sep2 "</s>").
func TestRenderVicunaText(t *testing.T) {
	tmpl, _ := LookupTemplate("vicuna_v1.1")
	segs, err := tmpl.Render(Conversation{System: "S.", Turns: []Turn{
		{User, "q1", ""}, {Assistant, "a1", ""}, {User, "q2", ""}, {Assistant, "a2", ""}}}, RenderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var sb, loss strings.Builder
	for _, s := range segs {
		text := s.Text
		switch s.Special {
		case BOS:
			text = "<s>"
		case EOS:
			text = "</s>"
		}
		sb.WriteString(text)
		if s.Loss {
			loss.WriteString(text + "|")
		}
	}
	if want := "<s>S. USER: q1 ASSISTANT: a1</s>USER: q2 ASSISTANT: a2</s>"; sb.String() != want {
		t.Errorf("rendered %q\nwant     %q", sb.String(), want)
	}
	if want := " a1|</s>| a2|</s>|"; loss.String() != want {
		t.Errorf("loss on %q, want %q", loss.String(), want)
	}
}

func TestTemplateErrors(t *testing.T) {
	_, err := ParseTemplates([]byte("[x]\nuser = \"no content\"\nassistant = \"{content}{content}\"\nbos = \"sometimes\"\ncolour = 1\n"), "my.toml")
	for _, want := range []string{"my.toml", `unknown key "x.colour"`, "has no {content}", "must hold {content} once", `bos is "sometimes"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not mention %q", err, want)
		}
	}
	if _, err := LookupTemplate("chatml"); err == nil || !strings.Contains(err.Error(), "vicuna_v1.1") {
		t.Errorf("unknown template error %v does not list the built-in ones", err)
	}
	tmpl, _ := LookupTemplate("alpaca")
	for _, c := range []Conversation{
		{Source: "f:record 3"},
		{Source: "f:record 4", Turns: []Turn{{User, "q", ""}}},
		{Source: "f:record 5", Turns: []Turn{{Assistant, "a", ""}, {User, "q", ""}}},
	} {
		if _, err := tmpl.Render(c, RenderOptions{}); err == nil || !strings.Contains(err.Error(), c.Source) {
			t.Errorf("%s: error %v does not name the record", c.Source, err)
		}
	}
}

// TestEncodeTrainOnInputs: with train_on_inputs every token, BOS and the
// prompt included, carries loss.
func TestEncodeTrainOnInputs(t *testing.T) {
	lm, err := tokenizer.LoadModel(sharedtest.Path(t, "tokenizers/llama2/tokenizer.model"))
	if err != nil {
		t.Fatal(err)
	}
	tmpl, _ := LookupTemplate("alpaca")
	segs, err := tmpl.Render(Conversation{Turns: []Turn{{User, "Add 2 and 3.", ""}, {Assistant, "5", ""}}}, RenderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ids, labels, err := Encode(segs, lm.Tokenizer, true)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids, labels) || ids[0] != lm.Tokenizer.BOS || ids[len(ids)-1] != lm.Tokenizer.EOS {
		t.Errorf("ids %v, labels %v: want equal, from BOS to EOS", ids, labels)
	}
	_, masked, _ := Encode(segs, lm.Tokenizer, false)
	if n := countTargets(masked); n != 2 { // "5" (after "### Response:\n") and EOS
		t.Errorf("%d targets without train_on_inputs (labels %v), want 2", n, masked)
	}
}

func TestRenderPrompt(t *testing.T) {
	for name, want := range map[string]string{
		"vicuna_v1.1":  "<s>S. USER: q1 ASSISTANT: a1</s>USER: q2 ASSISTANT:",
		"llama-2-chat": "<s>[INST] <<SYS>>\nS.\n<</SYS>>\n\nq1 [/INST] a1 </s><s>[INST] q2 [/INST]",
		"belle":        "<s>Human: q1\n\nAssistant: a1</s>Human: q2\n\nAssistant:",
	} {
		tmpl, _ := LookupTemplate(name)
		segs, err := tmpl.RenderPrompt(Conversation{System: "S.", Turns: []Turn{
			{User, "q1", ""}, {Assistant, "a1", ""}, {User, "q2", ""}, {Assistant, "dropped", ""}}}, RenderOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var sb strings.Builder
		for _, s := range segs {
			switch s.Special {
			case BOS:
				sb.WriteString("<s>")
			case EOS:
				sb.WriteString("</s>")
			default:
				sb.WriteString(s.Text)
			}
		}
		if sb.String() != want {
			t.Errorf("%s: prompt %q\nwant %q", name, sb.String(), want)
		}
	}
}

func TestLoadTemplateFromFile(t *testing.T) {
	path := t.TempDir() + "/t.toml"
	if err := os.WriteFile(path, []byte("[chatml]\nuser = \"<|user|>{content}\\n\"\nassistant = \"<|assistant|>{content}\"\nbos = \"none\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if tm, err := LoadTemplate("chatml", path); err != nil || tm.User != "<|user|>{content}\n" {
		t.Errorf("custom template: %+v, %v", tm, err)
	}
	if tm, err := LoadTemplate("belle", path); err != nil || tm.Name != "belle" {
		t.Errorf("built-in fallback: %+v, %v", tm, err)
	}
	if _, err := LoadTemplate("chatml", path+".missing"); err == nil {
		t.Error("missing file accepted")
	}
}
