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

// quarterlyJob writes the FM-32 of the quarter that ended last: fired on
// 1 January it reports the fourth quarter of the year before.
func quarterlyJob(_ context.Context, s *batch.Session) (string, error) {
	res, err := report.Generate(s, report.LastEnded(s.Actor.Today))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s 信息 %d 条，%s", res.Stats.Quarter.Label(), res.Stats.Cur.Total,
		report.RelPath(s.Cfg, res.XLSX)), nil
}

func remindersJob(_ context.Context, s *batch.Session) (string, error) {
	res, err := remind.Generate(s, s.Actor.Today)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d 项，%s", res.Count(), report.RelPath(s.Cfg, res.Path)), nil
}
