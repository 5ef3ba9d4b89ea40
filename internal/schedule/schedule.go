// Package schedule keeps qdoc running on its own: the jobs named in
// config.yaml's schedule (the daily run, the quarterly FM-32 report, the
// reminders) fire on robfig/cron specs in the workspace's time zone. A job
// still running is not started again, a failing one is logged and the
// next firing comes as planned, and a stop request waits for the job in
// hand to finish.
package schedule

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Parser reads the specs: five fields (minute hour day month weekday), an
// optional leading seconds field, or a descriptor such as @daily or
// @every 10m. CRON_TZ=Area/City in front overrides the time zone.
var Parser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour |
	cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Names are the jobs a workspace can schedule, in the order listed.
var Names = []string{"run", "quarterly", "reminders"}

var labels = map[string]string{
	"run":       "每日批处理",
	"quarterly": "季度质量信息汇总分析（FM-32，上一季度）",
	"reminders": "提醒清单（超期未关闭等）",
}

// Label is a job's Chinese description.
func Label(name string) string {
	if l, ok := labels[name]; ok {
		return l
	}
	return name
}

// Check validates config.yaml's schedule: every key a known job, every
// spec one the scheduler can read. An empty spec means "does not run".
// Every problem is reported, not just the first.
func Check(specs map[string]string) error {
	keys := make([]string, 0, len(specs))
	for k := range specs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var errs []error
	for _, k := range keys {
		spec := strings.TrimSpace(specs[k])
		switch {
		case !slices.Contains(Names, k):
			errs = append(errs, fmt.Errorf("schedule.%s: no such job; the jobs are %s", k, strings.Join(Names, ", ")))
		case spec == "":
		default:
			if _, err := Parser.Parse(spec); err != nil {
				errs = append(errs, fmt.Errorf("schedule.%s: %q is not a cron spec (%v); write it like \"0 18 * * *\" (18:00 daily) or \"@every 10m\"", k, spec, err))
			}
		}
	}
	return errors.Join(errs...)
}

// Next returns the next n times spec fires after t, in t's location
// (the workspace's time zone).
func Next(spec string, t time.Time, n int) ([]time.Time, error) {
	s, err := Parser.Parse(spec)
	if err != nil {
		return nil, err
	}
	out := make([]time.Time, 0, n)
	for len(out) < n {
		t = s.Next(t)
		if t.IsZero() { // a spec that never fires again, e.g. 30 February
			break
		}
		out = append(out, t)
	}
	return out, nil
}
