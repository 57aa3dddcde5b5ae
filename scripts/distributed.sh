#!/usr/bin/env bash
# Runs a scenario across several JMeter engines with JMeter's own distributed mode (jmeter-server, -R, -G):
# the same variables, results folder (dashboard, Locust-format CSVs, summary, verdict, history) and exit codes
# as the scenario script, with the delivery counted over every engine's streams.
#
# Usage: scripts/distributed.sh <scenario> <engines>
#   scenario  s0_smoke | s1_capacity | s2_throughput | s3_burst | s4_soak   (or s0 ... s4)
#   engines   N                          start N local engines on 127.0.0.1 (stopped at the end)
#             host[:port],host[:port]    engines already running there (bin/jmeter-server; port default 1099)
#
# The scenario's users and spawn rate are split between the engines. RMI runs over SSL (a keystore is made for
# local engines; remote ones need LOADTEST_RMI_KEYSTORE); LOADTEST_RMI_SSL=off is for trusted networks only.
# More: scripts/lib/engines.sh and the README's "Distributed mode".
# Examples:
#   scripts/distributed.sh s3_burst 2
#   LOADTEST_BASE_URL=https://api.example.com LOADTEST_RMI_KEYSTORE=rmi_keystore.jks \
#     LOADTEST_RMI_HOSTNAME=10.0.0.5 scripts/distributed.sh s1_capacity 10.0.0.11,10.0.0.12
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
usage() { sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
(($# == 2)) || usage
scenario=$1
case $scenario in
  s0 | s0_smoke) scenario=s0_smoke ;;
  s1 | s1_capacity) scenario=s1_capacity ;;
  s2 | s2_throughput) scenario=s2_throughput ;;
  s3 | s3_burst) scenario=s3_burst ;;
  s4 | s4_soak) scenario=s4_soak ;;
  *) echo "distributed.sh: unknown scenario '$1'" >&2; usage ;;
esac
[[ "$2" =~ ^[0-9]+$ || "$2" =~ ^[A-Za-z0-9._:-]+(,[A-Za-z0-9._:-]+)*$ ]] || { echo "distributed.sh: engines must be a number or host[:port],... (was '$2')" >&2; usage; }
export LOADTEST_ENGINES=$2
exec "$here/$scenario.sh"
