#!/usr/bin/env bash
# Installs our plugin jar into a JMeter installation: copies the shaded jar into <JMETER_HOME>/lib/ext,
# removing older versions of it first. Usage: scripts/install-plugin.sh [JMETER_HOME] (default $JMETER_HOME).
# The jar is plugin/target/jmeter-sse-plugin-<version>.jar (build: ./mvnw -B -q install -DskipTests),
# or PLUGIN_JAR=/path/to/jar.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
home="${1:-${JMETER_HOME:-}}"
[[ -n "$home" ]] || { echo "usage: $0 <JMETER_HOME>   (or set JMETER_HOME)" >&2; exit 2; }
[[ -d "$home/lib/ext" ]] || { echo "$home has no lib/ext: not a JMeter installation" >&2; exit 2; }
# shellcheck source=lib/plugin-jar.sh
source "$root/scripts/lib/plugin-jar.sh"
jar="$(plugin_jar "$root")" || {
  echo "no plugin jar in $root/plugin/target: build it with ./mvnw -B -q install -DskipTests" >&2; exit 2; }
for old in "$home"/lib/ext/jmeter-sse-plugin-*.jar; do
  [[ -e "$old" ]] || continue
  [[ "$(basename "$old")" == "$(basename "$jar")" ]] && continue
  rm -f -- "$old"
  echo "removed $old"
done
cp -f -- "$jar" "$home/lib/ext/"
echo "installed $(basename "$jar") into $home/lib/ext"
