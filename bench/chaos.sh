#!/usr/bin/env bash
# Spindle jobs with executors (and ApplicationMasters) killed at random on an embedded cluster; bench/chaos.sh --help.
#   bench/chaos.sh --runs 20 --input-mb 64
#   bench/chaos.sh --runs 6 --input-mb 256 --workloads wordcount --modes client --moment after-map
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HOME_DIR"
if [ ! -f bench/target/spindle-bench.jar ] || [ ! -f examples/target/spindle-examples.jar ] \
    || [ ! -f yarn-client/target/classpath.txt ]; then
  echo "Building Spindle (mvn package)..."
  mvn -q -B -DskipTests package
fi
mkdir -p bench/target/chaos
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" -Xmx3g -Dspindle.home="$HOME_DIR" -Dlog4j.configuration="file:$HOME_DIR/bench/log4j-runner.properties" \
  -cp "bench/target/spindle-bench.jar:$(cat bench/target/classpath.txt)" dev.spindle.bench.compare.ChaosMain "$@"
