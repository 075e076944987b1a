package paddock

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/paddock-ai/paddock"

// layers ranks each top-level folder; a package may import project packages
// of a strictly lower rank, or of its own top-level folder.
var layers = map[string]int{
	"kernels": 0, "safetensors": 0, "internal": -1,
	"tokenizer": 1, "ops": 1, "optim": 1,
	"llama": 2,
	"data":  3, "train": 3,
	"policy": 4, "quality": 4,
	"rollout": 5,
	"sft":     6, "pretrain": 6, "reward": 6,
	"safety":     7, // its penalty is a reward.Scorer
	"ppo":        8, // scores with reward models, rules and safety penalties
	"experiment": 9,
	"report":     10,
	"cmd":        11, "experiments": 11, "notebooks": 11, "tools": 11,
	".": 12, // this package: the layering test itself
}

func topDir(rel string) string {
	return strings.SplitN(filepath.ToSlash(rel), "/", 2)[0]
}

func TestLayering(t *testing.T) {
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != "." || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		from := topDir(filepath.Dir(path))
		rank, ok := layers[from]
		if !ok {
			t.Errorf("%s: folder %q has no layer; add it to layers in layering_test.go", path, from)
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		checked++
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if !strings.HasPrefix(p, module+"/") {
				continue
			}
			to := topDir(strings.TrimPrefix(p, module+"/"))
			if !allowed(from, to) {
				t.Errorf("%s imports %s: layer %q (%d) may only import lower layers, not %q (%d)", path, p, from, rank, to, layers[to])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 10 {
		t.Fatalf("checked only %d files; is the walk broken?", checked)
	}
}

// allowed reports whether a package under folder from may import one under to.
func allowed(from, to string) bool {
	fromRank, ok1 := layers[from]
	toRank, ok2 := layers[to]
	return from == to || (ok1 && ok2 && toRank < fromRank)
}

func TestAllowed(t *testing.T) {
	for _, c := range []struct {
		from, to string
		want     bool
	}{
		{"llama", "kernels", true}, {"kernels", "llama", false}, {"sft", "ppo", false},
		{"ppo", "policy", true}, {"llama", "llama", true}, {"llama", "unknown", false},
		{"cmd", "report", true}, {"kernels", "safetensors", false},
	} {
		if got := allowed(c.from, c.to); got != c.want {
			t.Errorf("allowed(%q, %q) = %v, want %v", c.from, c.to, got, c.want)
		}
	}
}
