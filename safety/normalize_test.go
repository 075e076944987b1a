package safety

import "testing"

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"ＡＢＣ１２３":                      "abc123",
		"Hello, World":                "helloworld",
		"ⓗⓔⓛⓛⓞ":                       "hello",
		"國家機密":                        "国家机密",
		"髮發乾":                         "发发干",
		"敏\u200b感\u200d词\u2060\ufeff": "敏感词",
		"敏😀感🔥词\ufe0f":                 "敏感词",
		"Straße ſ \u212a":             "straßesk", // ſ (long s) and the Kelvin sign fold to s and k
		"ΣΑΣ":                         "σασ",
		"\u3000a\u3000":               "a",
		"\xffa":                       "\ufffda",
		"":                            "",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestT2S: OpenCC's character table is loaded, resolved and idempotent.
func TestT2S(t *testing.T) {
	initNorm()
	if len(t2s) < 4000 {
		t.Fatalf("t2s has %d entries", len(t2s))
	}
	for from, to := range t2s {
		if n := normRune(to); n != to && n != sepMark && foldCase(to) == to {
			t.Errorf("%c → %c → %c: not a fixed point", from, to, n)
		}
	}
	for r := rune(0); r < 0x10000; r++ {
		if n := normRune(r); n != sepMark && normRune(n) != n && n < 0x10000 {
			t.Fatalf("normalising %U twice: %U then %U", r, n, normRune(n))
		}
	}
}

func TestWordRunes(t *testing.T) {
	for _, r := range "aZ09éßЖΣ" {
		if !isWord(normRune(r)) {
			t.Errorf("%c is not a word rune", r)
		}
	}
	for _, r := range "敏あア한ไ -*😀\u200b" {
		if n := normRune(r); n != sepMark && isWord(n) {
			t.Errorf("%c is a word rune", r)
		}
	}
}
