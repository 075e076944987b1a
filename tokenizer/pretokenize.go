package tokenizer

import (
	"strings"
	"unicode"
)

// charClass groups characters so that training pieces never mix scripts,
// as sentencepiece's split_by_unicode_script does, and digits stand alone
// (split_digits, as LLaMA trains).
func charClass(r rune) int {
	switch {
	case r == '▁':
		return 0
	case unicode.IsDigit(r):
		return 1
	case unicode.Is(unicode.Han, r):
		return 2
	case unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r), r == 'ー':
		return 3
	case unicode.Is(unicode.Hangul, r):
		return 4
	case unicode.Is(unicode.Latin, r):
		return 5
	case unicode.Is(unicode.Cyrillic, r):
		return 6
	case unicode.Is(unicode.Greek, r):
		return 7
	case unicode.Is(unicode.Arabic, r):
		return 8
	case unicode.IsLetter(r) || unicode.IsMark(r):
		return 9
	}
	return 10 // punctuation, symbols, controls
}

// trainingWords splits one normalised sentence into the units that BPE
// training merges within: a word starts at a "▁" that follows something
// else (runs of "▁" stay with the text after them), at a change of script,
// and at every digit.
func trainingWords(s string, emit func(word string)) {
	start, prevClass := 0, -1
	prev := rune(0)
	for i, r := range s {
		c := charClass(r)
		boundary := i > start && (c == 0 && prev != '▁' ||
			c == 1 ||
			prevClass == 1 ||
			c != prevClass && prevClass != 0)
		if boundary {
			emit(s[start:i])
			start = i
		}
		prev, prevClass = r, c
	}
	if start < len(s) {
		emit(s[start:])
	}
}

// normalizeForTraining applies the same normalisation as encoding.
func normalizeForTraining(line string) string {
	if line == "" {
		return ""
	}
	return spaceSymbol + strings.ReplaceAll(line, " ", spaceSymbol)
}
