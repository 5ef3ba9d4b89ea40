package schedule

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/qdoc/qdoc/internal/batch"
	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/remind"
	"github.com/qdoc/qdoc/internal/report"
)

// Jobs are the workspace's scheduled jobs: each key of config.yaml's
// schedule with a spec, in the order of Names. Each job takes the
// workspace lock like a manual command, so the two never overlap; out
// receives what the job prints (a run's per-file lines, …).
func Jobs(cfg *config.Config, by string, out io.Writer) []Job {
	do := map[string]func(ctx context.Context, s *batch.Session) (string, error){
		"run": runJob, "quarterly": quarterlyJob, "reminders": remindersJob,
	}
	var jobs []Job
	for _, name := range Names {
		spec := strings.TrimSpace(cfg.Schedule[name])
		if spec == "" {
			continue
		}
		fn := do[name]
		jobs = append(jobs, Job{Name: name, Spec: spec, Run: func(ctx context.Context) (string, error) {
			s, err := batch.Open(cfg, by, "schedule "+name, out)
			if err != nil {
				return "", err
			}
			defer s.Close()
			return fn(ctx, s)
		}})
	}
	return jobs
}

// runJob is `qdoc run`. A rejected intake file is an outcome, not a
// failure: it is named in the run's output and the log.
func runJob(ctx context.Context, s *batch.Session) (string, error) {
	r := &batch.Run{Session: s}
	err := r.Execute(ctx, batch.RunSteps())
	r.PrintSummary()
	res := r.Result
	return fmt.Sprintf("新增 %d，更新 %d，拒绝文件 %d", res.New, res.Updated, res.Rejected), err
}

// quarterlyJob writes the FM-32 of the quarter that ended last and closes
// that quarter as `qdoc report quarter` does: its FM-31 snapshot and the
// FM-32 go into the archive. Fired on 1 January it reports the fourth
// quarter of the year before.
func quarterlyJob(_ context.Context, s *batch.Session) (string, error) {
	q := report.LastEnded(s.Actor.Today)
	res, err := report.Generate(s, q)
	if err != nil {
		return "", err
	}
	c, err := report.Close(s, q, res)
	if err != nil {
		return "", err
	}
	closed := "已归档"
	switch {
	case c == nil:
		closed = "季度未结束，未归档"
	case c.Already:
		closed = "此前已归档，归档不变"
	case c.Archived > 0:
		closed = fmt.Sprintf("已结账，归档新增 %d 个文件", c.Archived)
	}
	return fmt.Sprintf("%s 信息 %d 条，%s，%s", q.Label(), res.Stats.Cur.Total,
		report.RelPath(s.Cfg, res.XLSX), closed), nil
}

// remindersJob writes the reminder list. Only its count and file go into
// the log: the items' titles can hold a complainant's name or phone, and
// the scheduler's output ends up in the system journal.
func remindersJob(_ context.Context, s *batch.Session) (string, error) {
	res, err := remind.Generate(s, s.Actor.Today)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d 项，%s", res.Count(), report.RelPath(s.Cfg, res.Path)), nil
}
