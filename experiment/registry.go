package experiment

import (
	"fmt"
	"reflect"
	"slices"
	"sync"
)

// StageConfig is the configuration of one stage kind: the keys of its
// [[stage]] table, decoded from TOML. Implementations are pointers to structs
// whose exported fields carry `toml:"key"` tags.
type StageConfig interface {
	// Defaults sets every field to its documented default. Load calls it
	// before decoding, so keys present in the file override the defaults,
	// zero values included.
	Defaults()

	// Validate reports every invalid value, joined with errors.Join when
	// there are several. It must not change the config.
	Validate() error

	// NewStage returns the stage that runs this config.
	NewStage() (Stage, error)
}

// Stage runs one stage of an experiment.
type Stage interface {
	// Run does the stage's work. A stage that checkpoints should resume from
	// rc.LatestCheckpoint when there is one, and should stop early when
	// rc.Context() is done.
	Run(rc *RunContext) error
}

var registry = struct {
	sync.RWMutex
	kinds map[string]func() StageConfig
}{kinds: make(map[string]func() StageConfig)}

// Register makes a stage kind available to experiment files: a [[stage]]
// table with kind = "<kind>" decodes into newConfig(). It is meant to be
// called from the init function of the package that implements the stage.
// Register panics if kind is empty or already registered, or if newConfig
// does not return a non-nil pointer to a struct.
func Register(kind string, newConfig func() StageConfig) {
	if kind == "" {
		panic("experiment: Register: empty kind")
	}
	if newConfig == nil {
		panic(fmt.Sprintf("experiment: Register %q: nil newConfig", kind))
	}
	v := reflect.ValueOf(newConfig())
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		panic(fmt.Sprintf("experiment: Register %q: newConfig returns %s, want a pointer to a struct", kind, v.Type()))
	}
	registry.Lock()
	defer registry.Unlock()
	if _, dup := registry.kinds[kind]; dup {
		panic(fmt.Sprintf("experiment: Register %q: kind registered twice", kind))
	}
	registry.kinds[kind] = newConfig
}

// Kinds returns the registered stage kinds in sorted order.
func Kinds() []string {
	registry.RLock()
	defer registry.RUnlock()
	kinds := make([]string, 0, len(registry.kinds))
	for k := range registry.kinds {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	return kinds
}

// NewConfig returns a config of the given kind with its defaults filled, or
// false if the kind is not registered.
func NewConfig(kind string) (StageConfig, bool) {
	registry.RLock()
	newConfig, ok := registry.kinds[kind]
	registry.RUnlock()
	if !ok {
		return nil, false
	}
	c := newConfig()
	c.Defaults()
	return c, true
}
