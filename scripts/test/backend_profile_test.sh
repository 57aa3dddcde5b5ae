#!/usr/bin/env bash
# Shell test of the backend profiles (no JMeter needed): LOADTEST_BACKEND picks config/backends/<name>.properties,
# an unknown name stops with exit 2 naming the known ones, and an environment variable named like a profile key
# is passed as -J so it wins over the profile. Run: scripts/test/backend_profile_test.sh (exit 0 = pass)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
fail() { echo "FAIL: $*" >&2; exit 1; }

LOADTEST_BACKEND=generic-sse lt_select_backend >/dev/null
[[ "$LT_BACKEND_FILE" == */config/backends/generic-sse.properties ]] || fail "file: $LT_BACKEND_FILE"
[[ "$(lt_backend_value LOADTEST_TTFE)" == off ]] || fail "LOADTEST_TTFE in the profile"
[[ "$(lt_backend_value REFERENCE_SERVER_ARGS)" == --generic-sse ]] || fail "REFERENCE_SERVER_ARGS"

mapfile -d '' overrides < <(LOADTEST_TTFE=on lt_backend_env_overrides)
[[ " ${overrides[*]} " == *" -JLOADTEST_TTFE=on "* ]] || fail "env override missing: ${overrides[*]}"
mapfile -d '' overrides < <(lt_backend_env_overrides)
[[ ${#overrides[@]} -eq 0 ]] || fail "overrides without env: ${overrides[*]}"
mapfile -d '' overrides < <(LOADTEST_LISTENING_RULE="first event" lt_backend_env_overrides)
[[ "${overrides[0]}" == "-JLOADTEST_LISTENING_RULE=first event" ]] || fail "a value with a space: ${overrides[*]}"

rc=0; out="$( (LOADTEST_BACKEND=nope lt_select_backend) 2>&1)" || rc=$?
((rc == 2)) || fail "unknown profile exit $rc"
[[ "$out" == *"known: generic-sse,instainstru"* ]] || fail "message: $out"
echo "PASS: backend profiles"
