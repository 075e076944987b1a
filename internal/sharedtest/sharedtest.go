// Package sharedtest finds the read-only artifacts in the shared/ folder
// (models, tokenizers, datasets) for tests.
//
// The folder is $PADDOCK_SHARED, or ../shared beside the repository. A test
// whose artifact is missing is skipped with a message saying how to get it,
// unless PADDOCK_REQUIRE_SHARED is set (as CI sets it), in which case it
// fails.
package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

// Path returns the path of rel under the shared folder, or skips t.
func Path(t testing.TB, rel string) string {
	t.Helper()
	root := os.Getenv("PADDOCK_SHARED")
	if root == "" {
		root = filepath.Join(repoRoot(), "..", "shared")
	}
	path := filepath.Join(root, rel)
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("PADDOCK_REQUIRE_SHARED") != "" {
			t.Fatalf("shared artifact %s missing (PADDOCK_SHARED=%q): %v", rel, root, err)
		}
		t.Skipf("shared artifact %s not found under %s; set PADDOCK_SHARED to the shared/ folder to run this test", rel, root)
	}
	return path
}

// repoRoot walks up from the working directory to the folder with go.mod.
func repoRoot() string {
	dir, _ := os.Getwd()
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}
