#!/usr/bin/env bash
# Runs Spindle's JMH benchmarks: bench/jmh.sh [JMH options, e.g. LineRead -f 1 -wi 2 -i 3]
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$HOME_DIR/bench/target/spindle-bench.jar"
if [ ! -f "$JAR" ]; then
  (cd "$HOME_DIR" && mvn -q -B -DskipTests package -pl bench -am)
fi
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$JAR:$(cat "$HOME_DIR/bench/target/classpath.txt")" org.openjdk.jmh.Main "$@"
