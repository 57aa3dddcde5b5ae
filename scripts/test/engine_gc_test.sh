#!/usr/bin/env bash
# Shell test of the engines' collector settings (scripts/lib/engine-gc.sh): the recommended flags on Java 17-19
# start a JVM that runs G1 with the zones raised; JVM args that choose their own collector get nothing added;
# a Java 20+ gets nothing (it would reject or ignore the flags).
# Run: scripts/test/engine_gc_test.sh   (a few seconds; exit 0 = pass)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib/engine-gc.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/engine-gc.sh"
fail() { echo "FAIL: $*" >&2; exit 1; }

java_bin="${JMETER_JAVA:-java}"
version="$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
mapfile -t flags < <(engine_gc_flags "$java_bin" "-Xmx512m")
case "$version" in
  17 | 18 | 19)
    ((${#flags[@]} == 5)) || fail "Java $version: expected the 5 G1 flags, got: ${flags[*]}"
    # the JVM must accept them and run with them (a typo would stop every engine)
    final="$("$java_bin" "${flags[@]}" -XX:+PrintFlagsFinal -version 2>&1)" || fail "Java $version refused: ${flags[*]}"
    grep -Eq 'bool UseG1GC +=  *true' <<<"$final" || fail "G1 not in use with ${flags[*]}"
    grep -Eq 'G1ConcRefinementGreenZone += 4096 ' <<<"$final" || fail "the green zone was not raised"
    grep -Eq 'G1UseAdaptiveConcRefinement += false' <<<"$final" || fail "adaptive refinement still on"
    ;;
  *)
    ((${#flags[@]} == 0)) || fail "Java $version: expected no flags, got: ${flags[*]}"
    ;;
esac

for own in "-XX:+UseParallelGC" "-Xmx2g -XX:+UseZGC" "-XX:MaxGCPauseMillis=50" "-XX:G1ConcRefinementThreads=1"; do
  [[ -z "$(engine_gc_flags "$java_bin" "$own")" ]] || fail "JVM args '$own' chose their own GC settings, yet flags were added"
done
[[ -n "$(engine_gc_flags "$java_bin" "-Xlog:gc -Xmx1g")" || ! "$version" =~ ^1[789]$ ]] ||
  fail "-Xlog:gc is not a collector choice: the flags must still be added"
echo "PASS: engine GC flags (Java $version: ${flags[*]:-none})"
