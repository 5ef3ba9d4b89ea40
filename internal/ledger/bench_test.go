package ledger

import (
	"fmt"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/qdoc/qdoc/internal/record"
)

// bigSource streams n synthetic entries of realistic length, built one at a
// time so the figures measure the writer, not the test's data.
func bigSource(n int) Source {
	depts := []string{"质管部", "采购部", "仓储部", "销售部", "财务部", "行政部"}
	return func(fn func(*record.Entry) error) error {
		for i := 1; i <= n; i++ {
			received := day(2026, 1, 1).AddDate(0, 0, i%360)
			e := &record.Entry{
				Serial: fmt.Sprintf("LDMD-FM-30-2026-%06d", i), Year: 2026, Seq: i,
				Received: received, Registered: received, Channel: "external", Category: "customer",
				Class: []string{"A", "B", "C"}[i%3], Reporter: depts[i%6],
				Departments: depts[:1+i%3], Status: "open",
				Title:    fmt.Sprintf("客户反映第%d批次产品外包装破损", i),
				Content:  "客户来电反映收到的医用防护口罩外包装有破损，部分产品受潮。经核实为运输途中挤压所致，需通知仓储部复核同批次库存并联系承运商。",
				Measures: "通知仓储部复核库存，销售部回访客户并安排换货。",
				Remarks:  "=HYPERLINK(\"x\")",
			}
			if i%4 == 0 {
				e.Status, e.Closed, e.Feedback = "closed", received.AddDate(0, 0, i%9), "已换货，客户满意。"
			}
			e.Void, e.Late = i%97 == 0, i%89 == 0
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	}
}

// BenchmarkFM31_100k writes a 100,000-row ledger, the largest year the
// issue plans for; its target is peak memory under 150 MB. Run with
// go test -run '^$' -bench FM31_100k -benchtime 1x ./internal/ledger/
func BenchmarkFM31_100k(b *testing.B) {
	opt := testOptions()
	opt.Today = day(2026, 12, 31)
	peak := sampleHeap()
	for b.Loop() {
		rows, err := WriteFM31(io.Discard, opt, bigSource(100_000))
		if err != nil || rows != 100_000 {
			b.Fatalf("rows %d, err %v", rows, err)
		}
	}
	b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MB")
	if rss := peakRSS(); rss > 0 {
		b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MB")
	}
}

// sampleHeap polls the heap in use until the returned func is called, and
// returns the highest figure seen. runtime.MemStats holds no high-water
// mark of its own.
func sampleHeap() func() uint64 {
	done, res := make(chan struct{}), make(chan uint64)
	go func() {
		var peak uint64
		var ms runtime.MemStats
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse+ms.StackInuse)
			select {
			case <-done:
				res <- peak
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 { close(done); return <-res }
}
