package safetensors

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
)

// IndexFile and SingleFile are the names HuggingFace uses in a model folder.
const (
	IndexFile  = "model.safetensors.index.json"
	SingleFile = "model.safetensors"
)

// Set is a checkpoint of one or more files addressed by tensor name.
type Set struct {
	Files  []*File
	byName map[string]*File
}

// OpenDir opens the checkpoint in dir: the shards listed by
// model.safetensors.index.json when present, else model.safetensors.
func OpenDir(dir string) (*Set, error) {
	idxPath := filepath.Join(dir, IndexFile)
	data, err := os.ReadFile(idxPath)
	if errors.Is(err, os.ErrNotExist) {
		return OpenFiles(filepath.Join(dir, SingleFile))
	}
	if err != nil {
		return nil, fmt.Errorf("safetensors: %w", err)
	}
	var idx struct {
		WeightMap map[string]string `json:"weight_map"`
	}
	if err := json.Unmarshal(data, &idx); err != nil {
		return nil, fmt.Errorf("safetensors: %s: %v", idxPath, err)
	}
	if len(idx.WeightMap) == 0 {
		return nil, fmt.Errorf("safetensors: %s: weight_map is empty", idxPath)
	}
	shards := map[string]bool{}
	for _, f := range idx.WeightMap {
		if filepath.Base(f) != f {
			return nil, fmt.Errorf("safetensors: %s: shard name %q must be a plain file name", idxPath, f)
		}
		shards[f] = true
	}
	paths := make([]string, 0, len(shards))
	for f := range shards {
		paths = append(paths, filepath.Join(dir, f))
	}
	sort.Strings(paths)
	s, err := OpenFiles(paths...)
	if err != nil {
		return nil, err
	}
	for name, f := range idx.WeightMap {
		got, ok := s.byName[name]
		if !ok || got.Path != filepath.Join(dir, f) {
			s.Close()
			return nil, fmt.Errorf("safetensors: %s: tensor %q is mapped to %s but not found there", idxPath, name, f)
		}
	}
	return s, nil
}

// OpenFiles opens the given files as one set; a tensor name may appear once.
func OpenFiles(paths ...string) (*Set, error) {
	s := &Set{byName: map[string]*File{}}
	for _, p := range paths {
		f, err := Open(p)
		if err != nil {
			s.Close()
			return nil, err
		}
		s.Files = append(s.Files, f)
		for name := range f.Tensors {
			if prev, dup := s.byName[name]; dup {
				s.Close()
				return nil, fmt.Errorf("safetensors: tensor %q is in both %s and %s", name, prev.Path, p)
			}
			s.byName[name] = f
		}
	}
	return s, nil
}

// Info returns the description of tensor name and the file holding it.
func (s *Set) Info(name string) (TensorInfo, *File, bool) {
	f, ok := s.byName[name]
	if !ok {
		return TensorInfo{}, nil, false
	}
	return f.Tensors[name], f, true
}

// Names returns all tensor names, sorted.
func (s *Set) Names() []string {
	return slices.Sorted(maps.Keys(s.byName))
}

// Close closes every file.
func (s *Set) Close() error {
	var errs []error
	for _, f := range s.Files {
		errs = append(errs, f.Close())
	}
	return errors.Join(errs...)
}
