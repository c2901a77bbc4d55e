#!/usr/bin/env bash
# Runs the whole benchmark (issue 6): builds both apps, gives them a fresh database on the machine's
# PostgreSQL (or, with none on 127.0.0.1:5432, an embedded one), drives them over HTTP and writes
# docs/benchmark/report.md, report.json and chart.svg.
#   ./bench.sh            the full run (10,000 customers, 30 s per concurrency level, 1,000,000 events replayed; ~25 min)
#   ./bench.sh --quick    a small run (a minute or two) that exercises every phase
#   ./bench.sh --scale=10000000   then grows the store to 10 M events (copies) and measures writes and reads again
# ARCHIVE_BENCH_JVM_EXTRA="-XX:StartFlightRecording=filename=/tmp/jfr/" adds JVM options to both apps (profiling).
# With JAVA_HOME set, the benchmark and both apps run on that JDK (e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64).
# Further options: --customers=N --seconds=N --read-seconds=N --history=N --samples=N --replay-events=N --out=DIR
set -euo pipefail
cd "$(dirname "$0")"

out_given=false
for arg in "$@"; do [[ $arg == --out=* ]] && out_given=true; done
args=("$@")
if ! $out_given; then
  if [[ " $* " == *" --quick "* ]]; then
    args+=("--out=$PWD/query-side/target/benchmark-quick")
  else
    args+=("--out=$PWD/docs/benchmark")
  fi
fi

echo "Building (./mvnw -DskipTests package) ..."
./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/benchmark-classpath.txt

if [[ -z "${ARCHIVE_TEST_DATABASE_URL:-}" ]] && command -v pg_isready >/dev/null 2>&1 \
    && pg_isready -q -h 127.0.0.1 -p 5432; then
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS customer_archive_bench WITH (FORCE)"
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE customer_archive_bench"
  export ARCHIVE_TEST_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/customer_archive_bench"
fi

cd query-side
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx1g -cp "target/test-classes:target/classes:$(cat target/benchmark-classpath.txt)" \
  com.customerarchive.query.bench.ArchiveBenchmark "${args[@]}"
