package experiment

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/paddock-ai/paddock/internal/atomicfile"
)

// WriteFileAtomic writes the file at path through write, so that path holds
// either its old content or all of the new content, never a part (see
// package atomicfile).
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	if err := atomicfile.Write(path, write); err != nil {
		return fmt.Errorf("experiment: %w", err)
	}
	return nil
}

// writeBytesAtomic writes b to path with WriteFileAtomic.
func writeBytesAtomic(path string, b []byte) error {
	if err := atomicfile.WriteBytes(path, b); err != nil {
		return fmt.Errorf("experiment: %w", err)
	}
	return nil
}

// syncDir syncs a folder, making renames and new entries in it durable.
func syncDir(dir string) error {
	if err := atomicfile.SyncDir(dir); err != nil {
		return fmt.Errorf("experiment: %w", err)
	}
	return nil
}

// syncTree syncs every file and folder under root, root included.
func syncTree(root string) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() && !d.IsDir() {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		return f.Sync()
	})
}
