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

# Class-data sharing for spindle-submit's JVM, whose start-up loads some 6,000 classes: with an archive
# of them a submission is on its way about a second sooner. An archive belongs to one user (under
# SPINDLE_CDS_DIR, by default ~/.cache/spindle), one installation, one JVM and one set of jars: a change
# to any of them makes a new one. A run without an archive records the classes it loads; a later run
# makes the archive from a finished run's record in the background, at the lowest priority, so no run
# waits for it. The JVM checks an archive against its jars and ignores one that no longer matches.
# SPINDLE_CDS=off turns this off. Sets SPINDLE_CDS_OPTS, the JVM options to add (an array: the directory
# may hold spaces).
spindle_submit_cds_opts() {
  local cp="$1" dir java_bin key home base list pid jars=()
  SPINDLE_CDS_OPTS=()
  [ "${SPINDLE_CDS:-on}" = "off" ] && return 0
  dir="${SPINDLE_CDS_DIR:-${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/spindle}"
  { mkdir -p "$dir" && [ -w "$dir" ]; } 2>/dev/null || return 0
  java_bin="$(readlink -f "$(command -v "$JAVA")")" || return 0
  if [[ "$cp" == *'/*' ]]; then
    jars=("${cp%/\*}"/*.jar)
  else
    IFS=: read -ra jars <<< "$cp"
  fi
  key="$(stat -L -c '%n %s %Y' "$java_bin" "$(dirname "$java_bin")/../lib/modules" "${jars[@]}" 2>/dev/null | cksum)" \
    || return 0
  home="$(printf '%s' "$SPINDLE_HOME" | cksum)" || return 0
  base="$dir/submit-${home%% *}-${key%% *}"
  if [ -f "$base.jsa" ]; then
    for list in "$base".classlist.*; do  # runs that recorded while the archive was being made
      [ -f "$list" ] && ! kill -0 "${list##*.}" 2>/dev/null && rm -f "$list"
    done
    # Quiet: an archive the JVM finds void (a jar changed since) is skipped without a warning.
    SPINDLE_CDS_OPTS=("-XX:SharedArchiveFile=$base.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
    return 0
  fi
  if [ -f "$base.lock/pid" ] && ! kill -0 "$(cat "$base.lock/pid" 2>/dev/null)" 2>/dev/null; then
    rm -rf "$base.lock"  # a dump that was stopped before it finished
  fi
  for list in "$base".classlist.*; do
    [ -f "$list" ] || continue
    pid="${list##*.}"
    kill -0 "$pid" 2>/dev/null && continue  # that submission still runs
    # A run that loaded few classes (--help, a bad option) would make a poor archive.
    if [ "$(wc -l < "$list")" -lt 2000 ]; then
      rm -f "$list"
    elif mkdir "$base.lock" 2>/dev/null; then
      (
        # Deaf to the SIGHUP of a terminal that closes after its run (the JVM inherits that); a dump
        # stopped otherwise leaves a lock the next run clears, and a later run tries again.
        trap '' HUP
        if nice -n 19 "$JAVA" -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$base.jsa.tmp" \
            -cp "$cp" && mv -f "$base.jsa.tmp" "$base.jsa"; then
          # Only the new archive and runs still recording stay: older ones of this installation go.
          for f in "$dir/submit-${home%% *}-"*; do
            case "$f" in "$base".jsa|"$base".lock) ;; *.classlist.*) kill -0 "${f##*.}" 2>/dev/null || rm -f "$f" ;; *) rm -rf "$f" ;; esac
          done
        else
          rm -f "$list"  # not tried again from a record the JVM could not use
        fi
        rm -f "$base.jsa.tmp"
        rm -rf "$base.lock"
      ) </dev/null >/dev/null 2>&1 &
      # Written before this run's JVM starts, so whoever sees this run end finds the dumper's pid.
      echo "$!" 2>/dev/null > "$base.lock/pid" || true  # (gone already if the dump was that quick)
      break
    fi
  done
  # The JVM is this shell's process after exec, so a finished run's pid names its record.
  SPINDLE_CDS_OPTS=("-XX:DumpLoadedClassList=$base.classlist.$$")
}
