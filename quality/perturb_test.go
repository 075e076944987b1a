package quality

import (
	"math/rand/v2"
	"strings"
	"unicode"
)

// perturb returns a near-duplicate of text: 1 + units/25 edits (an
// adjacent swap, a deletion or an added unit drawn from extra), then
// about one unit in ten with its case changed and one in ten with
// punctuation added or removed. Units are words, or when chars is set
// (Chinese) Han characters, runs of other characters and single spaces.
func perturb(rng *rand.Rand, text string, extra []string, chars bool) string {
	units, sep := strings.Fields(text), " "
	if chars {
		units, sep = charUnits(text), ""
	}
	if len(units) == 0 {
		return text
	}
	for range 1 + len(units)/25 {
		i := rng.IntN(len(units))
		switch op := rng.IntN(3); {
		case op == 0 && i+1 < len(units):
			units[i], units[i+1] = units[i+1], units[i]
		case op == 1 && len(units) > 1:
			units = append(units[:i], units[i+1:]...)
		default:
			w := extra[rng.IntN(len(extra))]
			units = append(units[:i], append([]string{w}, units[i:]...)...)
		}
	}
	punct := []string{",", ".", ";", "!"}
	if chars {
		punct = []string{"，", "。", "、", "！"}
	}
	for i, w := range units {
		switch rng.IntN(10) {
		case 0:
			units[i] = flipCase(w)
		case 1:
			if t := strings.TrimRightFunc(w, unicode.IsPunct); t != w && t != "" {
				units[i] = t
			} else {
				units[i] = w + punct[rng.IntN(len(punct))]
			}
		}
	}
	return strings.Join(units, sep)
}

// charUnits splits text into Han characters, white space characters and
// runs of everything else.
func charUnits(text string) []string {
	var units []string
	run := -1
	for i, r := range text {
		if isCJK(r) || unicode.IsSpace(r) {
			if run >= 0 {
				units = append(units, text[run:i])
				run = -1
			}
			units = append(units, string(r))
		} else if run < 0 {
			run = i
		}
	}
	if run >= 0 {
		units = append(units, text[run:])
	}
	return units
}

func flipCase(w string) string {
	if strings.ToUpper(w) == w {
		return strings.ToLower(w)
	}
	return strings.ToUpper(w[:1]) + w[1:]
}
