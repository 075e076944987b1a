package experiment

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes the file at path through write, so that path holds
// either its old content or all of the new content, never a part: write
// fills a temporary file in the same folder, which is flushed, synced and
// then renamed over path, and the folder is synced. If write fails, path is
// left untouched and the temporary file is removed.
func WriteFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("experiment: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	w := bufio.NewWriter(f)
	if err := write(w); err != nil {
		return fmt.Errorf("experiment: %s: %w", path, err)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("experiment: %s: %w", path, err)
	}
	if err := f.Chmod(0o644); err != nil {
		return fmt.Errorf("experiment: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("experiment: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("experiment: %w", err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("experiment: %w", err)
	}
	return syncDir(dir)
}

// writeBytesAtomic writes b to path with WriteFileAtomic.
func writeBytesAtomic(path string, b []byte) error {
	return WriteFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// syncDir syncs a folder, making renames and new entries in it durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("experiment: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("experiment: syncing %s: %w", dir, err)
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
