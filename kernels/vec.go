package kernels

// Dot returns the inner product of x and y[:len(x)].
func Dot(x, y []float32) float32 {
	y = y[:len(x)]
	n := len(x)
	var s float32
	i := 0
	if hasAVX2 && n >= 8 {
		i = n &^ 7
		s = dotAVX2(&x[0], &y[0], i)
	}
	var s0, s1, s2, s3 float32
	for ; i+4 <= n; i += 4 {
		s0 += x[i] * y[i]
		s1 += x[i+1] * y[i+1]
		s2 += x[i+2] * y[i+2]
		s3 += x[i+3] * y[i+3]
	}
	for ; i < n; i++ {
		s0 += x[i] * y[i]
	}
	return s + (s0 + s1) + (s2 + s3)
}

// Axpy computes y += alpha·x over len(y) elements.
func Axpy(y, x []float32, alpha float32) {
	x = x[:len(y)]
	n := len(y)
	i := 0
	if hasAVX2 && n >= 8 {
		i = n &^ 7
		axpyAVX2(&y[0], &x[0], alpha, i)
	}
	for ; i < n; i++ {
		y[i] += alpha * x[i]
	}
}

// dot4 sets out[r] = Σᵢ w[i]·x[r·ldx+i] for the four rows r < 4 of x.
func dot4(out *[4]float32, w, x []float32, ldx int) {
	k := len(w)
	i := 0
	if hasAVX2 && k >= 16 {
		i = k &^ 15
		dot4AVX2(&w[0], &x[0], ldx, i, &out[0])
	} else {
		*out = [4]float32{}
	}
	for r := 0; r < 4; r++ {
		row := x[r*ldx : r*ldx+k]
		for j := i; j < k; j++ {
			out[r] += w[j] * row[j]
		}
	}
}
