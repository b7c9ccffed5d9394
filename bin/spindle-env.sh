# Shared by the bin/ scripts: finds Java and the client classpath of this Spindle installation.
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$JAVA" >/dev/null 2>&1; then
  echo "spindle: no java found: install Java 17 or set JAVA_HOME" >&2
  exit 1
fi
SPINDLE_SUBMIT_OPTS="${SPINDLE_SUBMIT_OPTS:--Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
SPINDLE_CLUSTER_OPTS="${SPINDLE_CLUSTER_OPTS:--Xmx2g}"
export SPINDLE_HOME
SPINDLE_SUBMIT_OPTS="$SPINDLE_SUBMIT_OPTS -Dspindle.home=$SPINDLE_HOME -Dlog4j.configuration=file:$SPINDLE_HOME/conf/log4j.properties"
SPINDLE_CLUSTER_OPTS="$SPINDLE_CLUSTER_OPTS -Dspindle.home=$SPINDLE_HOME -Dlog4j.configuration=file:$SPINDLE_HOME/conf/log4j.properties"

spindle_client_classpath() {
  local jar cp
  if [ -d "$SPINDLE_HOME/lib" ]; then
    # An unpacked distribution: every jar spindle-submit needs is in lib/.
    printf '%s' "$SPINDLE_HOME/lib/*"
    return
  fi
  jar="$SPINDLE_HOME/yarn-client/target/spindle-yarn-client.jar"; cp="$SPINDLE_HOME/yarn-client/target/classpath.txt"
  if [ ! -f "$jar" ] || [ ! -f "$cp" ]; then
    echo "spindle: Spindle is not built yet: run 'mvn -q -DskipTests package' in $SPINDLE_HOME" >&2
    exit 1
  fi
  printf '%s:%s' "$jar" "$(cat "$cp")"
}
