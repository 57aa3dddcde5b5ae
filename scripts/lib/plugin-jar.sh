# shellcheck shell=bash
# The one place that finds the plugin's shaded jar (sourced by the scripts and the benches).
# plugin_jar <repository root>: prints PLUGIN_JAR when set, else the shaded jar in plugin/target (not the
# original-*, sources, javadoc or rmi-agent jars); returns 1 when there is none.
plugin_jar() {
  if [[ -n "${PLUGIN_JAR:-}" ]]; then
    [[ -f "$PLUGIN_JAR" ]] && { echo "$PLUGIN_JAR"; return 0; }
    return 1
  fi
  local candidate name
  for candidate in "$1"/plugin/target/jmeter-sse-plugin-*.jar; do
    name="$(basename "$candidate")"
    [[ -f "$candidate" && "$name" != original-* && "$name" != *-sources.jar && "$name" != *-javadoc.jar \
      && "$name" != *-rmi-agent.jar ]] \
      && { echo "$candidate"; return 0; }
  done
  return 1
}

# rmi_agent_jar <plugin jar>: prints the RMI agent jar the same build made beside it
# (jmeter-sse-plugin-<version>-rmi-agent.jar); returns 1 when there is none.
rmi_agent_jar() {
  local agent="${1%.jar}-rmi-agent.jar"
  [[ -f "$agent" ]] && { echo "$agent"; return 0; }
  return 1
}
