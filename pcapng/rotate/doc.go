// Package rotate splits a capture into several files as tcpdump's -C, -G
// and -W do.
//
//   - -C size: before writing a packet, if the current file is larger than
//     size bytes, close it and open the next. Files after the first are
//     named with a number after the -w name (name1, name2, ...); with -W
//     the numbers are zero-padded to the width of W-1 and start at 0 for
//     the first file too (name0 ... nameW-1), and the W+1th file overwrites
//     name0. ParseFileSize reads -C's argument as tcpdump does (millions of
//     bytes, or a k/m/g suffix for powers of 1024).
//   - -G seconds: before writing a packet, if at least that many seconds
//     passed since the current file was opened, open the next one, named by
//     passing the -w name through strftime(3) (Strftime) at the time of the
//     rotation. With -W the capture stops after W files (ErrFileLimit).
//     With -C too, the counter restarts at 0 on every -G rotation.
//
// Unlike tcpdump's files, every file gocap closes is complete on its own:
// each starts with a section header and re-declares all interfaces (with
// the same ids), and each ends with the Interface Statistics Blocks of the
// counters known at that moment (cumulative since the capture began, as
// isb_ifrecv and friends are defined): Options.Stats supplies them at each
// rotation, else the last WriteStatistics values are used.
package rotate
