#!/usr/bin/env bash
# S4 soak: 150 users at 5/s for 1 h (S4_DURATION), SSE hold 25 s. Writes a full per-label history
# (percentiles per 10 s window) and the JMeter JVM's heap (generator_heap.csv), then the S4 chart with
# the drift rule. Exploratory: exits 0 unless the run broke.
#
# Environment (all optional):
#   S4_USERS (150)  S4_DURATION (1h; e.g. 4h)  DURATION (overrides S4_DURATION, for quick runs)
#   SPAWN_RATE (5)  LOADTEST_SSE_HOLD_SECONDS (25)
#   LOADTEST_BASE_URL (unset = local reference server) and the other LOADTEST_* variables, JMETER_HOME,
#   JVM_ARGS: as in s0_smoke.sh
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

users="${S4_USERS:-150}"
spawn="${SPAWN_RATE:-5}"
duration="$(lt_parse_duration "${DURATION:-${S4_DURATION:-1h}}")" || exit 2
hold="${LOADTEST_SSE_HOLD_SECONDS:-25}"
lt_require_int S4_USERS "$users"; lt_require_int DURATION "$duration"; lt_require_int LOADTEST_SSE_HOLD_SECONDS "$hold"

lt_setup s4_soak
LT_HEAP_CSV="$LT_RUN_DIR/generator_heap.csv"
echo "timestamp_epoch_s,heap_used_bytes" >"$LT_HEAP_CSV"
command -v jstat >/dev/null || lt_warn "jstat not found (JRE only?): no generator heap series"
rc=0
lt_run_step s4_soak.jmx "$LT_RUN_DIR" "$users" "$spawn" "$duration" "$hold" --full-history || rc=$?
((rc == 2)) && { lt_banner "S4 soak: the run broke — $LT_RUN_DIR"; exit 2; }
lt_banner "S4 soak: $( ((rc == 0)) && echo 'thresholds PASS' || echo 'thresholds FAIL') — trends below ($LT_RUN_DIR)"
(cd "$LT_ROOT" && lt_results chart s4 "$LT_RUN_DIR") || exit 2
lt_log "chart: $LT_RUN_DIR/chart.html"
exit 0
