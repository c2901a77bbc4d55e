#!/usr/bin/env bash
# Builds and runs the whole archive: command-side on :8081, query-side on :8082.
# With no SPRING_DATASOURCE_URL it first starts an embedded PostgreSQL whose data lives in .data/postgres
# (kept across restarts). Ctrl-C stops everything.
#   ./run.sh --demo   also writes a demo archive (300 customers, a year of history) through command-side's API.
set -euo pipefail
cd "$(dirname "$0")"

EMBEDDED_PORT="${ARCHIVE_EMBEDDED_DB_PORT:-15432}"
COMMAND_PORT="${COMMAND_SIDE_PORT:-8081}"
QUERY_PORT="${QUERY_SIDE_PORT:-8082}"
LOGS=.data/logs

echo "Building (./mvnw -DskipTests package) ..."
./mvnw -q -B -DskipTests package

mkdir -p "$LOGS"
# the master key that wraps every customer's personal-data key: made once, kept out of the repository
if [[ -z "${ARCHIVE_PRIVACY_MASTER_KEY:-}" ]]; then
  if [[ ! -s .data/master.key ]]; then
    (umask 077 && head -c 32 /dev/urandom | base64 > .data/master.key)
    echo "Made a master key for personal data in .data/master.key (losing it makes all personal data unreadable)"
  fi
  export ARCHIVE_PRIVACY_MASTER_KEY="$(cat .data/master.key)"
fi
pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping ..."
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
  echo "Stopped."
}
trap stop INT TERM EXIT

wait_for() { # name url-or-port
  local name=$1 probe=$2
  for _ in $(seq 1 240); do
    if [[ $probe == http* ]]; then
      curl -fs "$probe" >/dev/null 2>&1 && return 0
    else
      (exec 3<>"/dev/tcp/127.0.0.1/$probe") 2>/dev/null && return 0
    fi
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "$name failed to start; see $LOGS" >&2; exit 1; }
    done
    sleep 0.5
  done
  echo "$name did not come up in 120 s; see $LOGS" >&2
  exit 1
}

if [[ -z "${SPRING_DATASOURCE_URL:-}" ]]; then
  export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:${EMBEDDED_PORT}/postgres"
  export SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=""
  echo "Starting embedded PostgreSQL on port ${EMBEDDED_PORT} (data in .data/postgres) ..."
  java -jar dev-database/target/dev-database.jar .data/postgres "$EMBEDDED_PORT" >"$LOGS/postgres.log" 2>&1 &
  pids+=($!)
  wait_for "embedded PostgreSQL" "$EMBEDDED_PORT"
else
  echo "Using the database at $SPRING_DATASOURCE_URL"
fi

echo "Starting command-side on :$COMMAND_PORT ..."
PORT=$COMMAND_PORT java ${COMMAND_SIDE_JAVA_OPTS:-} -jar command-side/target/command-side.jar >"$LOGS/command-side.log" 2>&1 &
pids+=($!)
wait_for command-side "http://127.0.0.1:$COMMAND_PORT/actuator/health"

echo "Starting query-side on :$QUERY_PORT ..."
PORT=$QUERY_PORT java ${QUERY_SIDE_JAVA_OPTS:-} -jar query-side/target/query-side.jar >"$LOGS/query-side.log" 2>&1 &
pids+=($!)
wait_for query-side "http://127.0.0.1:$QUERY_PORT/actuator/health"

if [[ "${1:-}" == "--demo" ]]; then
  echo "Writing the demo archive through command-side's API ..."
  # the demo talks HTTP only; it reads payment terms' due days with the events' own rule (shared-events)
  java -cp command-side/target/test-classes:shared-events/target/classes com.customerarchive.command.demo.DemoData \
       "http://127.0.0.1:$COMMAND_PORT" "${DEMO_CUSTOMERS:-300}"
fi

users="sales, manager, clerk, finance, auditor, integrator, outlet and admin, each with the password <name>-pw"
if [[ "${SPRING_PROFILES_ACTIVE:-}" == *prod* ]]; then
  users="those configured in ARCHIVE_SECURITY_USERS_* (the prod profile has no development users)"
fi
cat <<MSG

Customer Archive is running (logs in $LOGS):
  the console   http://localhost:$QUERY_PORT/console/
  command-side  http://localhost:$COMMAND_PORT   (Swagger UI: /swagger-ui.html)
  query-side    http://localhost:$QUERY_PORT   (Swagger UI: /swagger-ui.html)
  users         $users
                (the console signs in sales, manager, clerk, auditor and admin; integrator reads the feed, outlet checks cards)
Press Ctrl-C to stop.
MSG
wait -n "${pids[@]}"
echo "A process exited; see $LOGS" >&2
