package data

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// maxLineBytes is the longest JSONL line the readers accept.
const maxLineBytes = 64 << 20

// recordSource streams the raw records of one file: the elements of a
// top-level JSON array, or the non-blank lines of a JSONL file, gzip
// decompressed where the file starts with gzip's magic bytes.
type recordSource struct {
	path    string
	file    io.ReadCloser
	gz      *gzip.Reader
	br      *bufio.Reader
	done    bool
	line    int    // JSONL: lines consumed so far
	lineBuf []byte // JSONL: a line longer than br's buffer
	dec     *json.Decoder
	track   *lineTracker
	n       int // array: elements returned so far
}

// openRecords opens path and sniffs its layout from the first non-space
// byte: '[' is a JSON array, anything else JSONL.
func openRecords(path string) (*recordSource, error) {
	f, err := os.Open(path)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the path comes first in the message instead
	}
	if err != nil {
		return nil, fmt.Errorf("data: %s: %w", path, err)
	}
	return newRecords(path, f)
}

// newRecords streams the records of r, read under the name path; Close
// closes r.
func newRecords(path string, r io.ReadCloser) (*recordSource, error) {
	s := &recordSource{path: path, file: r}
	if err := s.start(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// start sets up decompression, skips a byte-order mark and leading space,
// and picks the array or JSONL layout.
func (s *recordSource) start() error {
	fb := bufio.NewReader(s.file)
	var r io.Reader = fb
	if magic, _ := fb.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(fb)
		if err != nil {
			return fmt.Errorf("data: %s: %w", s.path, err)
		}
		s.gz, r = gz, gz
	}
	s.br = bufio.NewReaderSize(r, 64<<10)
	if bom, _ := s.br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		s.br.Discard(3)
	}
	first, err := s.skipSpace()
	if errors.Is(err, io.EOF) {
		s.done = true
		return nil
	}
	if err != nil {
		return fmt.Errorf("data: %s: line %d: %w", s.path, s.line+1, err)
	}
	if first != '[' {
		return nil
	}
	s.track = &lineTracker{r: s.br, line: s.line}
	s.dec = json.NewDecoder(s.track)
	if _, err := s.dec.Token(); err != nil { // the '['
		return fmt.Errorf("data: %s: line %d: %w", s.path, s.line+1, err)
	}
	return nil
}

// skipSpace consumes leading white space, counting newlines in s.line,
// and returns the first other byte without consuming it.
func (s *recordSource) skipSpace() (byte, error) {
	for {
		c, err := s.br.ReadByte()
		if err != nil {
			return 0, err
		}
		switch c {
		case '\n':
			s.line++
		case ' ', '\t', '\r':
		default:
			return c, s.br.UnreadByte()
		}
	}
}

// Close releases the file (or reader).
func (s *recordSource) Close() error {
	if s.gz != nil {
		s.gz.Close()
	}
	return s.file.Close()
}

// next returns the next record and where it is ("record N" or "line N"),
// or io.EOF after the last. Any other error is fatal for the file.
func (s *recordSource) next() (where string, raw []byte, err error) {
	if s.done {
		return "", nil, io.EOF
	}
	if s.dec != nil {
		where, raw, err = s.nextElement()
	} else {
		where, raw, err = s.nextLine()
	}
	if err != nil {
		s.done = true
	}
	return where, raw, err
}

// nextLine returns the next non-blank JSONL line.
func (s *recordSource) nextLine() (string, []byte, error) {
	for {
		line, err := s.readLine()
		if len(line) == 0 && errors.Is(err, io.EOF) {
			return "", nil, io.EOF
		}
		s.line++
		if err != nil && !errors.Is(err, io.EOF) {
			return "", nil, fmt.Errorf("data: %s: line %d: %w", s.path, s.line, err)
		}
		if len(bytes.TrimSpace(line)) > 0 {
			return fmt.Sprintf("line %d", s.line), line, nil
		}
	}
}

// readLine reads one line of up to maxLineBytes, with its newline; the
// slice is valid until the next call.
func (s *recordSource) readLine() ([]byte, error) {
	s.lineBuf = s.lineBuf[:0]
	for {
		chunk, err := s.br.ReadSlice('\n')
		if len(s.lineBuf)+len(chunk) > maxLineBytes {
			return chunk, fmt.Errorf("line longer than %d MiB", maxLineBytes>>20)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			s.lineBuf = append(s.lineBuf, chunk...)
			continue
		}
		if len(s.lineBuf) == 0 {
			return chunk, err
		}
		s.lineBuf = append(s.lineBuf, chunk...)
		return s.lineBuf, err
	}
}

// nextElement returns the next element of the top-level array, and checks
// that nothing but white space follows the array's ']'.
func (s *recordSource) nextElement() (string, []byte, error) {
	if !s.dec.More() {
		return "", nil, s.endArray()
	}
	s.n++
	where := fmt.Sprintf("record %d", s.n)
	start := s.dec.InputOffset()
	var raw json.RawMessage
	if err := s.dec.Decode(&raw); err != nil {
		return "", nil, s.arrayError(where, start, s.n > 1, err)
	}
	s.track.forget(s.dec.InputOffset())
	return where, raw, nil
}

// endArray consumes the closing ']' and returns io.EOF, or the error that
// the file does not end there.
func (s *recordSource) endArray() error {
	start := s.dec.InputOffset()
	where := fmt.Sprintf("after record %d", s.n)
	tok, err := s.dec.Token()
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		return s.arrayError(where, start, false, err)
	}
	if tok != json.Delim(']') {
		return s.arrayError(where, start, false, fmt.Errorf("unexpected %v in the array", tok))
	}
	start = s.dec.InputOffset()
	if _, err := s.dec.Token(); !errors.Is(err, io.EOF) {
		return s.arrayError(where, start, false, errors.New("data after the closing ']'"))
	}
	return io.EOF
}

// arrayError reports an error inside the array with the line it is on:
// that of the offending byte for a JSON syntax error, else that of the
// element (or token) that failed, which starts after white space and, when
// comma is set, a comma.
func (s *recordSource) arrayError(where string, start int64, comma bool, err error) error {
	data := s.track.from(start)
	off := skipJSONSpace(data, 0)
	if comma && off < len(data) && data[off] == ',' {
		off = skipJSONSpace(data, off+1)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = syntaxOffset(data, comma)
	}
	return &RecordError{File: s.path, Where: where, Reason: ReasonBadJSON,
		Detail: fmt.Sprintf("line %d", s.track.lineAt(start+int64(off))), Err: err}
}

// syntaxOffset returns the offset of the first syntax error in data, which
// starts where a JSON value, preceded by a comma if comma is set, should.
func syntaxOffset(data []byte, comma bool) int {
	i := skipJSONSpace(data, 0)
	if comma {
		if i >= len(data) || data[i] != ',' {
			return i
		}
		i = skipJSONSpace(data, i+1)
	}
	var v json.RawMessage
	var se *json.SyntaxError
	if err := json.NewDecoder(bytes.NewReader(data[i:])).Decode(&v); errors.As(err, &se) && se.Offset > 0 {
		return i + int(se.Offset) - 1
	}
	return i
}

// skipJSONSpace returns the index of the first non-space byte of data at
// or after i.
func skipJSONSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n') {
		i++
	}
	return i
}

// lineTracker passes a stream through and remembers the bytes a
// json.Decoder has read but not yet finished with, so that an offset in
// the stream can be turned into a line number.
type lineTracker struct {
	r       io.Reader
	base    int64  // stream offset of buf[0]
	buf     []byte // bytes read from base on
	counted int    // buf[:counted] is forgotten; its newlines are in line
	line    int    // newlines before buf[counted]
}

// Read reads from the stream and remembers what it read.
func (t *lineTracker) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.buf = append(t.buf, p[:n]...)
	return n, err
}

// forget drops the bytes before stream offset off, counting their lines.
func (t *lineTracker) forget(off int64) {
	k := min(max(int(off-t.base), t.counted), len(t.buf))
	t.line += bytes.Count(t.buf[t.counted:k], []byte{'\n'})
	t.counted = k
	if t.counted > 4096 && t.counted > len(t.buf)/2 {
		t.buf = append(t.buf[:0], t.buf[t.counted:]...)
		t.base += int64(t.counted)
		t.counted = 0
	}
}

// from returns the remembered bytes from stream offset off on.
func (t *lineTracker) from(off int64) []byte {
	return t.buf[min(max(int(off-t.base), t.counted), len(t.buf)):]
}

// lineAt returns the 1-based line of stream offset off (off must not be
// before the last forget).
func (t *lineTracker) lineAt(off int64) int {
	k := min(max(int(off-t.base), t.counted), len(t.buf))
	return t.line + bytes.Count(t.buf[t.counted:k], []byte{'\n'}) + 1
}
