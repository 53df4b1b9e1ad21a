package filter_test

import (
	"errors"
	"fmt"

	"github.com/gocap/gocap/bpf/cbpf"
	"github.com/gocap/gocap/filter"
	"github.com/gocap/gocap/linktype"
)

// Compile an expression for Ethernet and print it as tcpdump -d does.
func ExampleCompile() {
	prog, err := filter.Compile("tcp dst port 443", filter.Options{LinkType: linktype.Ethernet})
	if err != nil {
		panic(err)
	}
	fmt.Print(cbpf.Dump(prog.Raw))
	// Output:
	// (000) ldh      [12]
	// (001) jeq      #0x86dd          jt 2	jf 6
	// (002) ldb      [20]
	// (003) jeq      #0x6             jt 4	jf 15
	// (004) ldh      [56]
	// (005) jeq      #0x1bb           jt 14	jf 15
	// (006) jeq      #0x800           jt 7	jf 15
	// (007) ldb      [23]
	// (008) jeq      #0x6             jt 9	jf 15
	// (009) ldh      [20]
	// (010) jset     #0x1fff          jt 15	jf 11
	// (011) ldxb     4*([14]&0xf)
	// (012) ldh      [x + 16]
	// (013) jeq      #0x1bb           jt 14	jf 15
	// (014) ret      #262144
	// (015) ret      #0
}

// Errors in the expression are *filter.Error values, with the place.
func ExampleError() {
	_, err := filter.Compile("tcp port 99999", filter.Options{LinkType: linktype.Ethernet})
	var fe *filter.Error
	if errors.As(err, &fe) {
		fmt.Println(fe.Pos, fe)
	}
	// Output:
	// 9 column 10: port number 99999 greater than maximum 65535
}
