package safetensors

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// shardTensor is tensor name's content: distinct per name, so a read from
// the wrong shard shows.
func shardTensor(name string) Tensor {
	v := float32(len(name)) + float32(name[len(name)-1])/256
	return Tensor{Name: name, Shape: []int{2}, Data: []float32{v, -v}}
}

// writeShards writes each file with its tensors into dir, and index (when
// not empty) as model.safetensors.index.json.
func writeShards(t *testing.T, dir string, shards map[string][]string, index string) {
	t.Helper()
	for file, names := range shards {
		var ts []Tensor
		for _, n := range names {
			ts = append(ts, shardTensor(n))
		}
		if err := Write(filepath.Join(dir, file), ts, nil); err != nil {
			t.Fatal(err)
		}
	}
	if index != "" {
		if err := os.WriteFile(filepath.Join(dir, IndexFile), []byte(index), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// checkSet asserts s holds exactly the tensors of shards, each in its file
// and readable with its content.
func checkSet(t *testing.T, dir string, s *Set, shards map[string][]string) {
	t.Helper()
	var all []string
	for file, names := range shards {
		for _, n := range names {
			all = append(all, n)
			info, f, ok := s.Info(n)
			if !ok || f.Path != filepath.Join(dir, file) || info.Name != n || !reflect.DeepEqual(info.Shape, []int{2}) {
				t.Errorf("Info(%q) = %+v, %v, %v; want it in %s", n, info, f, ok, file)
				continue
			}
			got := make([]float32, 2)
			want := shardTensor(n).Data
			if err := f.ReadFloat32(n, got); err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("%s: read %v, %v; want %v", n, got, err, want)
			}
		}
	}
	if got, want := s.Names(), slices.Sorted(slices.Values(all)); !reflect.DeepEqual(got, want) {
		t.Errorf("Names %v, want %v", got, want)
	}
	if len(s.Files) != len(shards) {
		t.Errorf("%d files open, want %d", len(s.Files), len(shards))
	}
	if _, _, ok := s.Info("absent"); ok {
		t.Error("Info(absent) found a tensor")
	}
}

func TestOpenDirSingle(t *testing.T) {
	dir := t.TempDir()
	shards := map[string][]string{SingleFile: {"model.embed", "lm_head", "norm"}}
	writeShards(t, dir, shards, "")
	s, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	checkSet(t, dir, s, shards)
	if err := s.Close(); err != nil {
		t.Error(err)
	}
}

var threeShards = map[string][]string{
	"model-00001-of-00003.safetensors": {"embed"},
	"model-00002-of-00003.safetensors": {"layer.0", "layer.1"},
	"model-00003-of-00003.safetensors": {"norm", "head"},
}

// indexFor is an index mapping every tensor of shards to its file, with
// edit applied to the weight map first.
func indexFor(shards map[string][]string, edit func(map[string]string)) string {
	m := map[string]string{}
	for file, names := range shards {
		for _, n := range names {
			m[n] = file
		}
	}
	if edit != nil {
		edit(m)
	}
	var parts []string
	for n, f := range m {
		parts = append(parts, fmt.Sprintf("%q: %q", n, f))
	}
	return `{"metadata": {"total_size": 40}, "weight_map": {` + strings.Join(parts, ", ") + `}}`
}

func TestOpenDirSharded(t *testing.T) {
	dir := t.TempDir()
	writeShards(t, dir, threeShards, indexFor(threeShards, nil))
	// A stray model.safetensors next to the index must not be read.
	if err := os.WriteFile(filepath.Join(dir, SingleFile), []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	checkSet(t, dir, s, threeShards)
	for i, f := range s.Files[1:] {
		if f.Path < s.Files[i].Path {
			t.Errorf("files not in path order: %s before %s", s.Files[i].Path, f.Path)
		}
	}
	if err := s.Close(); err != nil {
		t.Error(err)
	}
}

func TestOpenDirErrors(t *testing.T) {
	const s1, s3 = "model-00001-of-00003.safetensors", "model-00003-of-00003.safetensors"
	cases := []struct {
		name  string
		index string
		extra map[string][]string // more shard files
		raw   map[string][]byte   // more files, as bytes
		want  []string            // substrings; "$DIR" is the folder
	}{
		{"tensor mapped to the wrong shard", indexFor(threeShards, func(m map[string]string) { m["head"] = s1 }),
			nil, nil, []string{"$DIR/" + IndexFile, `tensor "head" is mapped to ` + s1 + " but not found there"}},
		{"tensor in no shard", indexFor(threeShards, func(m map[string]string) { m["ghost"] = s3 }),
			nil, nil, []string{`tensor "ghost" is mapped to ` + s3 + " but not found there"}},
		{"missing shard file", indexFor(threeShards, func(m map[string]string) { m["norm"] = "model-00009-of-00003.safetensors" }),
			nil, nil, []string{"$DIR/model-00009-of-00003.safetensors", "no such file"}},
		{"duplicate tensor across shards", indexFor(threeShards, func(m map[string]string) { m["extra"] = "extra.safetensors" }),
			map[string][]string{"extra.safetensors": {"extra", "layer.1"}}, nil,
			[]string{`tensor "layer.1" is in both`, "model-00002-of-00003.safetensors", "extra.safetensors"}},
		{"corrupt shard", indexFor(threeShards, func(m map[string]string) { m["bad"] = "bad.safetensors" }),
			nil, map[string][]byte{"bad.safetensors": {1}}, []string{"$DIR/bad.safetensors", "too short"}},
		{"shard path escapes the folder", indexFor(threeShards, func(m map[string]string) { m["head"] = "../" + s3 }),
			nil, nil, []string{`shard name "../` + s3 + `" must be a plain file name`}},
		{"shard in a subfolder", indexFor(threeShards, func(m map[string]string) { m["head"] = "sub/" + s3 }),
			nil, nil, []string{`shard name "sub/` + s3 + `" must be a plain file name`}},
		{"empty weight map", `{"weight_map": {}}`, nil, nil, []string{"$DIR/" + IndexFile, "weight_map is empty"}},
		{"no weight map", `{"metadata": {}}`, nil, nil, []string{"weight_map is empty"}},
		{"index not JSON", `{"weight_map": `, nil, nil, []string{"$DIR/" + IndexFile}},
		{"weight map values not strings", `{"weight_map": {"a": 1}}`, nil, nil, []string{"$DIR/" + IndexFile}},
	}
	for _, c := range cases {
		dir := t.TempDir()
		writeShards(t, dir, threeShards, c.index)
		writeShards(t, dir, c.extra, "")
		for name, b := range c.raw {
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		s, err := OpenDir(dir)
		if err == nil {
			s.Close()
			t.Errorf("%s: no error", c.name)
			continue
		}
		for _, w := range c.want {
			w = strings.ReplaceAll(w, "$DIR", dir)
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not hold %q", c.name, err, w)
			}
		}
	}
}

func TestOpenDirNothing(t *testing.T) {
	dir := t.TempDir()
	_, err := OpenDir(dir)
	if want := filepath.Join(dir, SingleFile); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("empty folder: %v, want an error naming %s", err, want)
	}
}

func TestOpenFilesDuplicate(t *testing.T) {
	dir := t.TempDir()
	writeShards(t, dir, map[string][]string{"x.safetensors": {"a", "b"}, "y.safetensors": {"c", "a"}}, "")
	x, y := filepath.Join(dir, "x.safetensors"), filepath.Join(dir, "y.safetensors")
	_, err := OpenFiles(x, y)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf(`tensor "a" is in both %s and %s`, x, y)) {
		t.Errorf("duplicate: %v", err)
	}
	s, err := OpenFiles(x)
	if err != nil || !reflect.DeepEqual(s.Names(), []string{"a", "b"}) {
		t.Fatalf("OpenFiles(x) = %v, %v", s, err)
	}
	s.Close()
	if s, err := OpenFiles(); err != nil || len(s.Names()) != 0 {
		t.Errorf("OpenFiles() = %v, %v; want an empty set", s, err)
	}
}
