package report

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// The figure's size fits one column of a two-column paper; PNG is drawn at
// DPI dots per inch.
const (
	Width  = 4 * vg.Inch
	Height = 3 * vg.Inch
	DPI    = 200
)

// palette is Okabe and Ito's, which readers with colour-blindness can tell
// apart.
var palette = []color.RGBA{
	{0x00, 0x72, 0xB2, 0xff}, {0xD5, 0x5E, 0x00, 0xff}, {0x00, 0x9E, 0x73, 0xff}, {0xCC, 0x79, 0xA7, 0xff},
	{0xE6, 0x9F, 0x00, 0xff}, {0x56, 0xB4, 0xE9, 0xff}, {0x00, 0x00, 0x00, 0xff}, {0xF0, 0xE4, 0x42, 0xff},
}

// Plot draws curves of metric: each curve's mean as a line and, for a group
// of several runs, its min–max band shaded in the same colour. The axes are
// labelled "step" and metric, the y axis with a 4% margin above and below
// the data; the legend names each curve ("label (n=3)" for a group of three
// runs) and sits in the bottom right corner when the curves end high, else in
// the top right one.
func Plot(curves []Curve, metric string) (*plot.Plot, error) {
	p := plot.New()
	p.X.Label.Text, p.Y.Label.Text = "step", metric
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font.Size = vg.Points(10)
		a.Tick.Label.Font.Size = vg.Points(8)
	}
	p.Legend.TextStyle.Font.Size = vg.Points(8)
	grid := plotter.NewGrid()
	grid.Vertical.Color, grid.Horizontal.Color = color.Gray{0xe0}, color.Gray{0xe0}
	grid.Vertical.Dashes, grid.Horizontal.Dashes = nil, nil
	p.Add(grid)
	drawn := 0
	for i, c := range curves {
		if len(c.Samples) == 0 {
			continue
		}
		col := palette[i%len(palette)]
		line, band, err := curvePlotters(c, col)
		if err != nil {
			return nil, fmt.Errorf("report: %s: %w", c.Label, err)
		}
		name := c.Label
		if band != nil {
			p.Add(band)
			name = fmt.Sprintf("%s (n=%d)", c.Label, len(c.Runs))
			p.Legend.Add(name, band, line)
		} else {
			p.Legend.Add(name, line)
		}
		p.Add(line)
		drawn++
	}
	if drawn == 0 {
		return nil, fmt.Errorf("report: no finite values of %s to draw", metric)
	}
	p.Legend.Top = !endsHigh(curves)
	// Leave a margin above and below the data, so no curve runs along the
	// frame.
	pad := 0.04 * (p.Y.Max - p.Y.Min)
	if pad == 0 {
		pad = 0.04 * max(1, math.Abs(p.Y.Max))
	}
	p.Y.Min, p.Y.Max = p.Y.Min-pad, p.Y.Max+pad
	return p, nil
}

// curvePlotters returns c's mean line and, when it has several runs, its
// min–max band.
func curvePlotters(c Curve, col color.RGBA) (*plotter.Line, *plotter.Polygon, error) {
	mean := make(plotter.XYs, len(c.Samples))
	band := make(plotter.XYs, 2*len(c.Samples))
	for i, s := range c.Samples {
		mean[i] = plotter.XY{X: float64(s.Step), Y: s.Mean}
		band[i] = plotter.XY{X: float64(s.Step), Y: s.Max}
		band[len(band)-1-i] = plotter.XY{X: float64(s.Step), Y: s.Min}
	}
	line, err := plotter.NewLine(mean)
	if err != nil {
		return nil, nil, err
	}
	line.Color, line.Width = col, vg.Points(1.2)
	if len(c.Runs) < 2 {
		return line, nil, nil
	}
	poly, err := plotter.NewPolygon(band)
	if err != nil {
		return nil, nil, err
	}
	poly.Color = color.NRGBA{col.R, col.G, col.B, 0x40}
	poly.LineStyle.Width = 0
	return line, poly, nil
}

// endsHigh reports whether the curves' last means lie, on average, in the
// upper half of the range of all their values.
func endsHigh(curves []Curve) bool {
	lo, hi, sum, n := 0.0, 0.0, 0.0, 0
	for _, c := range curves {
		for j, s := range c.Samples {
			if n == 0 && j == 0 || s.Min < lo {
				lo = s.Min
			}
			if n == 0 && j == 0 || s.Max > hi {
				hi = s.Max
			}
		}
		if len(c.Samples) > 0 {
			sum += c.Samples[len(c.Samples)-1].Mean
			n++
		}
	}
	return n > 0 && sum/float64(n) > (lo+hi)/2
}

// Save writes p to path as PNG, SVG or PDF by the file's extension, Width by
// Height.
func Save(p *plot.Plot, path string) (err error) {
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	if !ValidFormat(format) {
		return fmt.Errorf("report: %s: want a .png, .svg or .pdf file", path)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("report: %w", cerr)
		}
	}()
	return Write(f, p, format)
}

// ValidFormat reports whether Write draws the format: "png", "svg" or "pdf".
func ValidFormat(format string) bool {
	return format == "png" || format == "svg" || format == "pdf"
}

// Write draws p, Width by Height, to w as "png" (at DPI), "svg" or "pdf"
// (with the fonts embedded).
func Write(w io.Writer, p *plot.Plot, format string) error {
	var c interface {
		vg.CanvasSizer
		io.WriterTo
	}
	switch format {
	case "png":
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(Width, Height), vgimg.UseDPI(DPI))}
	case "svg":
		c = vgsvg.NewWith(vgsvg.UseWH(Width, Height), vgsvg.EmbedFonts(true))
	case "pdf":
		c = vgpdf.New(Width, Height)
	default:
		return fmt.Errorf("report: format %q: want png, svg or pdf", format)
	}
	p.Draw(draw.New(c))
	if _, err := c.WriteTo(w); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}
