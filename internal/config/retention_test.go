package config

import (
	"strings"
	"testing"
)

func TestRetention(t *testing.T) {
	c, err := Parse([]byte("retention:\n  default: 6\n  FM-30: 10年\n  LDMD-FM-32: 永久\n  scan: 8y\n"))
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"LDMD-FM-30": "10 年", "FM-30": "10 年", "LDMD-FM-32": "永久", "scan": "8 年",
		"LDMD-FM-31": "6 年", "document": "随最后记录",
	}
	for kind, want := range cases {
		if got := c.RetentionOf(kind).String(); got != want {
			t.Errorf("RetentionOf(%s) = %s, want %s", kind, got, want)
		}
	}
	d, _ := Parse(nil)
	if got := d.RetentionOf("LDMD-FM-30"); got.Years != DefaultRetentionYears {
		t.Errorf("default retention %+v", got)
	}
}

func TestRetentionErrors(t *testing.T) {
	for _, y := range []string{"retention:\n  FM-30: 1\n", "retention:\n  FM-30: soon\n", "retention: 5\n"} {
		_, err := Parse([]byte(y))
		if err == nil || !strings.Contains(err.Error(), "retention") {
			t.Errorf("%q: err = %v", y, err)
		}
	}
}
