#!/usr/bin/env bash
# Serving /content to a fleet: wrk (2 threads, 64 connections, keep-alive) fetching small and large files from Ferry and
# from nginx serving the same files from a plain directory, same run, same machine:
#   1. 2,000 files of 16 KiB, each request another file (a kickstart or package-manager pattern);
#   2. 100 files of 1 MiB;
#   3. 4 files of 256 MiB (an ISO pool behind IPMI consoles), 8 connections: throughput, not requests;
# each with HTTP Basic (Ferry's default: content needs view_content) and anonymous (ferry.content.anonymous=true).
# Heap 256 MiB (HEAP=...). Usage: bench/serving.sh [seconds] [workdir]   (needs wrk, nginx, curl, python3)
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SECS=${1:-10}
W=${2:-/tmp/ferry-bench-serving}
HEAP=${HEAP:-256m}
command -v wrk > /dev/null && command -v nginx > /dev/null || { echo "needs wrk and nginx (apt-get install wrk nginx-light)"; exit 2; }
rm -rf "$W" && mkdir -p "$W/tree/small" "$W/tree/large" "$W/tree/huge" "$W/nginx"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

python3 - "$W/tree" <<'PY'
import os, sys
root = sys.argv[1]
for i in range(2000):
    with open(os.path.join(root, "small", f"f{i:04d}.rpm"), "wb") as f: f.write(os.urandom(16384))
for i in range(100):
    with open(os.path.join(root, "large", f"f{i:03d}.img"), "wb") as f: f.write(os.urandom(1 << 20))
for i in range(4):
    with open(os.path.join(root, "huge", f"h{i}.iso"), "wb") as f:
        for _ in range(256): f.write(os.urandom(1 << 20))
PY
(cd "$W/tree" && find huge -type f | sort) > "$W/huge.txt"
(cd "$W/tree" && find small -type f | sort) > "$W/small.txt"
(cd "$W/tree" && find large -type f | sort) > "$W/large.txt"
cat > "$W/paths.lua" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = os.getenv("PREFIX") .. line end
local i = math.random(#paths)
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { ["Authorization"] = os.getenv("AUTHZ") })
end
LUA
rps() { # rps PREFIX_URL LIST AUTHZ -> requests per second
  PATHS="$2" PREFIX="$1" AUTHZ="$3" wrk -t2 -c64 -d"${SECS}s" -s "$W/paths.lua" "$BASE_URL" 2>&1 \
    | awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "non-2xx: " $0 > "/dev/stderr"}'
}

mibps() { # mibps PREFIX_URL LIST AUTHZ -> MiB per second with 8 connections
  PATHS="$2" PREFIX="$1" AUTHZ="$3" wrk -t2 -c8 -d"${SECS}s" -s "$W/paths.lua" "$BASE_URL" 2>&1 \
    | awk '/Transfer\/sec/ {v=$2; u=substr(v, length(v)-1); n=substr(v, 1, length(v)-2); f=(u=="GB")?1024:(u=="MB")?1:(u=="KB")?1/1024:1/1048576; printf "%.0f\n", n*f}'
}

echo "== nginx serving the tree"
cat > "$W/nginx/nginx.conf" <<CONF
worker_processes auto; pid $W/nginx/nginx.pid; error_log $W/nginx/error.log; daemon off;
events { worker_connections 1024; }
http { access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  server { listen 127.0.0.1:18280; root $W/tree; } }
CONF
nginx -c "$W/nginx/nginx.conf" -p "$W/nginx" & PIDS+=($!)
sleep 1
BASE_URL=http://127.0.0.1:18280
N_SMALL=$(rps "/" "$W/small.txt" "")
N_LARGE=$(rps "/" "$W/large.txt" "")
N_HUGE=$(mibps "/" "$W/huge.txt" "")
echo "nginx 16 KiB: $N_SMALL req/s   1 MiB: $N_LARGE req/s   256 MiB: $N_HUGE MiB/s"

serve() { # serve anonymous(true|false) -> prints small and large req/s of Ferry
  FERRY_CONTENT_ANONYMOUS=$1 bench_start "$W/ferry-$1" 18290 "$HEAP"; PIDS+=("$BENCH_PID")
  local org=/api/v1/organizations/fleet
  api POST /api/v1/organizations '{"name":"fleet"}' > /dev/null
  api POST "$org/products" '{"name":"p","label":"p"}' > /dev/null
  api POST "$org/products/p/repositories" '{"name":"r","label":"r"}' > /dev/null
  tar -C "$W/tree" -cf - . | curl -sf -u "$AUTH" -X POST -H 'Content-Type: application/x-tar' -T - \
    "$BASE$org/products/p/repositories/r/content/archive" > /dev/null
  BASE_URL=$BASE
  local authz=""
  [ "$1" = true ] || authz="Basic $(printf '%s' "$AUTH" | base64 -w0)"
  rps "/content/fleet/Library/custom/p/r/" "$W/small.txt" "$authz" > /dev/null   # warm-up, as nginx had the page cache
  F_SMALL=$(rps "/content/fleet/Library/custom/p/r/" "$W/small.txt" "$authz")
  F_LARGE=$(rps "/content/fleet/Library/custom/p/r/" "$W/large.txt" "$authz")
  F_HUGE=$(mibps "/content/fleet/Library/custom/p/r/" "$W/huge.txt" "$authz")
  echo "ferry ($([ "$1" = true ] && echo anonymous || echo Basic)) 16 KiB: $F_SMALL req/s ($(python3 -c "print(f'{$N_SMALL / $F_SMALL:.1f}')")x slower than nginx)   1 MiB: $F_LARGE req/s ($(python3 -c "print(f'{$N_LARGE / $F_LARGE:.1f}')")x)   256 MiB: $F_HUGE MiB/s ($(python3 -c "print(f'{$F_HUGE / $N_HUGE:.2f}')")x nginx's throughput)   peak RSS $(awk '/VmHWM/ {printf "%.0f MiB", $2/1024}' "/proc/$BENCH_PID/status" 2>/dev/null || echo ?)"
  bench_stop
}
serve false
serve true
