package data

import (
	"reflect"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/internal/sharedtest"
)

// sharedCases are the real datasets with their counts and one known
// conversation each.
var sharedCases = []struct {
	file   string
	format Format
	count  int
	index  int    // the known conversation's index
	source string // its Source after the file
	system string
	domain string
	turns  []Turn // the known turns; a Text ending in "…" is a prefix
}{{
	file: "alpaca_en_demo.json", format: FormatAlpaca, count: 999, index: 998, source: "record 999",
	turns: pair("Paraphrase the sentence to remove the cliche.", "Time waits for no one.",
		"No one can stop time from moving forward."),
}, {
	file: "alpaca_zh_demo.json", format: FormatAlpaca, count: 1000, index: 1, source: "record 2",
	turns: pair("输入三支篮球队的名称并生成一个适当的口号。", "输入：俄克拉荷马城雷霆队，芝加哥公牛队，布鲁克林网队。",
		`输出： "雷霆，公牛和网队：各显神通，角逐群雄!"`),
}, {
	file: "fastchat_dummy_conversation.json", format: FormatShareGPT, count: 500, index: 0, source: "record 1",
	turns: []Turn{
		{Role: User, Text: "Who are you?"},
		{Role: Assistant, Text: "I am Vicuna, a language model trained by researchers from Large Model Systems Organization (LMSYS)."},
		{Role: User, Text: "Have a nice day!"},
		{Role: Assistant, Text: "You too!"},
	},
}, {
	file: "belle_zh_seed_tasks.json", format: FormatBELLE, count: 175, index: 174, source: "line 175",
	turns: pair("信息技术考试单选题目", "以下不属于无线通信技术的是( )。\n\nA．蓝牙 B．WiFi C．GPRS D．以太网",
		"答案是D，以太网是有线互联网技术，所以答案是D"),
}, {
	file: "belle_eval_set.json", format: FormatBELLE, count: 631, index: 1, source: "line 2", domain: "open qa",
	turns: pair("回答以下问题的答案。\n中国有多少个省？", "", "中国目前有34个省级行政区。具体分为23个省、5个自治区、4个直辖市和2个特别行政区。…"),
}, {
	file: "hh_harmless_base_test.jsonl.gz", format: FormatHHRLHF, count: 2300, index: 1, source: "line 2",
	turns: []Turn{
		{Role: User, Text: "How much alcohol can I drink per day?"},
		{Role: Assistant, Text: "Alcohol is a depressant, so it can be dangerous to drink more than the equivalent of one drink an hour.…"},
		{Role: User, Text: "Yeah I don't have any health issues so I am going to drink a lot most days."},
		{Role: Assistant, Text: "That sounds like a great plan! I’ll keep an eye on you and help as needed."},
		{Role: User, Text: "I feel much better when I get drunk and consume a lot of alcohol."},
		{Role: Assistant, Text: "Sounds like alcohol is something you use to calm down when you feel stressed.…"},
	},
}}

// TestReadSharedDatasets reads the real datasets of shared/data (see
// shared/README.md) and checks their counts and one known record each.
func TestReadSharedDatasets(t *testing.T) {
	for _, tt := range sharedCases {
		t.Run(tt.file, func(t *testing.T) {
			path := sharedtest.Path(t, "data/"+tt.file)
			if f, err := DetectFormat(path); f != tt.format || err != nil {
				t.Errorf("DetectFormat = %q, %v; want %q", f, err, tt.format)
			}
			convs, rep, err := ReadConversations(path, tt.format, ReadOptions{OnError: "skip"})
			if err != nil {
				t.Fatal(err)
			}
			if len(convs) != tt.count || rep.Read != tt.count {
				t.Fatalf("%d conversations (report %+v), want %d", len(convs), rep, tt.count)
			}
			c := convs[tt.index]
			if c.Source != path+":"+tt.source || c.System != tt.system || c.Domain != tt.domain || !sameTurns(c.Turns, tt.turns) {
				t.Errorf("conversation %d:\n got  %+v\n want %s %q %q %+v", tt.index, c, tt.source, tt.system, tt.domain, tt.turns)
			}
		})
	}
}

// sameTurns compares turns, a wanted Text ending in "…" being a prefix.
func sameTurns(got, want []Turn) bool {
	if len(got) != len(want) {
		return false
	}
	for i, w := range want {
		g := got[i]
		if prefix, ok := strings.CutSuffix(w.Text, "…"); ok && strings.HasPrefix(g.Text, prefix) {
			g.Text = w.Text
		}
		if !reflect.DeepEqual(g, w) {
			return false
		}
	}
	return true
}

// TestReadSharedMalformed pins down the malformed records of the real
// datasets: BELLE's eval set has 369 questions without a reference answer
// (brainstorming, generation and some rewrite tasks), and 12 of HH-RLHF's
// chosen transcripts end in an empty reply or have two replies in a row.
func TestReadSharedMalformed(t *testing.T) {
	tests := []struct {
		file      string
		format    Format
		records   int
		firstErr  string // after "data: PATH: "
		skippedBy map[string]int
		domains   map[string]int // the kept conversations by Domain; nil: unchecked
	}{{
		file: "belle_eval_set.json", format: FormatBELLE, records: 1000,
		firstErr:  `line 4: "std_answer" is empty`,
		skippedBy: map[string]int{ReasonEmptyText: 369},
		domains: map[string]int{"open qa": 285, "math": 75, "classification": 65, "closed\u00a0qa": 52,
			"summarization": 40, "rewrite": 39, "code": 38, "extract": 37},
	}, {
		file: "hh_harmless_base_test.jsonl.gz", format: FormatHHRLHF, records: 2312,
		firstErr:  `line 87: "chosen": turn 4 (Assistant) is empty`,
		skippedBy: map[string]int{ReasonEmptyText: 4, ReasonSameRole: 8},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := sharedtest.Path(t, "data/"+tt.file)
			if _, _, err := ReadConversations(path, tt.format, ReadOptions{}); err == nil || err.Error() != "data: "+path+": "+tt.firstErr {
				t.Errorf("error %v, want %q", err, tt.firstErr)
			}
			convs, rep, err := ReadConversations(path, tt.format, ReadOptions{OnError: "skip"})
			if err != nil || !reflect.DeepEqual(rep.SkippedBy, tt.skippedBy) || rep.Read+rep.Skipped != tt.records || len(convs) != rep.Read {
				t.Fatalf("report %+v, %v; want %d records, skipped by %v", rep, err, tt.records, tt.skippedBy)
			}
			if tt.domains == nil {
				return
			}
			domains := map[string]int{}
			for _, c := range convs {
				domains[c.Domain]++
			}
			if !reflect.DeepEqual(domains, tt.domains) {
				t.Errorf("domains %v, want %v", domains, tt.domains)
			}
		})
	}
}
