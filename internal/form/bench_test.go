package form

import (
	"bytes"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkFM30 renders realistic FM-30 forms on all GOMAXPROCS cores;
// ns/op is wall time per PDF with every core busy.
//
//	go test ./internal/form -run '^$' -bench FM30 -cpu 2 -benchmem
func BenchmarkFM30(b *testing.B) {
	e, l := testEngine(b), testLayout(b, "fm30")
	forms := realisticForms(2000)
	var n, size atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var buf bytes.Buffer
		for pb.Next() {
			buf.Reset()
			if err := e.Render(&buf, l, forms[n.Add(1)%int64(len(forms))], created); err != nil {
				b.Error(err)
				return
			}
			size.Add(int64(buf.Len()))
		}
	})
	b.ReportMetric(float64(size.Load())/float64(b.N), "B/pdf")
}

func BenchmarkPlan(b *testing.B) {
	e, l := testEngine(b), testLayout(b, "fm30")
	forms := realisticForms(100)
	for i := 0; b.Loop(); i++ {
		e.plan(l, &forms[i%len(forms)])
	}
}

// TestBatch10k is the benchmark as a batch: 10,000 realistic FM-30
// forms rendered by GOMAXPROCS workers, reporting ms per PDF (wall), size
// and the process's peak resident memory. Run it on purpose:
//
//	QDOC_BATCH=1 go test ./internal/form -run Batch10k -v -cpu 2
func TestBatch10k(t *testing.T) {
	if os.Getenv("QDOC_BATCH") == "" {
		t.Skip("set QDOC_BATCH=1 to run the 10,000-form batch")
	}
	e, l := testEngine(t), testLayout(t, "fm30")
	forms := realisticForms(10000)
	distinct, perForm := distinctRunes(forms)
	var size, maxSize atomic.Int64
	var next atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var buf bytes.Buffer
			for i := next.Add(1) - 1; i < int64(len(forms)); i = next.Add(1) - 1 {
				buf.Reset()
				if err := e.Render(&buf, l, forms[i], created); err != nil {
					t.Error(err)
					return
				}
				size.Add(int64(buf.Len()))
				for m := maxSize.Load(); int64(buf.Len()) > m && !maxSize.CompareAndSwap(m, int64(buf.Len())); m = maxSize.Load() {
				}
			}
		})
	}
	wg.Wait()
	el := time.Since(start)
	t.Logf("%d forms, %d distinct characters (%.0f per form), %d workers", len(forms), distinct, perForm, runtime.GOMAXPROCS(0))
	t.Logf("%.3f ms/PDF wall, %.1f KB/PDF mean, %.1f KB max, peak RSS %s",
		float64(el.Microseconds())/1000/float64(len(forms)), float64(size.Load())/1024/float64(len(forms)),
		float64(maxSize.Load())/1024, peakRSS())
}

// peakRSS reads the process's high-water resident set (Linux).
func peakRSS() string {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for line := range strings.Lines(string(status)) {
		if strings.HasPrefix(line, "VmHWM:") {
			return strings.Join(strings.Fields(line)[1:], " ")
		}
	}
	return "unknown"
}
