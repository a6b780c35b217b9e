# Shared helpers of the benchmarks: start a packaged server on a fresh data dir with a small heap.
# Usage: . bench/lib.sh; bench_start <workdir> <port> <heap>; ...; bench_stop
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

bench_start() {
  local dir=$1 port=$2 heap=$3
  [ -f "$ROOT/target/quarkus-app/quarkus-run.jar" ] || (cd "$ROOT" && ./mvnw -q -B package -DskipTests)
  rm -rf "$dir/data" && mkdir -p "$dir/data"
  FERRY_DATA_DIR="$dir/data" QUARKUS_HTTP_PORT=$port FERRY_JAVA_OPTS="-Xmx$heap" \
    "$ROOT/ferry-server" > "$dir/server.log" 2>&1 &
  BENCH_PID=$!
  BASE="http://127.0.0.1:$port"
  for _ in $(seq 1 240); do
    curl -sf "$BASE/q/health/ready" > /dev/null 2>&1 && break
    sleep 0.5
  done
  PASS=$(cat "$dir/data/admin-password")
  AUTH="admin:$PASS"
}

bench_stop() {
  kill "$BENCH_PID" 2>/dev/null || true
  wait "$BENCH_PID" 2>/dev/null || true
}

api() { # api METHOD PATH [JSON]
  if [ $# -ge 3 ]; then
    curl -sf -u "$AUTH" -X "$1" -H 'Content-Type: application/json' -d "$3" "$BASE$2"
  else
    curl -sf -u "$AUTH" -X "$1" "$BASE$2"
  fi
}

await_task() { # await_task LOCATION -> prints the finished task
  local t
  while true; do
    t=$(curl -sf -u "$AUTH" "$1")
    case "$t" in *'"state":"completed"'*|*'"state":"failed"'*|*'"state":"canceled"'*) echo "$t"; return;; esac
    sleep 0.2
  done
}

now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }
