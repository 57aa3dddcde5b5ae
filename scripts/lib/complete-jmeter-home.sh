#!/usr/bin/env bash
# Completes JMeter homes the build assembled (jmeter-maven-plugin lays out lib/ and bin/*.properties from
# Maven artifacts, which hold no launch scripts): copies plans/jmeter-home/bin/* into bin/ of each home, so
# bin/jmeter, jmeter-server, stoptest.sh, shutdown.sh and create-rmi-keystore.sh work as JMeter's manual says.
# Usage: complete-jmeter-home.sh <JMeter home or a folder holding homes, e.g. plans/target>
set -euo pipefail
src="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../plans/jmeter-home/bin" && pwd)"
root="${1:?usage: complete-jmeter-home.sh <JMeter home or plans/target>}"
found=0
while IFS= read -r jar; do
  bin="$(dirname "$jar")"
  for f in "$src"/*; do
    install -m 0755 "$f" "$bin/$(basename "$f")"
  done
  found=1
done < <(find "$root" -maxdepth 4 -path '*/bin/ApacheJMeter*.jar' 2>/dev/null)
((found)) || { echo "complete-jmeter-home.sh: no JMeter home (bin/ApacheJMeter*.jar) under $root" >&2; exit 1; }
