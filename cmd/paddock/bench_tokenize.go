package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

func benchTokenize(args []string, stdout io.Writer) error {
	fs := newFlags("bench tokenize", "bench tokenize --tokenizer PATH --file F [--json]")
	path := fs.String("tokenizer", "", "tokenizer.model, tokenizer.bin or a folder")
	file := fs.String("file", "", "text file; each line is encoded separately, as spm_encode does")
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *file == "" {
		return usagef("--file is required")
	}
	tok, err := loadTokenizer(*path)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(*file)
	if err != nil {
		return usageError{err}
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	tokens := 0
	start := time.Now()
	for _, l := range lines {
		tokens += len(tok.Encode(strings.TrimSuffix(l, "\r")))
	}
	sec := time.Since(start).Seconds()
	res := map[string]any{"impl": "paddock", "mode": "tokenize", "bytes": len(data), "lines": len(lines),
		"tokens": tokens, "seconds": sec, "mb_per_s": float64(len(data)) / sec / 1e6}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(res)
	}
	_, err = fmt.Fprintf(stdout, "paddock tokenize: %.2f MB/s (%d bytes, %d lines, %d tokens, %.3f s)\n",
		res["mb_per_s"], len(data), len(lines), tokens, sec)
	return err
}
