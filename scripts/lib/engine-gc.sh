# shellcheck shell=bash
# The collector settings of an engine JVM (sourced by the scripts and the benches).
# engine_gc_flags <java> [jvm args]: prints, one per line, the G1 settings the README recommends for that Java,
# or nothing when the JVM args already choose a collector or G1 settings of their own (any "-XX:...GC..." or
# "-XX:...G1..." option) or when the Java has no such settings.
#
# Why: G1 refines a card (512 heap bytes) concurrently each time a store into an old object dirties it. An
# engine stores into each of its thousands of long-lived streams at every event (parser, queue, Netty's
# decoder), so on Java 17 the refinement threads took ~16 % of the engine's CPU (perf, bench/README.md).
# With the zones raised, cards wait for the next young pause and each is refined once per collection.
# Java 20 reworked refinement (these flags are deprecated there and do nothing): none is added from 20 on.
engine_gc_flags() {
  local java_bin="$1" jvm_args="${2:-}" version
  [[ "$jvm_args" =~ -XX:[^[:space:]]*(GC|G1) ]] && return 0
  version="$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
  case "$version" in
    17 | 18 | 19)
      printf '%s\n' -XX:+UseG1GC -XX:-G1UseAdaptiveConcRefinement -XX:G1ConcRefinementGreenZone=4096 \
        -XX:G1ConcRefinementYellowZone=8192 -XX:G1ConcRefinementRedZone=16384 ;;
  esac
}
