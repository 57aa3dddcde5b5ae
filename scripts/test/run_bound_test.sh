#!/usr/bin/env bash
# Shell test of the run bound (no bats): a fake "JMeter" that never ends and ignores TERM must be stopped by
# lt_watch past its bound, with a thread dump file, a FAIL verdict naming the bound and the live threads.
# Run: scripts/test/run_bound_test.sh   (about 15 s; exit 0 = pass)
set -euo pipefail
command -v python3 >/dev/null || { echo "SKIP: the fake JMeter needs python3"; exit 0; }
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

work="$(mktemp -d)"
trap 'kill -9 "$fake" 2>/dev/null || true; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# stands in for JMeter: prints its UDP port line, then a thread dump on SIGQUIT, ignores TERM
out="$work/jmeter.out"
# (python: a background bash job cannot trap SIGQUIT, ignored for it at start)
python3 -u -c '
import signal, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)
def dump(*_):
    print("\"users 1-3\" #31 prio=5\n\"delivery ledger collector 2-1\" #40 prio=5\n\"main\" #1", flush=True)
signal.signal(signal.SIGQUIT, dump)
# a JVM parent (the Maven run) blocks SIGQUIT and the mask is inherited: unblock it, as a JVM would
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGQUIT, signal.SIGTERM])
print("Waiting for possible Shutdown/StopTestNow/HeapDump/ThreadDump message on port 4459", flush=True)
while True:
    time.sleep(0.2)
' >"$out" 2>&1 &
fake=$!
LT_JMETER_PID=$fake
export LT_THREAD_STOP_WAIT_S=1
started=$SECONDS
rc=0
# jcmd/jstack cannot dump a non-JVM: the SIGQUIT fallback is what is exercised here
lt_watch "$work/none.jtl" 1 "fake" 3 "$work" "$out" 2>"$work/err" || rc=$?
took=$((SECONDS - started))

((rc == 3)) || fail "lt_watch returned $rc, expected 3 (overdue)"
! lt_pid_alive "$fake" || fail "the fake JMeter (pid $fake) is still alive"
((took < 120)) || fail "ending the overdue run took ${took}s"
[[ -s "$work/thread-dump.txt" ]] || fail "no thread-dump.txt"
[[ "$LT_OVERTIME_MESSAGE" == *"did not end on time"* ]] || fail "message: $LT_OVERTIME_MESSAGE"
[[ "$LT_OVERTIME_MESSAGE" == *"3 s after its start"* ]] || fail "bound missing: $LT_OVERTIME_MESSAGE"
[[ "$LT_OVERTIME_MESSAGE" == *"delivery ledger collector 2-1"* && "$LT_OVERTIME_MESSAGE" == *"users 1-3"* ]] ||
  fail "threads missing: $LT_OVERTIME_MESSAGE"
lt_overdue_verdict "$work" 2>/dev/null
grep -q '^VERDICT: FAIL - the run did not end on time' "$work/summary.txt" || fail "no FAIL line in summary.txt"
[[ "$(lt_jmeter_udp_port "$out")" == 4459 ]] || fail "UDP port not read from jmeter.out"
[[ "$(LOADTEST_E2E_TIMEOUT_SECONDS=5 LOADTEST_END_MARGIN_S=60 lt_run_bound 300 5)" == 373 ]] || fail "bound arithmetic"
echo "PASS: overdue fake JMeter ended after ${took}s; $LT_OVERTIME_MESSAGE"
