#!/bin/bash
# paced.sh: one paced trial of a capture tool, outside capbench's sweep, to
# see what ends a zero-loss sweep (BENCHMARKS.md, "What ends the zero-loss
# sweeps"). The tool runs in namespace pcb-cap on a veth whose peer in
# pcb-gen gets RATE frames/s from capbench's generator; the tool is in a
# cgroup (v1 cpu,cpuacct, 10 ms period, as capbench's sweep) limited to
# LIMIT of a core (0: no limit). Prints the tool's CPU per frame (cpuacct),
# the periods it was throttled, and its exit summary.
#
#   sudo bench/paced.sh RATE FRAMES LIMIT TOOL ARGS...
#   sudo MIX=default bench/paced.sh 420000 840000 0.1 ./gocap --pcap -i pcb0 -w /tmp/pcb/out.pcap 'udp or tcp or vlan'
#   sudo bench/paced.sh clean
#
# CAPBENCH (default ./capbench) is the capbench binary; the tool writes
# where its arguments say (the example: a tmpfs at /tmp/pcb, which the
# script mounts). Addresses: 10.199.62.0/24 only.
set -u
cg=/sys/fs/cgroup/cpu/gocap-paced
ca=/sys/fs/cgroup/cpuacct/gocap-paced
if [ "${1:-}" = clean ]; then
	ip netns del pcb-gen 2>/dev/null; ip netns del pcb-cap 2>/dev/null
	rmdir $cg $ca 2>/dev/null
	mountpoint -q /tmp/pcb && umount /tmp/pcb
	exit 0
fi
[ $# -ge 4 ] || { sed -n '2,17p' "$0"; exit 2; }
rate=$1 frames=$2 limit=$3
shift 3
if ! ip -n pcb-cap link show pcb0 >/dev/null 2>&1; then
	ip netns add pcb-gen && ip netns add pcb-cap || exit 1
	ip link add pcbg0 netns pcb-gen type veth peer name pcb0 netns pcb-cap
	ip -n pcb-gen addr add 10.199.62.1/24 dev pcbg0
	ip -n pcb-cap addr add 10.199.62.2/24 dev pcb0
	for ns in pcb-gen pcb-cap; do ip -n $ns link set lo up; done
	ip -n pcb-gen link set pcbg0 up; ip -n pcb-cap link set pcb0 up
fi
mkdir -p /tmp/pcb && { mountpoint -q /tmp/pcb || mount -t tmpfs -o size=3g tmpfs /tmp/pcb; }
mkdir -p $cg $ca
echo 10000 >$cg/cpu.cfs_period_us
if [ "$limit" = 0 ]; then echo -1 >$cg/cpu.cfs_quota_us; else awk -v l="$limit" 'BEGIN{printf "%d\n", l*10000}' >$cg/cpu.cfs_quota_us; fi
err=$(mktemp)
(echo $BASHPID >$cg/cgroup.procs; echo $BASHPID >$ca/cgroup.procs; exec ip netns exec pcb-cap "$@") 2>"$err" &
tool=$!
sleep 1.5
u0=$(cat $ca/cpuacct.usage); t0=$(awk '/nr_throttled/{print $2}' $cg/cpu.stat)
ip netns exec pcb-gen "${CAPBENCH:-./capbench}" gen -i pcbg0 -dst 02:00:00:00:00:99 -n "$frames" -rate "$rate" -senders 2 -mix "${MIX:-default}" -flows "${FLOWS:-16}" >/dev/null
sleep 2.5
u1=$(cat $ca/cpuacct.usage); t1=$(awk '/nr_throttled/{print $2}' $cg/cpu.stat)
kill -INT $tool; wait $tool
echo "rate=$rate frames=$frames limit=$limit: $(( (u1-u0)/frames )) ns CPU per frame, throttled $((t1-t0)) periods; $(grep -E 'captured|dropped' "$err" | tr '\n' ' ')"
rm -f "$err"
