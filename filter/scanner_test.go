package filter

import (
	"fmt"
	"strings"
	"testing"
)

// tokString renders tokens compactly: kind:text, NUM with its value,
// ID with its unescaped name, errors with their message.
func tokString(toks []token) string {
	var parts []string
	for _, t := range toks {
		switch t.kind {
		case tEOF:
			parts = append(parts, "EOF")
		case tError:
			parts = append(parts, "ERR("+t.msg+")")
		case tNUM:
			parts = append(parts, fmt.Sprintf("NUM(%d)", t.num))
		case tID:
			parts = append(parts, "ID("+t.str+")")
		case tHID:
			parts = append(parts, "HID("+t.text+")")
		case tHID6:
			parts = append(parts, "HID6("+t.text+")")
		case tEID:
			parts = append(parts, "EID("+t.text+")")
		case tAID:
			parts = append(parts, "AID("+t.text+")")
		case tPname:
			parts = append(parts, "P("+t.text+")")
		default:
			parts = append(parts, t.text)
		}
	}
	return strings.Join(parts, " ")
}

func TestScan(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "EOF"},
		{"  \t\r\n ", "EOF"},
		{"host a", "host ID(a) EOF"},
		// keywords win a tie with names; a longer name wins over a keyword
		{"hostx host- tcp", "ID(hostx) host - P(tcp) EOF"},
		{"ether fddi tr wlan ppp slip link", "P(ether) P(fddi) P(tr) P(wlan) P(ppp) P(slip) P(link) EOF"},
		{"ip6 ip6x es-is is-is icmp6", "P(ip6) ID(ip6x) P(es-is) P(is-is) P(icmp6) EOF"},
		{"and or not && || !", "and or not && || ! EOF"},
		{"len length", "len length EOF"},
		// named constants are numbers
		{"tcpflags tcp-syn tcp-synx icmp-echo icmp-echoreply icmp6-echo", "NUM(13) NUM(2) ID(tcp-synx) NUM(8) NUM(0) NUM(128) EOF"},
		{"icmptype icmp6type icmp6code tcp-cwr", "NUM(0) NUM(0) NUM(1) NUM(128) EOF"},
		// numbers
		{"0 10 0x1F 0X10 017", "NUM(0) NUM(10) NUM(31) NUM(16) NUM(15) EOF"},
		{"4294967295 0xffffffff 03777777777", "NUM(4294967295) NUM(4294967295) NUM(536870911) EOF"},
		// twelve digits are a MAC address (flex: the MAC rule comes first)
		{"037777777777", "EID(037777777777) EOF"},
		{"4294967296", "ERR(decimal number 4294967296 overflows 32 bits) EOF"},
		{"0x100000000", "ERR(hexadecimal number 0x100000000 overflows 32 bits) EOF"},
		{"0040000000000", "ERR(octal number 0040000000000 overflows 32 bits) EOF"},
		{"08", "ERR(number 08 contains non-octal digit) EOF"},
		{"0x 0xg", "ID(0x) ID(0xg) EOF"},
		// IPv4, full and partial; five parts is a name
		{"10 10.1 10.1.2 10.1.2.3 1.2.3.4.5", "NUM(10) HID(10.1) HID(10.1.2) HID(10.1.2.3) ID(1.2.3.4.5) EOF"},
		{"12.500 256.256.256.256", "HID(12.500) HID(256.256.256.256) EOF"},
		{"10.0.0.0/8", "HID(10.0.0.0) / NUM(8) EOF"},
		// MAC spellings
		{"aa:bb:cc:dd:ee:ff a:b:c:d:e:f", "EID(aa:bb:cc:dd:ee:ff) EID(a:b:c:d:e:f) EOF"},
		{"aa-bb-cc-dd-ee-ff aa.bb.cc.dd.ee.ff", "EID(aa-bb-cc-dd-ee-ff) EID(aa.bb.cc.dd.ee.ff) EOF"},
		{"aabb.ccdd.eeff aabbccddeeff 1.2.3.4.5.6", "EID(aabb.ccdd.eeff) EID(aabbccddeeff) EID(1.2.3.4.5.6) EOF"},
		{"123456789012 1234567890123", "EID(123456789012) ERR(decimal number 1234567890123 overflows 32 bits) EOF"},
		{"ab:cd:ef:0g:00:00", "ERR(invalid Ethernet address 'ab:cd:ef:0g:00:00') ID(0g) : NUM(0) : NUM(0) EOF"},
		// IPv6
		{"::", "HID6(::) EOF"},
		{"::1 fe80::1 1:2:3:4:5:6:7:8 1::", "HID6(::1) HID6(fe80::1) HID6(1:2:3:4:5:6:7:8) HID6(1::) EOF"},
		{"::ffff:1.2.3.4 1:2:3:4:5:6:1.2.3.4 64:ff9b::192.0.2.33", "HID6(::ffff:1.2.3.4) HID6(1:2:3:4:5:6:1.2.3.4) HID6(64:ff9b::192.0.2.33) EOF"},
		{"fe80::/64", "HID6(fe80::) / NUM(64) EOF"},
		{"fe80::256.20.30.40", "ERR(invalid IPv6 address fe80::256.20.30.40) EOF"},
		{"fe80:0:0:0:0:0:0:0:0", "HID6(fe80:0:0:0:0:0:0:0) : NUM(0) EOF"},
		{"1::2::3", "ERR(invalid Ethernet address '1::2::3') NUM(3) EOF"},
		// ARCnet
		{"$1 $12 $123", "AID($1) AID($12) AID($12) NUM(3) EOF"},
		{"$x", "ERR(can't parse filter expression: syntax error: unexpected character \"$\") ID(x) EOF"},
		// escapes
		{`\tcp \lldp \a]b`, "ID(tcp) ID(lldp) ID(a]b) EOF"},
		{`\ x`, "ERR(can't parse filter expression: syntax error: unexpected character \"\\\\\") ID(x) EOF"},
		// operators
		{"[]():+-*/%&|^<<>>=!=>=<=<>==", "[ ] ( ) : + - * / % & | ^ << >> = != >= <= < >= = EOF"},
		{"ip[0:2]", "P(ip) [ NUM(0) : NUM(2) ] EOF"},
		{"a_b _x @", "ID(a_b) ERR(can't parse filter expression: syntax error: unexpected character \"_\") ID(x) ERR(can't parse filter expression: syntax error: unexpected character \"@\") EOF"},
	}
	for _, tt := range tests {
		if got := tokString(scan(tt.in)); got != tt.want {
			t.Errorf("scan(%q)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

// TestScanPositions checks token offsets, which error columns rely on.
func TestScanPositions(t *testing.T) {
	toks := scan("  host\t10.0.0.1 and !tcp")
	want := []struct{ pos, end int }{{2, 6}, {7, 15}, {16, 19}, {20, 21}, {21, 24}, {24, 24}}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens, want %d: %s", len(toks), len(want), tokString(toks))
	}
	for i, w := range want {
		if toks[i].pos != w.pos || toks[i].end != w.end {
			t.Errorf("token %d %q: pos %d-%d, want %d-%d", i, toks[i].text, toks[i].pos, toks[i].end, w.pos, w.end)
		}
	}
}

// TestScanKeywords checks that every keyword spelling scans to a keyword
// token (and not a name) on its own.
func TestScanKeywords(t *testing.T) {
	for w, kw := range keywords {
		toks := scan(w)
		if len(toks) != 2 || toks[0].kind != kw.kind || toks[0].proto != kw.proto {
			t.Errorf("scan(%q) = %s", w, tokString(toks))
		}
	}
	for w, v := range namedConstants {
		toks := scan(w)
		if len(toks) != 2 || toks[0].kind != tNUM || toks[0].num != v {
			t.Errorf("scan(%q) = %s, want NUM(%d)", w, tokString(toks), v)
		}
	}
}
