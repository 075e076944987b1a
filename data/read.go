package data

import (
	"errors"
	"fmt"
	"io"
)

// Format names a dataset layout.
type Format string

// The dataset layouts ReadConversations and ReadTokenized understand. Every
// JSON layout may also be gzip-compressed (detected from the file's first
// bytes, whatever its name).
const (
	// FormatAlpaca is a JSON array or JSONL of {"instruction", "input",
	// "output"} records, with optional "system" and "history" ([[q, a], ...],
	// earlier turns). The instruction is the user turn's Text and the
	// optional input its Input.
	FormatAlpaca Format = "alpaca"
	// FormatShareGPT is a JSON array or JSONL of {"conversations": [{"from":
	// "human"|"gpt"|"system", "value": ...}, ...]}. As in LLaMA-Factory, the
	// list may be called "messages", the turns may use "role"/"content"
	// keys, and the roles may be spelt "user"/"assistant"; a leading system
	// turn (or a "system" key) becomes Conversation.System.
	FormatShareGPT Format = "sharegpt"
	// FormatBELLE is a JSON array or JSONL of BELLE records: Alpaca-style
	// {"instruction", "input", "output"} with an optional "domain"; eval
	// records {"question", "std_answer", "class"} (class becomes Domain);
	// and seed tasks {"instruction", "instances": [{"input", "output"}]},
	// which give one Conversation per instance.
	FormatBELLE Format = "belle"
	// FormatHHRLHF is Anthropic's HH-RLHF JSONL of {"chosen": "\n\nHuman:
	// ...\n\nAssistant: ..."}: the chosen transcript split into turns by
	// ParseTranscript.
	FormatHHRLHF Format = "hh-rlhf"
	// FormatTokenized is JSONL of {"input_ids": [...], "labels": [...]}; see
	// ReadTokenized.
	FormatTokenized Format = "tokenized"
)

// ReadOptions controls how a dataset file is read.
type ReadOptions struct {
	// OnError is "stop" (the default when empty): the first malformed
	// record ends the read with its error; or "skip": malformed records are
	// left out and counted in the Report. Errors that make the rest of the
	// file unreadable (a JSON syntax error inside an array, a corrupt gzip
	// stream, an I/O error) stop the read either way.
	OnError string
	// Limit stops the read after this many samples; 0 reads them all.
	Limit int
}

// Reasons a record is malformed: RecordError.Reason and the keys of
// Report.SkippedBy. They are snake_case so that they can be metric names.
const (
	ReasonBadJSON           = "bad_json"           // JSON that does not parse
	ReasonMissing           = "missing_field"      // a required key is absent or null
	ReasonWrongType         = "wrong_type"         // a value of the wrong JSON type
	ReasonEmptyText         = "empty_text"         // a required text (or input_ids) is empty
	ReasonEmpty             = "empty_conversation" // no turns at all
	ReasonAssistantFirst    = "assistant_first"    // the first turn is not the user's
	ReasonUserLast          = "user_last"          // the last turn is not the assistant's
	ReasonSameRole          = "same_role"          // two consecutive turns by one role
	ReasonUnknownRole       = "unknown_role"       // a ShareGPT "from"/"role" not understood
	ReasonMisplacedSystem   = "misplaced_system"   // a system turn after the first, or two system prompts
	ReasonBadTranscript     = "bad_transcript"     // HH-RLHF text before the first "Human:"
	ReasonLabelsLength      = "labels_length"      // labels and input_ids differ in length
	ReasonBadTokenID        = "bad_token_id"       // a negative input id
	ReasonNoSupervisedToken = "no_loss"            // every label is ignored
)

// maxSkipMessages is how many skip messages a Report keeps.
const maxSkipMessages = 5

// Report says what a read did.
type Report struct {
	Read      int            // samples returned
	Skipped   int            // malformed records left out (OnError "skip")
	SkippedBy map[string]int // Skipped by reason (the Reason constants)
	Messages  []string       // the first few skipped records' errors
}

// RecordError is the error for one malformed record. Its message is
// "data: FILE: record N: detail" (JSON arrays) or "data: FILE: line N:
// detail" (JSONL).
type RecordError struct {
	File   string // the path as given to the reader
	Where  string // "record N" or "line N"
	Reason string // one of the Reason constants
	Detail string // what is wrong
	Err    error  // the underlying error (a JSON error), or nil
}

// Error returns "data: FILE: WHERE: DETAIL[: ERR]".
func (e *RecordError) Error() string {
	msg := fmt.Sprintf("data: %s: %s: %s", e.File, e.Where, e.Detail)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the underlying error.
func (e *RecordError) Unwrap() error { return e.Err }

// malformed is a record error before it knows its file and place.
type malformed struct {
	reason string
	detail string
	err    error
}

func (m *malformed) Error() string {
	if m.err != nil {
		return m.detail + ": " + m.err.Error()
	}
	return m.detail
}

func (m *malformed) Unwrap() error { return m.err }

// bad returns a malformed-record error with a formatted detail.
func bad(reason, format string, args ...any) *malformed {
	return &malformed{reason: reason, detail: fmt.Sprintf(format, args...)}
}

// ReadConversations reads a file in one of the conversational formats
// (alpaca, sharegpt, belle, hh-rlhf); an empty f is detected with
// DetectFormat. Each Conversation's Source is "FILE:record N" (JSON
// arrays) or "FILE:line N" (JSONL). Skipped records (OnError "skip") are
// counted in the returned Report. On an error the conversations read
// before it are returned with it.
func ReadConversations(path string, f Format, opt ReadOptions) ([]Conversation, Report, error) {
	if f == "" {
		var err error
		if f, err = DetectFormat(path); err != nil {
			return nil, Report{}, err
		}
	}
	parse, err := conversationParser(path, f)
	if err != nil {
		return nil, Report{}, err
	}
	return readAll(path, opt, parse)
}

// DecodeConversations is ReadConversations on the contents of a file
// already in memory or a stream, such as an embedded file; name stands for
// the file's path in Sources and errors. The format f must be given.
func DecodeConversations(r io.Reader, name string, f Format, opt ReadOptions) ([]Conversation, Report, error) {
	parse, err := conversationParser(name, f)
	if err != nil {
		return nil, Report{}, err
	}
	src, err := newRecords(name, io.NopCloser(r))
	if err != nil {
		return nil, Report{SkippedBy: map[string]int{}}, err
	}
	return readFrom(src, name, opt, parse)
}

// conversationParser returns the record parser of a conversational format.
func conversationParser(path string, f Format) (func(obj record, src string) ([]Conversation, error), error) {
	switch f {
	case FormatAlpaca:
		return parseAlpaca, nil
	case FormatShareGPT:
		return parseShareGPT, nil
	case FormatBELLE:
		return parseBELLE, nil
	case FormatHHRLHF:
		return parseHHRLHF, nil
	case FormatTokenized:
		return nil, fmt.Errorf("data: %s: format %q holds token ids, not conversations: use ReadTokenized", path, f)
	}
	return nil, fmt.Errorf("data: %s: unknown format %q (want %s, %s, %s or %s)",
		path, f, FormatAlpaca, FormatShareGPT, FormatBELLE, FormatHHRLHF)
}

// ReadTokenized reads a JSONL (or JSON array) file of pre-tokenized samples
// {"input_ids": [...], "labels": [...]}. Labels are optional: without them
// every token carries loss; a negative label (-100) carries none. Each
// sample's Source is "FILE:line N" or "FILE:record N". OnError, Limit and
// the Report work as for ReadConversations.
func ReadTokenized(path string, opt ReadOptions) ([]Tokenized, Report, error) {
	return readAll(path, opt, parseTokenized)
}

// readAll streams the records of path through parse, applying opt.
func readAll[T any](path string, opt ReadOptions, parse func(obj record, src string) ([]T, error)) ([]T, Report, error) {
	if _, err := checkOptions(opt); err != nil {
		return nil, Report{SkippedBy: map[string]int{}}, fmt.Errorf("data: %s: %w", path, err)
	}
	src, err := openRecords(path)
	if err != nil {
		return nil, Report{SkippedBy: map[string]int{}}, err
	}
	return readFrom(src, path, opt, parse)
}

// readFrom streams the records of src through parse, applying opt, and
// closes src.
func readFrom[T any](src *recordSource, path string, opt ReadOptions, parse func(obj record, src string) ([]T, error)) ([]T, Report, error) {
	defer src.Close()
	rep := Report{SkippedBy: map[string]int{}}
	skip, err := checkOptions(opt)
	if err != nil {
		return nil, rep, fmt.Errorf("data: %s: %w", path, err)
	}
	var out []T
	for opt.Limit == 0 || len(out) < opt.Limit {
		where, raw, err := src.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			rep.Read = len(out)
			return out, rep, err
		}
		samples, err := parseRecord(raw, path+":"+where, parse)
		if err != nil {
			rerr := locate(err, path, where)
			if !skip {
				rep.Read = len(out)
				return out, rep, rerr
			}
			rep.skip(rerr)
			continue
		}
		if opt.Limit > 0 && len(out)+len(samples) > opt.Limit {
			samples = samples[:opt.Limit-len(out)]
		}
		out = append(out, samples...)
	}
	rep.Read = len(out)
	return out, rep, nil
}

// checkOptions validates opt and says whether to skip malformed records.
func checkOptions(opt ReadOptions) (skip bool, err error) {
	switch opt.OnError {
	case "", "stop":
	case "skip":
		skip = true
	default:
		return false, fmt.Errorf("ReadOptions.OnError %q: want \"stop\" or \"skip\"", opt.OnError)
	}
	if opt.Limit < 0 {
		return false, fmt.Errorf("ReadOptions.Limit %d is negative", opt.Limit)
	}
	return skip, nil
}

// parseRecord decodes one record as a JSON object and parses it.
func parseRecord[T any](raw []byte, src string, parse func(obj record, src string) ([]T, error)) ([]T, error) {
	obj, err := decodeRecord(raw)
	if err != nil {
		return nil, err
	}
	return parse(obj, src)
}

// locate turns a record's error into a *RecordError naming path and where.
func locate(err error, path, where string) *RecordError {
	var m *malformed
	if !errors.As(err, &m) {
		m = &malformed{reason: ReasonBadJSON, detail: "invalid record", err: err}
	}
	return &RecordError{File: path, Where: where, Reason: m.reason, Detail: m.detail, Err: m.err}
}

// skip counts a skipped record.
func (r *Report) skip(err *RecordError) {
	r.Skipped++
	r.SkippedBy[err.Reason]++
	if len(r.Messages) < maxSkipMessages {
		r.Messages = append(r.Messages, err.Error())
	}
}
