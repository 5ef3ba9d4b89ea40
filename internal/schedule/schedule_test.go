package schedule

import (
	"strings"
	"testing"
	"time"
)

func TestCheck(t *testing.T) {
	ok := map[string]string{"run": "0 18 * * *", "quarterly": "0 8 1 1,4,7,10 *", "reminders": "@every 10m"}
	if err := Check(ok); err != nil {
		t.Errorf("Check(issue example) = %v", err)
	}
	if err := Check(map[string]string{"run": "", "reminders": "@weekly", "quarterly": "30 0 8 1 */3 *"}); err != nil {
		t.Errorf("empty spec, descriptor, seconds field: %v", err)
	}
	err := Check(map[string]string{"daily": "0 18 * * *", "run": "0 18 * *", "quarterly": "@every banana"})
	if err == nil {
		t.Fatal("Check accepted an unknown job and two bad specs")
	}
	for _, want := range []string{"schedule.daily: no such job", `schedule.run: "0 18 * *" is not a cron spec`, `schedule.quarterly: "@every banana"`, `"@every 10m"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestNext(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	from := time.Date(2026, 11, 28, 20, 0, 0, 0, loc)
	tests := []struct {
		spec string
		want []string
	}{
		{"0 18 * * *", []string{"2026-11-29 18:00", "2026-11-30 18:00", "2026-12-01 18:00"}},
		{"0 8 1 1,4,7,10 *", []string{"2027-01-01 08:00", "2027-04-01 08:00", "2027-07-01 08:00"}},
		{"0 9 * * 1", []string{"2026-11-30 09:00", "2026-12-07 09:00", "2026-12-14 09:00"}},
		{"@every 10m", []string{"2026-11-28 20:10", "2026-11-28 20:20", "2026-11-28 20:30"}},
	}
	for _, tt := range tests {
		got, err := Next(tt.spec, from, 3)
		if err != nil {
			t.Fatal(err)
		}
		for i, g := range got {
			if s := g.Format("2006-01-02 15:04"); s != tt.want[i] {
				t.Errorf("%s: fire %d at %s, want %s", tt.spec, i+1, s, tt.want[i])
			}
		}
	}
}
