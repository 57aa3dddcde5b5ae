#!/usr/bin/env bash
# S2 throughput vs latency: 100 users at 10/s, one 5 min step per SSE hold time (default 30 20 15 10 5 s;
# shorter holds = more messages per minute), 30 s cooldown between steps. Ends with the S2 chart
# (e2e_full_latency p95 vs messages/min/user, with the elbow). Exploratory: exits 0 unless a run broke.
#
# Environment (all optional):
#   SSE_HOLD_TIMES ("30 20 15 10 5")  S2_USERS (100)  SPAWN_RATE (10)  DURATION per step (5m)  COOLDOWN (30s)
#   LOADTEST_BASE_URL (unset = local reference server) and the other LOADTEST_* variables, JMETER_HOME,
#   JVM_ARGS: as in s0_smoke.sh
# Output: results/s2_throughput_<ts>/hold_<N>s/ per step, chart.html + SVGs at the top.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

read -r -a holds <<<"${SSE_HOLD_TIMES-30 20 15 10 5}"
((${#holds[@]} > 0)) || lt_die "SSE_HOLD_TIMES is empty"
for h in "${holds[@]}"; do lt_require_int "SSE_HOLD_TIMES entry" "$h"; done
users="${S2_USERS:-100}"
spawn="${SPAWN_RATE:-10}"
duration="$(lt_parse_duration "${DURATION:-5m}")" || exit 2
cooldown="$(lt_parse_duration "${COOLDOWN:-30s}")" || exit 2
lt_require_int S2_USERS "$users"; lt_require_int DURATION "$duration"

lt_setup s2_throughput
broke=0
results=()
for i in "${!holds[@]}"; do
  h="${holds[$i]}"
  ((i == 0)) || lt_cooldown "$cooldown" "before hold ${h}s"
  rc=0
  lt_run_step s2_throughput.jmx "$LT_RUN_DIR/hold_${h}s" "$users" "$spawn" "$duration" "$h" || rc=$?
  case $rc in 0) results+=("hold ${h}s: PASS") ;; 1) results+=("hold ${h}s: FAIL") ;; *) results+=("hold ${h}s: BROKE"); broke=1 ;; esac
done

lt_banner "S2 throughput sweep — $LT_RUN_DIR"
printf '  %s\n' "${results[@]}"
(cd "$LT_ROOT" && lt_results chart s2 "$LT_RUN_DIR") || broke=1
lt_log "chart: $LT_RUN_DIR/chart.html"
exit $((broke ? 2 : 0))
