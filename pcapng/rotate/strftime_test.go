package rotate

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gocap/gocap/internal/testenv"
)

// GNU date formats with the C library's strftime: our Strftime must agree
// with it for every conversion, over dates that exercise week numbering,
// 12-hour clocks and year boundaries.
func TestStrftimeMatchesDate(t *testing.T) {
	date := testenv.RequireTool(t, "date")
	format := "%a|%A|%b|%B|%c|%C|%d|%D|%e|%F|%g|%G|%h|%H|%I|%j|%k|%l|%m|%M|%p|%r|%R|%s|%S|%T|%u|%U|%V|%w|%W|%x|%X|%y|%Y|%z|%Z|%%|%Ey|%OH|%Q"
	times := []time.Time{
		time.Date(2026, 11, 22, 1, 2, 3, 0, time.UTC),
		time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2020, 12, 31, 12, 59, 59, 0, time.UTC),
		time.Date(2021, 1, 3, 23, 7, 9, 0, time.UTC),
		time.Date(1999, 2, 28, 13, 0, 0, 0, time.UTC),
		time.Date(2024, 2, 29, 9, 30, 0, 0, time.UTC),
	}
	for _, tz := range []string{"UTC", "America/New_York", "Asia/Kolkata"} {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			t.Logf("no zone data for %s: %v", tz, err)
			continue
		}
		for _, tm := range times {
			cmd := exec.Command(date, "-d", "@"+strconv.FormatInt(tm.Unix(), 10), "+"+format)
			cmd.Env = append(os.Environ(), "TZ="+tz, "LC_ALL=C")
			out, err := cmd.Output()
			if err != nil {
				t.Fatal(err)
			}
			want := strings.TrimSuffix(string(out), "\n")
			if got := Strftime(format, tm.In(loc)); got != want {
				t.Errorf("%s %v:\n got %s\nwant %s", tz, tm, got, want)
			}
		}
	}
}
