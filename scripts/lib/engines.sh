# shellcheck shell=bash
# JMeter's distributed mode for the scenario scripts: sourced by common.sh; scripts/distributed.sh turns it on.
#
#   LOADTEST_ENGINES=N              start N local engines (jmeter-server) on 127.0.0.1 for this run
#   LOADTEST_ENGINES=host[:port],...  use engines already running there (port default 1099)
#   LOADTEST_RMI_SSL=on|off         RMI over SSL (default on, JMeter's default); off only on a trusted network
#   LOADTEST_RMI_KEYSTORE=FILE      the keystore of the controller and every engine (made with
#                                   bin/create-rmi-keystore.sh); local engines get a throwaway one per run
#   LOADTEST_RMI_KEYSTORE_PASSWORD  its password (environment only; default JMeter's "changeit")
#   LOADTEST_RMI_HOSTNAME           the address the engines reach the controller on (default 127.0.0.1)
#   LOADTEST_CONTROLLER_PORT        first port the controller receives samples on, one more per engine
#                                   (default: any free ports; set it when a firewall sits in between)
#
# Every engine runs the whole plan: the scenario's users and spawn rate are split between the engines, so the
# totals stay those of the scenario. Each engine's delivery ledger records its facts; the results tool joins
# them into one delivery account over every engine's streams (e2e_fanout_complete_all_engines).

LT_REMOTE=""           # the -R list, empty when not distributed
LT_ENGINE_COUNT=1
LT_ENGINE_PIDS=()
LT_ENGINE_ADDRS=()
LT_ENGINE_COUNT_LOCAL=0
LT_ENGINE_TMP=""       # owner-only folder: RMI properties (keystore password) and a throwaway keystore
LT_RMI_PROPS=""        # the properties file of the RMI settings (controller and local engines: -q)

# A TCP port on 127.0.0.1 that nothing listens on now, below the kernel's ephemeral range (an outgoing
# connection's local port in that range is not seen by a connect test but makes the bind fail: "Port already in
# use"), from a random start so parallel runs rarely meet. Ports handed out by this run are not given twice
# (an engine started a moment ago may not listen yet), hence no subshell: lt_free_port <variable name>.
LT_PORTS_GIVEN=" "
lt_free_port() {
  local -n lt_port_out=$1
  local ephemeral_low=32768 low=10000 span p i
  read -r ephemeral_low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
  ((ephemeral_low > low + 1000)) || ephemeral_low=65536  # no room below it: any port above 10000
  span=$((ephemeral_low - low))
  p=$((low + RANDOM % span))
  for ((i = 0; i < 400; i++)); do
    if [[ "$LT_PORTS_GIVEN" != *" $p "* ]] && ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      LT_PORTS_GIVEN+="$p "
      lt_port_out=$p
      return 0
    fi
    p=$((low + (p - low + 7) % span))
  done
  lt_die "no free TCP port found on 127.0.0.1 between $low and $ephemeral_low"
}

# The RMI settings both sides need, in an owner-only properties file (the keystore password must not be on a
# command line, where ps shows it, nor in the results).
lt_rmi_settings() {
  LT_ENGINE_TMP="$(mktemp -d "${TMPDIR:-/tmp}/loadtest-rmi.XXXXXX")"
  chmod 700 "$LT_ENGINE_TMP"
  LT_RMI_PROPS="$LT_ENGINE_TMP/rmi.properties"
  (umask 077 && : >"$LT_RMI_PROPS")
  case "${LOADTEST_RMI_SSL:-on}" in
    off | false | 0)
      lt_warn "RMI without SSL (LOADTEST_RMI_SSL=off): anyone who reaches the engines' ports can run code on them; use it only on a trusted network"
      echo "server.rmi.ssl.disable=true" >>"$LT_RMI_PROPS"
      return 0
      ;;
    on | true | 1) ;;
    *) lt_die "LOADTEST_RMI_SSL must be on or off, was '${LOADTEST_RMI_SSL}'" ;;
  esac
  local keystore="${LOADTEST_RMI_KEYSTORE:-}" password="${LOADTEST_RMI_KEYSTORE_PASSWORD:-changeit}"
  if [[ -z "$keystore" ]]; then
    [[ "$LT_ENGINE_COUNT_LOCAL" -gt 0 ]] || lt_die "remote engines with RMI over SSL need LOADTEST_RMI_KEYSTORE: the keystore (bin/create-rmi-keystore.sh) the engines were started with"
    keystore="$LT_ENGINE_TMP/rmi_keystore.jks"
    password="$(lt_random_secret)"
    # the password reaches keytool through its environment (-storepass:env), never its command line
    LT_KS_PASS="$password" "${JAVA_HOME:+$JAVA_HOME/bin/}keytool" -genkeypair -keyalg RSA -keysize 2048 -alias rmi \
      -keystore "$keystore" -storetype JKS -storepass:env LT_KS_PASS -keypass:env LT_KS_PASS -validity 2 \
      -dname "CN=loadtest engines" >"$LT_ENGINE_TMP/keytool.out" 2>&1 ||
      { cat "$LT_ENGINE_TMP/keytool.out" >&2; lt_die "could not create the RMI keystore (keytool)"; }
    lt_log "RMI over SSL with a keystore made for this run (local engines only)"
  fi
  [[ -f "$keystore" ]] || lt_die "LOADTEST_RMI_KEYSTORE=$keystore: no such file"
  keystore="$(cd "$(dirname "$keystore")" && pwd)/$(basename "$keystore")"
  {
    echo "server.rmi.ssl.keystore.file=$keystore"
    echo "server.rmi.ssl.keystore.password=$password"
    echo "server.rmi.ssl.truststore.file=$keystore"
    echo "server.rmi.ssl.truststore.password=$password"
  } >>"$LT_RMI_PROPS"
}

# Starts local engine <i>: its address goes to LT_ENGINE_ADDRS, its pid to LT_ENGINE_PIDS. With RMI over SSL,
# JMeter binds the engine's ports to java.rmi.server.hostname (127.0.0.1); without SSL it would bind every
# interface, so the plugin's RMI agent binds them to that address too.
lt_start_local_engine() {
  local i=$1 port local_port agent=() agent_jar
  lt_free_port port
  lt_free_port local_port
  if grep -q '^server.rmi.ssl.disable=true' "$LT_RMI_PROPS"; then
    agent_jar="$(rmi_agent_jar "$LT_PLUGIN_JAR")" ||
      lt_die "RMI without SSL needs the RMI agent jar beside $LT_PLUGIN_JAR (${LT_PLUGIN_JAR%.jar}-rmi-agent.jar): build with ./mvnw -B -q install -pl plugin -am -Dmaven.test.skip=true"
    agent=("-javaagent:$agent_jar")
  fi
  (
    cd "$LT_ROOT" || exit 2
    local gc=()
    mapfile -t gc < <(engine_gc_flags "${JMETER_JAVA:-java}" "${JVM_ARGS:-}")
    # shellcheck disable=SC2086  # JVM_ARGS is a list of JVM options
    exec "${JMETER_JAVA:-java}" "${gc[@]}" ${JVM_ARGS:-} "${agent[@]}" -Djava.rmi.server.hostname=127.0.0.1 -jar "$LT_JMETER_JAR" \
      -s -Jserver_port="$port" -Jserver.rmi.localport="$local_port" -q "$LT_RMI_PROPS" -j "$LT_RUN_DIR/engine-$i.log"
  ) >"$LT_RUN_DIR/engine-$i.out" 2>&1 &
  LT_ENGINE_PIDS+=($!)
  LT_ENGINE_ADDRS+=("127.0.0.1:$port")
}

# lt_engines_setup: after the target is up. Starts or checks the engines and sets LT_REMOTE.
lt_engines_setup() {
  local spec="${LOADTEST_ENGINES:-}" e i
  [[ -n "$spec" ]] || return 0
  local engines=()
  if [[ "$spec" =~ ^[0-9]+$ ]]; then
    ((spec >= 1 && spec <= 32)) || lt_die "LOADTEST_ENGINES=$spec: start 1 to 32 local engines"
    LT_ENGINE_COUNT_LOCAL=$spec
    lt_rmi_settings
    LT_ENGINE_ADDRS=()
    for ((i = 1; i <= spec; i++)); do
      lt_start_local_engine "$i"
    done
    engines=("${LT_ENGINE_ADDRS[@]}")
    local deadline=$((SECONDS + 90)) up
    for ((i = 1; i <= spec; i++)); do
      up=0
      while ((SECONDS < deadline)); do
        grep -q "Created remote object" "$LT_RUN_DIR/engine-$i.out" 2>/dev/null && { up=1; break; }
        lt_pid_alive "${LT_ENGINE_PIDS[$((i - 1))]:-0}" || break
        sleep 0.5
      done
      ((up)) || { tail -20 "$LT_RUN_DIR/engine-$i.out" >&2; lt_die "local engine $i (${engines[$((i - 1))]}) did not start within 90 s (see $LT_RUN_DIR/engine-$i.out)"; }
    done
    lt_log "$spec local engines up: ${engines[*]} (logs: $LT_RUN_DIR/engine-*.log)"
  else
    LT_ENGINE_COUNT_LOCAL=0
    [[ "${LOADTEST_BASE_URL_GIVEN:-0}" == 1 ]] || lt_die "remote engines need a target they can reach: set LOADTEST_BASE_URL (the local reference server listens on 127.0.0.1 only)"
    IFS=',' read -r -a engines <<<"$spec"
    for i in "${!engines[@]}"; do
      e="${engines[$i]// /}"
      [[ "$e" == *:* ]] || e="$e:1099"
      [[ "$e" =~ ^[A-Za-z0-9._-]+:[0-9]+$ ]] || lt_die "LOADTEST_ENGINES: '$e' is not host[:port]"
      (exec 3<>"/dev/tcp/${e%:*}/${e##*:}") 2>/dev/null || lt_die "engine $e does not answer (is jmeter-server running there, and the port open?)"
      engines[$i]="$e"
    done
    lt_rmi_settings
    lt_log "${#engines[@]} remote engines: ${engines[*]}"
  fi
  LT_ENGINE_COUNT=${#engines[@]}
  LT_REMOTE="$(IFS=,; echo "${engines[*]}")"
}

# The controller's extra JMeter arguments in distributed mode (one per line, NUL-separated).
lt_controller_args() {
  [[ -n "$LT_REMOTE" ]] || return 0
  printf '%s\0' -R "$LT_REMOTE" -q "$LT_RMI_PROPS"
  # JMeter picks free ports for the samples coming back unless told (a firewall between controller and engines)
  [[ -n "${LOADTEST_CONTROLLER_PORT:-}" ]] && printf '%s\0' "-Jclient.rmi.localport=$LOADTEST_CONTROLLER_PORT"
  return 0
}

# Users and spawn rate of one engine: the scenario's totals split evenly (users rounded up).
lt_engine_users() { echo $((($1 + LT_ENGINE_COUNT - 1) / LT_ENGINE_COUNT)); }
lt_engine_spawn() { awk -v s="$1" -v n="$LT_ENGINE_COUNT" 'BEGIN { r = s / n; printf "%s", (r == int(r)) ? int(r) : sprintf("%.3f", r) }'; }

# Which local engines still run: "2/2 engines up".
lt_engines_status() {
  [[ -n "$LT_REMOTE" ]] || return 0
  if ((${#LT_ENGINE_PIDS[@]} == 0)); then
    printf 'engines %d (remote)' "$LT_ENGINE_COUNT"
    return 0
  fi
  local up=0 p
  for p in "${LT_ENGINE_PIDS[@]}"; do lt_pid_alive "$p" && up=$((up + 1)); done
  printf 'engines %d/%d up' "$up" "${#LT_ENGINE_PIDS[@]}"
}

# Stops the local engines (TERM, then KILL after 10 s) and removes the RMI settings.
lt_engines_stop() {
  local p i
  for p in "${LT_ENGINE_PIDS[@]}"; do
    [[ -n "$p" ]] && kill "$p" 2>/dev/null || true
  done
  for p in "${LT_ENGINE_PIDS[@]}"; do
    [[ -n "$p" ]] || continue
    for ((i = 0; i < 100; i++)); do lt_pid_alive "$p" || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
  ((${#LT_ENGINE_PIDS[@]})) && lt_log "local engines stopped"
  LT_ENGINE_PIDS=()
  [[ -n "$LT_ENGINE_TMP" && -d "$LT_ENGINE_TMP" ]] && rm -rf "$LT_ENGINE_TMP"
  LT_ENGINE_TMP=""
}
