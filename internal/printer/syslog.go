package printer

var syslogFacilities = []string{"kernel", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
	"uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "cron",
	"local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"}

var syslogSeverities = []string{"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"}

// syslog prints the syslog summary line (without -v).
func (d *dissector) syslog(data []byte, length int) {
	b := d.b
	if len(data) < 1 || data[0] != '<' {
		b.str("[|syslog]")
		return
	}
	pri, i := 0, 1
	for ; i < len(data) && i <= 3 && data[i] >= '0' && data[i] <= '9'; i++ {
		pri = pri*10 + int(data[i]-'0')
	}
	if i >= len(data) || data[i] != '>' {
		b.str("[|syslog]")
		return
	}
	fac := (pri & 0x3f8) >> 3
	f := "unknown (" + itoa(fac) + ")"
	if fac < len(syslogFacilities) {
		f = syslogFacilities[fac]
	}
	if d.p.opts.Verbose == 0 {
		b.printf("SYSLOG %s.%s, length: %d", f, syslogSeverities[pri&7], length)
		return
	}
	b.printf("SYSLOG, length: %d\n\tFacility %s (%d), Severity %s (%d)\n\tMsg: ", length, f, fac, syslogSeverities[pri&7], pri&7)
	for i++; i < length; i++ {
		if i >= len(data) {
			d.truncJmp("syslog")
			return
		}
		printn(b, data[i:i+1])
	}
	if d.p.opts.Verbose > 1 {
		unknownData(b, data, "\n\t", length)
	}
}
