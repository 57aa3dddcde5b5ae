#!/usr/bin/env bash
# S3 Redis burst: 250 users at 25/s, SSE hold 5 s, 5 min. A gate: exits 1 when the verdict is FAIL.
# "All messages delivered (no e2e_full_latency > 5 s)": unless LOADTEST_E2E_TIMEOUT_SECONDS is set, a
# message not delivered within 5 s counts as lost (a failed e2e_fanout_complete sample).
#
# Environment (all optional):
#   S3_USERS (250)  SPAWN_RATE (25)  DURATION (5m)  LOADTEST_SSE_HOLD_SECONDS (5)  LOADTEST_E2E_TIMEOUT_SECONDS (5)
#   CI_MODE=1 or CI=true: the CI thresholds
#   LOADTEST_BASE_URL (unset = local reference server) and the other LOADTEST_* variables, JMETER_HOME,
#   JVM_ARGS: as in s0_smoke.sh
# Exit: 0 PASS, 1 FAIL (thresholds), 2 the run broke.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

users="${S3_USERS:-250}"
spawn="${SPAWN_RATE:-25}"
duration="$(lt_parse_duration "${DURATION:-5m}")" || exit 2
hold="${LOADTEST_SSE_HOLD_SECONDS:-5}"
export LOADTEST_E2E_TIMEOUT_SECONDS="${LOADTEST_E2E_TIMEOUT_SECONDS:-5}"
lt_require_int S3_USERS "$users"; lt_require_int DURATION "$duration"; lt_require_int LOADTEST_SSE_HOLD_SECONDS "$hold"
if [[ "${CI:-}" == true || "${CI_MODE:-}" == 1 ]]; then
  LT_CI_FLAG=(--ci-mode)
fi

lt_setup s3_burst
lt_warn "S3 creates a high fan-out load: watch the server's Redis CPU (< 80 %) while it runs"
rc=0
lt_run_step s3_burst.jmx "$LT_RUN_DIR" "$users" "$spawn" "$duration" "$hold" || rc=$?
case $rc in
  0) lt_banner "S3 burst: PASS — $LT_RUN_DIR" ;;
  1) lt_banner "S3 burst: FAIL — review delivery loss / stream errors and Redis metrics ($LT_RUN_DIR)" ;;
  *) lt_banner "S3 burst: the run broke — no verdict ($LT_RUN_DIR)" ;;
esac
exit "$rc"
