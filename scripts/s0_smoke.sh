#!/usr/bin/env bash
# S0 smoke / baseline: 10 users, 2/s, 5 min, SSE hold 25 s. A gate: exits 1 when the verdict is FAIL.
#
# Environment (all optional):
#   S0_USERS (10)  S0_SPAWN_RATE (2)  DURATION (5m; e.g. 30s, 2m, 1h30m)  LOADTEST_SSE_HOLD_SECONDS (25)
#   CI_MODE=1 or CI=true: the CI thresholds (0 % errors, tighter p95s)
#   LOADTEST_BASE_URL: the target; unset = start the local reference server for this run
#   LOADTEST_USERS, LOADTEST_PASSWORD, LOADTEST_BYPASS_TOKEN, LOADTEST_FRONTEND_ORIGIN,
#   LOADTEST_CONVERSATIONS_FILE, LOADTEST_E2E_TIMEOUT_SECONDS: read by the plan (see plans/)
#   JMETER_HOME: use this JMeter (our plugin is installed into it); JVM_ARGS: JMeter JVM options
# Exit: 0 PASS, 1 FAIL (thresholds), 2 the run broke.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

users="${S0_USERS:-10}"
spawn="${S0_SPAWN_RATE:-${SPAWN_RATE:-2}}"
duration="$(lt_parse_duration "${DURATION:-5m}")" || exit 2
hold="${LOADTEST_SSE_HOLD_SECONDS:-25}"
lt_require_int S0_USERS "$users"; lt_require_int DURATION "$duration"; lt_require_int LOADTEST_SSE_HOLD_SECONDS "$hold"
[[ "$spawn" =~ ^[0-9]+([.][0-9]+)?$ ]] || lt_die "S0_SPAWN_RATE must be a number, was '$spawn'"
if [[ "${CI:-}" == true || "${CI_MODE:-}" == 1 ]]; then
  LT_CI_FLAG=(--ci-mode)
fi

lt_setup s0_smoke
rc=0
lt_run_step s0_smoke.jmx "$LT_RUN_DIR" "$users" "$spawn" "$duration" "$hold" || rc=$?
case $rc in
  0) lt_banner "S0 smoke: PASS${LT_CI_FLAG:+ (CI thresholds)} — $LT_RUN_DIR" ;;
  1) lt_banner "S0 smoke: FAIL${LT_CI_FLAG:+ (CI thresholds)} — investigate before proceeding ($LT_RUN_DIR)" ;;
  *) lt_banner "S0 smoke: the run broke — no verdict ($LT_RUN_DIR)" ;;
esac
exit "$rc"
