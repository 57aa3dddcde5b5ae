#!/usr/bin/env bash
# Asks a running non-GUI JMeter to shut down gracefully (like Apache JMeter's bin/shutdown.sh): threads end
# after their current sample. Optional argument: the UDP port JMeter printed at start (default 4445).
set -euo pipefail
bin="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
java="java"
[[ -n "${JAVA_HOME:-}" ]] && java="$JAVA_HOME/bin/java"
exec "$java" -cp "$(ls "$bin"/ApacheJMeter*.jar | head -1)" org.apache.jmeter.util.ShutdownClient Shutdown "$@"
