# Shared helpers of the benchmarks: start a packaged server on a fresh data dir with a small heap.
# Usage: . bench/lib.sh; bench_start <workdir> <port> <heap>; ...; bench_stop
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

bench_start() {
  local dir=$1 port=$2 heap=$3
  [ -f "$ROOT/target/quarkus-app/quarkus-run.jar" ] || (cd "$ROOT" && ./mvnw -q -B package -DskipTests)
  rm -rf "$dir/data" && mkdir -p "$dir/data"
  FERRY_DATA_DIR="$dir/data" QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_SSL_PORT=$((port + 1000)) FERRY_JAVA_OPTS="-Xmx$heap ${BENCH_JAVA_OPTS:-}" \
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

bench_dataset() { # bench_dataset DIR: three 500 MB incompressible images + 50 x 10 MB of log text (about 2 GB)
  mkdir -p "$1/images" "$1/logs"
  echo "== generating data in $1"
  for i in 1 2 3; do head -c 500000000 /dev/urandom > "$1/images/disk$i.qcow2"; done
  python3 - "$1/logs" <<'PY'
import random, sys, os
random.seed(7)
hosts = [f"node{i:03d}" for i in range(200)]
msgs = ["session opened for user root", "connection reset by peer", "disk /dev/sda1 at 81% capacity",
        "GET /api/v1/items?page=%d 200 %dms", "job %d finished in %d s", "link up 1000 Mbps full duplex"]
for f in range(50):
    with open(os.path.join(sys.argv[1], f"app-{f:02d}.log"), "w") as out:
        size = 0
        lines = []
        while size < 10_000_000:
            m = random.choice(msgs)
            if "%d" in m:
                m = m % tuple(random.randint(1, 9999) for _ in range(m.count("%d")))
            l = f"2026-11-{random.randint(1,28):02d}T{random.randint(0,23):02d}:{random.randint(0,59):02d}:{random.randint(0,59):02d}Z {random.choice(hosts)} app[{random.randint(100,99999)}]: {m}\n"
            lines.append(l)
            size += len(l)
        out.write("".join(lines))
PY
}

bench_upload_all() { # bench_upload_all SRC_DIR ORG_PATH: product data, repository files, content view cv published
  local src=$1 org=$2 f
  api POST /api/v1/organizations "{\"name\":\"${org##*/}\"}" > /dev/null
  api POST "$org/products" '{"name":"data"}' > /dev/null
  api POST "$org/products/data/repositories" '{"name":"files"}' > /dev/null
  (cd "$src" && find . -type f | sed 's|^\./||' | sort) | while read -r f; do
    curl -sf -u "$AUTH" -X POST -T "$src/$f" -H 'Content-Type: application/octet-stream' \
      "$BASE$org/products/data/repositories/files/content/upload?relativePath=$f" > /dev/null
  done
  api POST "$org/content-views" '{"name":"cv","repositories":["data/files"]}' > /dev/null
  await_task "$BASE$(api POST "$org/content-views/cv/publish" '{}' | href)" > /dev/null
}

href() { python3 -c 'import json,sys; print(json.load(sys.stdin)["href"])'; }

# bench_follow UP_BASE UP_AUTH ORG_LABEL WORKDIR: the server at $BASE/$AUTH enrolls with the upstream (approved for
# ORG_LABEL there), creates ORG_LABEL trusting the upstream's CA and follows its content view cv over HTTPS
# (the upstream's HTTPS port is its HTTP port + 1000, as bench_start sets it).
bench_follow() {
  local up=$1 up_auth=$2 org=$3 work=$4 down=$BASE down_auth=$AUTH csr approved ca
  ca=$(BASE=$up AUTH=$up_auth api GET /api/v1/trust/ca | python3 -c 'import json,sys; print(json.dumps({"pem": json.load(sys.stdin)["pem"]}))')
  csr=$(api POST /api/v1/upstream/certificate-request '{"name":"bench-down"}' | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["csr"]))')
  approved=$(BASE=$up AUTH=$up_auth api POST /api/v1/downstream-servers "{\"name\":\"bench-down\",\"csr\":$csr,\"scope\":[{\"organization\":\"$org\"}]}")
  echo "$approved" | python3 -c 'import json,sys; a=json.load(sys.stdin); print(json.dumps({"certificate": a["certificatePem"], "upstreamCa": a["caPem"]}))' > "$work/install.json"
  api PUT /api/v1/upstream/certificate "$(cat "$work/install.json")" > /dev/null
  api POST /api/v1/organizations "{\"name\":\"$org\"}" > /dev/null
  api POST "/api/v1/organizations/$org/trusted-certificates" "$ca" > /dev/null
  local port=${up##*:}
  api PUT "/api/v1/organizations/$org/upstream" "{\"url\":\"https://localhost:$((port + 1000))\",\"upstreamOrganization\":\"$org\",\"follow\":\"content-views\",\"contentViews\":[\"cv\"]}" > /dev/null
  BASE=$down AUTH=$down_auth
}
