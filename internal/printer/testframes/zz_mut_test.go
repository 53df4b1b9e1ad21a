package testframes

import (
	"math/rand"
	"os"
	"strconv"
	"testing"
)

func TestZZMutate(t *testing.T) {
	out := os.Getenv("MUT_OUT")
	if out == "" {
		t.Skip()
	}
	seed, _ := strconv.Atoi(os.Getenv("MUT_SEED"))
	r := rand.New(rand.NewSource(int64(seed)))
	base := appFrames()
	var fs []Frame
	for i := 0; i < 3000; i++ {
		f := base[r.Intn(len(base))]
		d := append([]byte(nil), f.Data...)
		if len(d) > 42 {
			for k := r.Intn(12); k >= 0; k-- {
				d[34+r.Intn(len(d)-34)] = byte(r.Intn(256))
			}
		}
		n := len(d)
		if r.Intn(3) == 0 {
			d = d[:r.Intn(len(d)+1)]
		}
		fs = append(fs, Frame{Data: d, Length: n})
	}
	fs = stamp(fs, Apps()[0].Time)
	w, _ := os.Create(out)
	defer w.Close()
	if err := WritePcap(w, fs); err != nil {
		t.Fatal(err)
	}
}
