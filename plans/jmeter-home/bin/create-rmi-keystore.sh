#!/usr/bin/env bash
# Creates rmi_keystore.jks in the current folder for RMI over SSL in distributed mode, as Apache JMeter's
# bin/create-rmi-keystore.sh does: one RSA key under the alias "rmi" (JMeter's server.rmi.ssl.keystore.alias).
# Copy the file to bin/ of the controller and of every engine. Options: -validity DAYS (default 7),
# -storepass PASSWORD (default JMeter's "changeit"; any other must be set as server.rmi.ssl.keystore.password
# and server.rmi.ssl.truststore.password), -dname "CN=...".
set -euo pipefail
validity=7 storepass=changeit dname="CN=JMeter RMI, OU=load test, O=InstaInstru"
while (($#)); do
  case $1 in
    -validity) validity=$2; shift 2 ;;
    -storepass) storepass=$2; shift 2 ;;
    -dname) dname=$2; shift 2 ;;
    *) echo "usage: create-rmi-keystore.sh [-validity DAYS] [-storepass PASSWORD] [-dname DN]" >&2; exit 2 ;;
  esac
done
keytool="keytool"
[[ -n "${JAVA_HOME:-}" ]] && keytool="$JAVA_HOME/bin/keytool"
[[ -e rmi_keystore.jks ]] && { echo "rmi_keystore.jks exists here; remove it first" >&2; exit 1; }
"$keytool" -genkeypair -keyalg RSA -keysize 2048 -alias rmi -keystore rmi_keystore.jks -storetype JKS \
  -storepass "$storepass" -keypass "$storepass" -validity "$validity" -dname "$dname"
echo "Created rmi_keystore.jks (valid $validity days); copy it to bin/ of the controller and of every engine."
