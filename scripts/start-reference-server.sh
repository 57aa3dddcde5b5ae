#!/usr/bin/env bash
# Starts the reference messaging server (builds its jar first if missing). All arguments go to the server;
# see --help. The rate-limit bypass token is read from $REFSERVER_BYPASS_TOKEN, never from the command line.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/reference-server/target/reference-server.jar"
if [[ ! -f "$jar" ]]; then
  echo "Building $jar ..." >&2
  (cd "$root" && ./mvnw -q -pl reference-server package -DskipTests)
fi
exec java ${REFSERVER_JAVA_OPTS:-} -jar "$jar" "$@"
