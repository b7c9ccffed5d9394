#!/usr/bin/env bash
# Scale by simulation, no YARN: bench/scale.sh driver [--executors 100 --cores 8 --tasks 1000000 --fractions 0.1,0.5,1]
#                               bench/scale.sh am [--containers 5000 --hosts 1000 --beats 400 --fractions 0.1,0.5,1]
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$HOME_DIR/bench/target/spindle-bench.jar"
case "${1:-}" in
  driver) MAIN=dev.spindle.bench.scale.DriverScaleMain ;;
  am) MAIN=dev.spindle.am.AllocatorScaleMain ;;
  *) echo "usage: bench/scale.sh driver|am [options]" >&2; exit 2 ;;
esac
shift
if [ ! -f "$JAR" ]; then
  (cd "$HOME_DIR" && mvn -q -B -DskipTests package -pl bench -am)
fi
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx6g -Dlog4j.configuration="file:$HOME_DIR/bench/log4j-runner.properties" \
  -cp "$JAR:$(cat "$HOME_DIR/bench/target/classpath.txt")" "$MAIN" "$@"
