package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// renderRunSet draws stage 1's objective/scores of the synthetic runs
// (the first `runs` of them), smoothed with weight 0.6.
func renderRunSet(t *testing.T, format string, runs int) []byte {
	t.Helper()
	dirs := writeRunSet(t, t.TempDir())
	curves, err := Curves(dirs[:runs], "objective/scores", 1, 0.6)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Plot(curves, "objective/scores")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Write(&b, p, format); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestPlotGolden compares the figure of the synthetic runs with
// testdata/curves.png. Fonts are embedded in gonum/plot and its version is
// pinned, but rasterization may differ by a few antialiased edge pixels
// between machines (floating point contraction, for one), so the images
// must have the same size, a mean absolute difference per channel of at
// most 0.5 (of 255), and at most 0.1% of their pixels off by more than 64 in
// some channel. TestPlotGoldenSensitive checks that this still tells a
// missing curve apart.
func TestPlotGolden(t *testing.T) {
	golden(t, "curves.png", renderRunSet(t, "png", 3), comparePNG)
}

func TestPlotGoldenSensitive(t *testing.T) {
	want, err := os.ReadFile(filepath.Join(testdata, "curves.png"))
	if err != nil {
		t.Skip(err)
	}
	if err := comparePNG(want, renderRunSet(t, "png", 2)); err == nil {
		t.Error("the figure without run b passes as the golden one")
	}
}

// comparePNG returns an error when two PNG images differ beyond
// TestPlotGolden's tolerance.
func comparePNG(want, got []byte) error {
	a, err := png.Decode(bytes.NewReader(want))
	if err != nil {
		return fmt.Errorf("golden: %w", err)
	}
	b, err := png.Decode(bytes.NewReader(got))
	if err != nil {
		return err
	}
	if a.Bounds() != b.Bounds() {
		return fmt.Errorf("size %v, want %v", b.Bounds().Size(), a.Bounds().Size())
	}
	var sum float64
	off, n := 0, 0
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			d := pixelDiff(a, b, x, y)
			for _, c := range d {
				sum += float64(c)
			}
			if max(d[0], d[1], d[2], d[3]) > 64 {
				off++
			}
			n++
		}
	}
	mean, share := sum/float64(4*n), float64(off)/float64(n)
	if mean > 0.5 || share > 0.001 {
		return fmt.Errorf("mean absolute difference %.3f (at most 0.5), %.3f%% of pixels off (at most 0.1%%)", mean, 100*share)
	}
	return nil
}

// pixelDiff returns the absolute differences of the 8-bit channels of a
// pixel of two images.
func pixelDiff(a, b image.Image, x, y int) [4]int {
	r1, g1, b1, a1 := a.At(x, y).RGBA()
	r2, g2, b2, a2 := b.At(x, y).RGBA()
	abs := func(u, v uint32) int { return max(int(u>>8)-int(v>>8), int(v>>8)-int(u>>8)) }
	return [4]int{abs(r1, r2), abs(g1, g2), abs(b1, b2), abs(a1, a2)}
}

// TestPlotSVG checks that the SVG figure is well-formed XML with an <svg>
// root and holds the axis labels and legend.
func TestPlotSVG(t *testing.T) {
	out := renderRunSet(t, "svg", 3)
	d := xml.NewDecoder(bytes.NewReader(out))
	var root string
	var text strings.Builder
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = tok.Name.Local
			}
		case xml.CharData:
			text.Write(tok)
		}
	}
	if root != "svg" {
		t.Errorf("root element <%s>, want <svg>", root)
	}
	for _, s := range []string{"step", "objective/scores", "ppo-a (n=2)", "b"} {
		if !strings.Contains(text.String(), s) {
			t.Errorf("SVG text has no %q", s)
		}
	}
}

func TestSave(t *testing.T) {
	t.Chdir(t.TempDir())
	dirs := writeRunSet(t, ".")
	curves, err := Curves(dirs, "train/loss", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Plot(curves, "train/loss")
	if err != nil {
		t.Fatal(err)
	}
	for name, magic := range map[string]string{"f.PNG": "\x89PNG", "f.svg": "<?xml", "f.pdf": "%PDF"} {
		if err := Save(p, name); err != nil {
			t.Fatal(err)
		}
		if b, err := os.ReadFile(name); err != nil || !bytes.HasPrefix(b, []byte(magic)) {
			t.Errorf("%s: starts %q, %v; want %q", name, b[:min(len(b), 8)], err, magic)
		}
	}
	if err := Save(p, "f.jpg"); err == nil || !strings.Contains(err.Error(), "f.jpg: want a .png, .svg or .pdf file") {
		t.Errorf("Save to .jpg: %v", err)
	}
}

// TestPlotEdgeCases: a single point draws; a metric that is null
// everywhere is an error, not an empty figure.
func TestPlotEdgeCases(t *testing.T) {
	dir := t.TempDir()
	writeRun(t, filepath.Join(dir, "one"), "", `{"stage":0,"step":3,"x":1,"y":null}`, 0)
	run := []string{filepath.Join(dir, "one")}
	curves, err := Curves(run, "x", -1, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Plot(curves, "x")
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(io.Discard, p, "png"); err != nil {
		t.Fatal(err)
	}
	curves, err = Curves(run, "y", -1, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Plot(curves, "y"); err == nil || !strings.Contains(err.Error(), "no finite values of y") {
		t.Errorf("all-null metric: %v", err)
	}
}
