package safety

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Entry is one line of a word list.
type Entry struct {
	Word     string  // as written in the list
	Category string  // the second column; "" when the list gives none
	Weight   float64 // the third column; 1 when the list gives none
	Source   string  // "file:line", for errors
}

// ReadList parses a word list: UTF-8 text, one entry per line,
//
//	word[<TAB>category[<TAB>weight]]
//
// Blank lines and lines whose first non-space character is '#' are
// skipped; a leading byte-order mark and CRLF line ends are accepted.
// Spaces around the fields are trimmed (spaces inside a word are
// separators, which the filter ignores anyway). name labels errors, which
// give the line: "name:12: weight "x" is not a number".
func ReadList(r io.Reader, name string) ([]Entry, error) {
	br := bufio.NewReader(r)
	var out []Entry
	for n := 1; ; n++ {
		line, err := br.ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if line == "" && err != nil {
			return out, nil
		}
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if !utf8.ValidString(line) {
			return nil, fmt.Errorf("%s:%d: invalid UTF-8", name, n)
		}
		if t := strings.TrimSpace(line); t == "" || t[0] == '#' {
			if err != nil {
				return out, nil
			}
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) > 3 {
			return nil, fmt.Errorf("%s:%d: %d tab-separated fields, want word[<TAB>category[<TAB>weight]]", name, n, len(f))
		}
		e := Entry{Word: strings.TrimSpace(f[0]), Weight: 1, Source: fmt.Sprintf("%s:%d", name, n)}
		if e.Word == "" {
			return nil, fmt.Errorf("%s:%d: empty word", name, n)
		}
		if len(f) > 1 {
			e.Category = strings.TrimSpace(f[1])
		}
		if len(f) > 2 {
			s := strings.TrimSpace(f[2])
			w, perr := strconv.ParseFloat(s, 64)
			if perr != nil || math.IsNaN(w) || math.IsInf(w, 0) || w < 0 {
				return nil, fmt.Errorf("%s:%d: weight %q is not a finite number >= 0", name, n, s)
			}
			e.Weight = w
		}
		out = append(out, e)
		if err != nil {
			return out, nil
		}
	}
}

// LoadLists reads word lists from files, in order.
func LoadLists(paths ...string) ([]Entry, error) {
	var out []Entry
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("safety: %w", err)
		}
		es, err := ReadList(f, p)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("safety: %w", err)
		}
		out = append(out, es...)
	}
	return out, nil
}

// Words returns the words of entries (for an allow-list read with ReadList
// or LoadLists, whose categories and weights are ignored).
func Words(entries []Entry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.Word
	}
	return out
}

//go:embed lists/en.txt lists/zh.txt
var listFS embed.FS

var (
	defaultOnce sync.Once
	defaultList []Entry
)

// DefaultList returns the built-in lists (lists/en.txt and lists/zh.txt):
// a few dozen mild English and Chinese entries written for Paddock in the
// categories insult, profanity, violence and self-harm. They are examples
// and test material, not a moderation policy; see the package
// documentation for real lists. The slice is a fresh copy.
func DefaultList() []Entry {
	defaultOnce.Do(func() {
		for _, name := range []string{"lists/en.txt", "lists/zh.txt"} {
			f, err := listFS.Open(name)
			if err != nil {
				panic(err)
			}
			es, err := ReadList(f, "safety/"+name)
			f.Close()
			if err != nil {
				panic(err) // TestDefaultList keeps the embedded lists valid
			}
			defaultList = append(defaultList, es...)
		}
	})
	return append([]Entry(nil), defaultList...)
}
