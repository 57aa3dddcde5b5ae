#!/usr/bin/env bash
# Runs every shell test next to this file (the Maven scenario run calls it; exit 0 = all passed).
set -uo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
failed=0
for t in "$dir"/*_test.sh; do
  # a test may declare a longer bound in a "# bound-seconds: N" line (default 120)
  bound="$(sed -n 's/^# bound-seconds: \([0-9][0-9]*\)$/\1/p' "$t" | head -1)"
  if timeout "${bound:-120}" "$t"; then :; else echo "FAILED: $(basename "$t")" >&2; failed=1; fi
done
exit "$failed"
