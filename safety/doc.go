// Package safety finds sensitive words in text, in Chinese and English,
// through the disguises people use, and turns the hits into a reward term.
//
// # Word lists
//
// A list is UTF-8 text, one entry per line:
//
//	word[<TAB>category[<TAB>weight]]
//
// Blank lines and lines starting with '#' are skipped; errors name the file
// and line (ReadList, LoadLists). The category defaults to "" and the weight
// to 1. Several lists can be combined; an entry equal to an earlier one after
// normalisation is ignored (the first wins). DefaultList holds the built-in
// lists (lists/en.txt, lists/zh.txt): a few dozen mild entries written for
// Paddock in the categories insult, profanity, violence and self-harm, to
// show the format and for tests. They are not a moderation policy.
//
// Real lists work as they are:
//
//	paddock filter --words ../shared/safety/sensitive_zh.txt < answers.txt
//
// ../shared/safety/sensitive_zh.txt (13,993 entries from importcjj/sensitive,
// MIT) has no categories: every hit has category "" and weight 1. It flags
// about a quarter of BELLE's clean reference answers (TestFalsePositives):
// it holds common single characters and words (码 after normalising 碼, 乳,
// 自由, 价格, and entries such as "社会：" and "《苹果》" whose punctuation is
// ignored), so give it a category and weights or prune it before training
// on it; on English prose it flags 0.3% of lines.
//
// The LDNOOBW lists of the npm package naughty-words (CC-BY-4.0) are JSON
// arrays per language; turn them into lists with a category:
//
//	npm pack naughty-words@1.2.0 && tar -xzf naughty-words-1.2.0.tgz
//	node -e 'for (const w of require("./package/en.json")) console.log(w + "\tprofanity")' > naughty_en.txt
//	node -e 'for (const w of require("./package/zh.json")) console.log(w + "\tprofanity")' > naughty_zh.txt
//	paddock filter --words naughty_en.txt --words naughty_zh.txt --allow allow.txt --mask
//
// An allow-list has the same format (categories and weights are ignored):
// a hit that lies inside an occurrence of an allow-list word is dropped
// ("sex education" keeps "sex" from being reported there; "白粉笔" keeps
// "白粉"), and an entry that is itself on the allow-list is never reported.
//
// # Normalisation
//
// The entries and the text are compared after the same per-rune
// normalisation, and hits carry byte offsets into the original text:
//
//   - width folding, the part of NFKC that disguises use: full-width ASCII
//     (U+FF01–U+FF5E) to ASCII, the ideographic space U+3000 to a space,
//     circled letters Ⓐ–ⓩ to letters. Full NFKC (golang.org/x/text/unicode/norm)
//     is not used: that module is not available to this project; ligatures,
//     mathematical alphanumerics and half-width katakana are therefore not
//     folded;
//   - case folding (lower(upper(r)): K, k and the Kelvin sign are equal);
//   - traditional to simplified Chinese with OpenCC's character table
//     (github.com/longbridgeapp/opencc, dictionary TSCharacters, the first
//     candidate of each character). OpenCC's phrase table is not used: a
//     phrase conversion can change the number of characters, which would
//     lose the offsets, so the conversion is rune by rune. A few variants
//     therefore stay apart (諮 becomes 咨, not 谘);
//   - separators: white space, punctuation, symbols (emoji and skin tones
//     included), format characters (zero-width space, joiners, word joiner
//     U+2060, BOM, tags), combining marks (variation selectors) and control
//     characters are skipped between the characters of a word, at most
//     Options.MaxGap of them in a row (default 3): "b a d", "敏*感*词",
//     "敏，感，词", "敏\u200d感\u200d词" and "敏😀感🔥词" all match. Entries are
//     compared on their non-separator characters too ("F·B" is "fb").
//     Line breaks (DefaultBreaks) end a word instead; invalid UTF-8 bytes
//     match nothing and end a word.
//
// Normalize shows a string as the filter sees it.
//
// # Matching
//
// New builds, once, an Aho-Corasick automaton over the normalised entries
// (at most 256 characters each): a double array with failure links over
// symbols (the normalised runes of the lists, numbered densely), a 64K table
// from each BMP rune straight to its symbol (or separator, break, other),
// and, for English text, a DFA over the bytes of ASCII letters and digits
// whose rows also encode the separator gap and the whole-word rule, so that
// a byte costs one table load and no branch. It builds 100,000 entries in
// well under a second and matches the 14k-entry list with full
// normalisation faster than a byte-level Aho-Corasick DFA without any
// (BenchmarkFilter). A Filter is safe for concurrent use.
//
// Entries that start (end) with a letter or digit of a script that
// separates words with spaces (Latin, Greek, Cyrillic, …) match only at a
// word boundary there: "class", "assess" and "Essex" do not contain "ass" or
// "sex"; "what an ass!" and "汉字ass汉字" do. Invisible characters (format
// characters, combining marks) do not make a boundary, so "cl\u200bass" is
// still one word. Han, kana and Hangul entries match anywhere.
//
// Find returns the hits by start: entry (word, category, weight), the
// matched original substring and its byte offsets [Start, End). Overlapping
// hits are resolved leftmost-longest (the hit that starts first, the
// longest of those, wins; hits overlapping it are dropped; then on after
// it), or all reported with Options.All. Mask replaces every rune of every
// hit by one '*' (separators inside a hit included), keeping the text's
// length in runes.
//
// # Reward
//
// Penalty is a reward.Scorer: minus the sum over a response's hits of the
// category weight times the entry's weight. NewPenalty(words, allow,
// weights) builds one from list files (none: the built-in lists) for a PPO
// reward term of kind "safety".
package safety
