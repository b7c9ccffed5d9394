#!/usr/bin/env bash
# Spindle against Hadoop MapReduce and Apache Spark on one embedded cluster; bench/run.sh --help.
#   bench/run.sh --input-mb 64 --systems spindle,mapreduce,spark --workloads wordcount,sort,empty --repeats 3
#   bench/run.sh --smoke      # tiny data, Spindle only, once: what CI runs
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HOME_DIR"
MVN=(mvn -q -B -DskipTests)
# Spindle itself (the submit command, the examples jar, this runner).
if [ ! -f bench/target/spindle-bench.jar ] || [ ! -f examples/target/spindle-examples.jar ] \
    || [ ! -f yarn-client/target/classpath.txt ]; then
  echo "Building Spindle (mvn package)..."
  "${MVN[@]}" package
fi
# The peers are built only when the run needs them (their dependencies are large): the systems of
# --systems, or all of them by default.
systems="spindle,mapreduce,spark"
prev=""
for a in "$@"; do
  case "$a" in
    --smoke | -h | --help) systems="spindle" ;;
  esac
  if [ "$prev" = "--systems" ]; then systems="$a"; fi
  prev="$a"
done
if [[ "$systems" == *mapreduce* ]] && [ ! -d bench/peers/mapreduce/target/lib ]; then
  echo "Building the MapReduce peer (bench/peers/mapreduce)..."
  "${MVN[@]}" -f bench/peers/mapreduce/pom.xml package
fi
if [[ "$systems" == *spark* ]] && [ ! -d bench/peers/spark/target/lib ]; then
  echo "Building the Spark peer (bench/peers/spark)..."
  "${MVN[@]}" -f bench/peers/spark/pom.xml package
fi
mkdir -p bench/target/compare
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" -Xmx3g -XX:+ExitOnOutOfMemoryError -Dspindle.home="$HOME_DIR" -Dlog4j.configuration="file:$HOME_DIR/bench/log4j-runner.properties" \
  -cp "bench/target/spindle-bench.jar:$(cat bench/target/classpath.txt)" dev.spindle.bench.compare.CompareMain "$@"
