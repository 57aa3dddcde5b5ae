#!/usr/bin/env bash
# bound-seconds: 660
# Two local engines on loopback against one reference server that drops 10 % of the deliveries:
# scripts/distributed.sh s3_burst 2, shortened. The merged report must name lost deliveries of one engine's
# messages on the other engine's streams (losses no single engine's ledger can see), the verdict must be FAIL,
# the engines' RMI ports must listen on loopback only, and no engine may be left running. Then the same with plain
# RMI (LOADTEST_RMI_SSL=off, the RMI agent binding the ports), a shorter S3 without the drop: the engines must run
# the plan and the verdict must rest on measured all-engine deliveries.
# Run: scripts/test/distributed_test.sh (exit 0 = pass)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
fail() { echo "FAIL: distributed: $*" >&2; exit 1; }

# Inside the Maven build the plans module has assembled JMeter already: use it (a -J/-G beats its user.properties).
home="$(ls -dt "$root"/plans/target/*/jmeter 2>/dev/null | head -1 || true)"
[[ -n "$home" && -f "$home/bin/jmeter.properties" ]] && export JMETER_HOME="$home"
export LT_SKIP_BUILD=1 DURATION=40s S3_USERS=16 SPAWN_RATE=8 CI_MODE=1
export REFERENCE_SERVER_ARGS="--drop-fraction 0.1 --random-seed 11"
unset LOADTEST_BASE_URL LOADTEST_ENGINES

out="$(mktemp)"
listeners="$(mktemp)"
trap 'rm -f "$out" "$listeners"' EXIT

# run_watched SECONDS ARGS...: scripts/distributed.sh ARGS (output in $out, exit code in $rc, results folder in
# $dir); while it runs, every port the engines listen on goes to $listeners.
run_watched() {
  local bound=$1; shift
  : >"$listeners"
  timeout "$bound" "$root/scripts/distributed.sh" "$@" >"$out" 2>&1 &
  local run=$!
  while kill -0 "$run" 2>/dev/null; do
    if command -v ss >/dev/null; then
      for pid in $(pgrep -f -- '-s -Jserver_port=' || true); do
        ss -ltnpH 2>/dev/null | grep "pid=$pid," >>"$listeners" || true
      done
    fi
    sleep 2
  done
  rc=0; wait "$run" || rc=$?
  dir="$(sed -n 's/^\[[0-9:]*\] results: //p' "$out" | head -1)"
  [[ -n "$dir" && -d "$dir" ]] || { cat "$out" >&2; fail "no results folder in the output"; }
}

# engines_on_loopback_and_stopped WHAT: the engines listened on loopback only and none is left running.
engines_on_loopback_and_stopped() {
  # ss prints the local address in column 4: 127.0.0.1:P, or [::ffff:127.0.0.1]:P for an IPv4 socket on a dual stack
  local beyond leftover
  beyond="$(awk '$4 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]|\[::1\]):[0-9]+$/' "$listeners" | sort -u)"
  [[ -z "$beyond" ]] || fail "$1: an engine listened beyond loopback: $(head -3 <<<"$beyond")"
  leftover="$(pgrep -f -- "-j $dir/engine-" || true)"
  [[ -z "$leftover" ]] || fail "$1: engines still running after the script ended: $leftover"
}

run_watched 420 s3_burst 2
((rc == 1)) || { tail -40 "$out" >&2; fail "exit $rc, expected 1 (FAIL: deliveries were dropped)"; }

summary="$dir/summary.txt"
grep -q "Delivery over every engine (2 engines" "$summary" || fail "no all-engine delivery in $summary"
elsewhere="$(sed -n 's/^  \([0-9][0-9]*\) of the lost deliveries were on streams of an engine other than.*/\1/p' "$summary")"
[[ -n "$elsewhere" && "$elsewhere" -ge 1 ]] || fail "no loss found on another engine's streams (${elsewhere:-none}): $(sed -n '/Delivery over/,/^$/p' "$summary")"
# a named example: a message of engine A lost on a stream of engine B, B not A
awk '/^    message e2e\.[a-z0-9]+\./ && / on engine [a-z0-9]+ / {
       a = $0; sub(/^.*\(engine /, "", a); sub(/\).*$/, "", a)
       b = $0; sub(/^.* on engine /, "", b); sub(/ .*$/, "", b)
       if (a != b) found = 1
     } END { exit !found }' "$summary" ||
  fail "no lost delivery named with its stream and another engine: $(sed -n '/Lost deliveries/,/^$/p' "$summary")"
grep -Eq '^SSE,e2e_fanout_complete_all_engines,[0-9]+,[1-9][0-9]*,' "$dir/results_stats.csv" || fail "results_stats.csv: no failed all-engine fan-out"
grep -q "Verdict: FAIL" "$summary" || fail "verdict is not FAIL"
[[ -f "$dir/dashboard/index.html" ]] || fail "no dashboard"
[[ -f "$dir/engine-1.log" && -f "$dir/engine-2.log" ]] || fail "no engine logs"

engines_on_loopback_and_stopped "RMI over SSL"
dropped=$elsewhere

# Plain RMI: the engines load the RMI agent jar (not the plugin jar: as an agent it breaks JMeter's classes).
unset REFERENCE_SERVER_ARGS
LOADTEST_RMI_SSL=off DURATION=20s run_watched 200 s3_burst 2
((rc == 0 || rc == 1)) || { tail -40 "$out" >&2; fail "plain RMI: exit $rc, expected a verdict (0 or 1)"; }
grep -q "Verdict: " "$dir/summary.txt" || fail "plain RMI: no verdict in $dir/summary.txt"
grep -Eq '^SSE,e2e_fanout_complete_all_engines,[1-9][0-9]*,' "$dir/results_stats.csv" ||
  fail "plain RMI: no all-engine fan-out measured"
engines_on_loopback_and_stopped "plain RMI"
echo "PASS: distributed s3_burst over 2 engines: $dropped lost deliveries found on another engine's streams; s3_burst over plain RMI measured its deliveries; RMI on loopback; engines stopped"
