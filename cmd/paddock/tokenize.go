package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/paddock-ai/paddock/tokenizer"
)

func runTokenize(args []string, stdout io.Writer) error {
	fs := newFlags("tokenize", "tokenize --tokenizer PATH (--text TEXT | --file F | --decode 1,2,3) [--bos]")
	path := fs.String("tokenizer", "", "tokenizer.model, llama2.c tokenizer.bin, or a folder with tokenizer.model")
	text := fs.String("text", "", "text to encode")
	file := fs.String("file", "", "encode each line of this file to a JSONL line")
	decode := fs.String("decode", "", "comma-separated ids to decode")
	bos := fs.Bool("bos", false, "prepend BOS when encoding")
	if err := parse(fs, args); err != nil {
		return err
	}
	set := 0
	for _, f := range []string{"text", "file", "decode"} {
		if isSet(fs, f) {
			set++
		}
	}
	if set != 1 {
		return usagef("give exactly one of --text, --file or --decode")
	}
	tok, err := loadTokenizer(*path)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	switch {
	case isSet(fs, "decode"):
		ids, err := parseIDs(*decode)
		if err != nil {
			return err
		}
		s, err := tok.Decode(ids)
		if err != nil {
			return usageError{err}
		}
		return enc.Encode(map[string]string{"text": s})
	case isSet(fs, "file"):
		return tokenizeFile(tok, *file, *bos, enc)
	}
	return enc.Encode(map[string][]int{"ids": tok.EncodeWith(*text, *bos, false)})
}

func tokenizeFile(tok *tokenizer.Tokenizer, path string, bos bool, enc *json.Encoder) error {
	f, err := os.Open(path)
	if err != nil {
		return usageError{err}
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	for line := 1; ; line++ {
		s, err := r.ReadString('\n')
		if len(s) > 0 {
			s = trimEOL(s)
			if err := enc.Encode(map[string][]int{"ids": tok.EncodeWith(s, bos, false)}); err != nil {
				return err
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
}

func trimEOL(s string) string {
	if n := len(s); n > 0 && s[n-1] == '\n' {
		s = s[:n-1]
		if n := len(s); n > 0 && s[n-1] == '\r' {
			s = s[:n-1]
		}
	}
	return s
}

func loadTokenizer(path string) (*tokenizer.Tokenizer, error) {
	if path == "" {
		return nil, usagef("--tokenizer is required (tokenizer.model, tokenizer.bin or a folder)")
	}
	t, err := tokenizer.Load(path)
	if err != nil {
		return nil, usageError{err}
	}
	return t, nil
}
