#!/usr/bin/env bash
# S1 SSE connection capacity sweep: one step per user count (default 50 100 200 300 400), 20 users/s,
# 5 min each, 30 s cooldown between steps, SSE hold 25 s. Ends with the S1 chart (p95 and errors vs users,
# first step over a threshold, safe ceiling = users x 0.8). Exit: 0 every step PASSed, 1 a step FAILed its
# thresholds (the knee is still reported), 2 a run broke.
#
# Environment (all optional):
#   USER_COUNTS ("50 100 200 300 400")  SPAWN_RATE (20)  DURATION per step (5m)  COOLDOWN (30s)
#   LOADTEST_SSE_HOLD_SECONDS (25), LOADTEST_BASE_URL (unset = local reference server) and the other
#   LOADTEST_* variables, JMETER_HOME, JVM_ARGS: as in s0_smoke.sh
# Output: results/s1_capacity_<ts>/<N>_users/ per step, chart.html + SVGs at the top.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

read -r -a counts <<<"${USER_COUNTS-50 100 200 300 400}"
((${#counts[@]} > 0)) || lt_die "USER_COUNTS is empty"
for n in "${counts[@]}"; do lt_require_int "USER_COUNTS entry" "$n"; done
spawn="${SPAWN_RATE:-20}"
duration="$(lt_parse_duration "${DURATION:-5m}")" || exit 2
cooldown="$(lt_parse_duration "${COOLDOWN:-30s}")" || exit 2
hold="${LOADTEST_SSE_HOLD_SECONDS:-25}"
lt_require_int DURATION "$duration"; lt_require_int LOADTEST_SSE_HOLD_SECONDS "$hold"

lt_setup s1_capacity
broke=0
failed=0
results=()
for i in "${!counts[@]}"; do
  n="${counts[$i]}"
  ((i == 0)) || lt_cooldown "$cooldown" "before ${n} users"
  rc=0
  lt_run_step s1_capacity.jmx "$LT_RUN_DIR/${n}_users" "$n" "$spawn" "$duration" "$hold" || rc=$?
  case $rc in 0) results+=("${n} users: PASS") ;; 1) results+=("${n} users: FAIL"); failed=1 ;; *) results+=("${n} users: BROKE"); broke=1 ;; esac
done

lt_banner "S1 capacity sweep — $LT_RUN_DIR"
printf '  %s\n' "${results[@]}"
(cd "$LT_ROOT" && lt_results chart s1 "$LT_RUN_DIR" --thresholds "$LT_ROOT/config/thresholds.json") || broke=1
lt_log "chart: $LT_RUN_DIR/chart.html"
exit $((broke ? 2 : failed ? 1 : 0))
