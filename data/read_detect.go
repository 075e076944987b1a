package data

import (
	"errors"
	"fmt"
	"io"
	"slices"
)

// DetectFormat sniffs the layout of a dataset file from the keys of its
// first record: "input_ids" is tokenized, "conversations" or "messages"
// ShareGPT, a string "chosen" HH-RLHF, "instances", "question",
// "std_answer" or "domain" BELLE, and "instruction" with "output" Alpaca.
func DetectFormat(path string) (Format, error) {
	where, m, err := firstRecord(path)
	if err != nil {
		return "", err
	}
	if f := formatOf(m); f != "" {
		return f, nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return "", fmt.Errorf("data: %s: %s: cannot tell the dataset format from the keys %q", path, where, keys)
}

// formatOf tells a record's format from its keys, or returns "".
func formatOf(m record) Format {
	switch {
	case has(m, "input_ids"):
		return FormatTokenized
	case has(m, "conversations") || has(m, "messages"):
		return FormatShareGPT
	case has(m, "chosen") && jsonKind(m["chosen"]) == "a string":
		return FormatHHRLHF
	case has(m, "instances") || has(m, "question") || has(m, "std_answer") || has(m, "domain"):
		return FormatBELLE
	case has(m, "instruction") && has(m, "output"):
		return FormatAlpaca
	}
	return ""
}

// firstRecord returns the first record of path and where it is, the
// record a format is detected from.
func firstRecord(path string) (string, record, error) {
	src, err := openRecords(path)
	if err != nil {
		return "", nil, err
	}
	defer src.Close()
	where, raw, err := src.next()
	if errors.Is(err, io.EOF) {
		return "", nil, fmt.Errorf("data: %s: no records to detect the format from", path)
	}
	if err != nil {
		return "", nil, err
	}
	m, err := decodeRecord(raw)
	if err != nil {
		return "", nil, locate(err, path, where)
	}
	return where, m, nil
}
