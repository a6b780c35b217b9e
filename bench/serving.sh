#!/usr/bin/env bash
# Serving /content to a fleet: wrk (2 threads, 64 connections, keep-alive) fetching small and large files from Ferry and
# from nginx serving the same files from a plain directory, same run, same machine:
#   1. 2,000 files of 16 KiB, each request another file (a kickstart or package-manager pattern);
#   2. 100 files of 1 MiB;
#   3. 4 files of 256 MiB (an ISO pool behind IPMI consoles), 8 connections: throughput, not requests;
# each with HTTP Basic (Ferry's default: content needs view_content) and anonymous (ferry.content.anonymous=true).
# nginx and both Ferry servers run side by side; after a warm-up of each, the three are measured in turn, ROUNDS times
# (default 3), and the median of each is compared, so a change in the machine's state during the run hits all three.
# Prints Ferry's rate as a fraction of nginx's (1.00 = as fast). Heap 256 MiB (HEAP=...), FERRY_ENV="K=V ..." adds
# environment to both servers. Usage: bench/serving.sh [seconds] [workdir]   (needs wrk, nginx, curl, python3)
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

cat > "$W/nginx/nginx.conf" <<CONF
worker_processes auto; pid $W/nginx/nginx.pid; error_log $W/nginx/error.log; daemon off;
events { worker_connections 1024; }
http { access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  server { listen 127.0.0.1:18280; root $W/tree; } }
CONF
nginx -c "$W/nginx/nginx.conf" -p "$W/nginx" & PIDS+=($!)
N_URL=http://127.0.0.1:18280

[ -z "${FERRY_ENV:-}" ] || eval "export $FERRY_ENV"
start_ferry() { # start_ferry anonymous(true|false) port -> sets F_PID F_URL F_AUTHZ; loads the tree as one repository
  FERRY_CONTENT_ANONYMOUS=$1 bench_start "$W/ferry-$1" "$2" "$HEAP"
  F_PID=$BENCH_PID; PIDS+=("$F_PID")
  local org=/api/v1/organizations/fleet
  api POST /api/v1/organizations '{"name":"fleet"}' > /dev/null
  api POST "$org/products" '{"name":"p","label":"p"}' > /dev/null
  api POST "$org/products/p/repositories" '{"name":"r","label":"r"}' > /dev/null
  tar -C "$W/tree" -cf - . | curl -sf -u "$AUTH" -X POST -H 'Content-Type: application/x-tar' -T - \
    "$BASE$org/products/p/repositories/r/content/archive" > /dev/null
  F_URL=$BASE; F_AUTHZ=""
  [ "$1" = true ] || F_AUTHZ="Basic $(printf '%s' "$AUTH" | base64 -w0)"
}
start_ferry false 18290; B_PID=$F_PID B_URL=$F_URL B_AUTHZ=$F_AUTHZ
start_ferry true 18390; A_PID=$F_PID A_URL=$F_URL
ROUNDS=${ROUNDS:-3}
P=/content/fleet/Library/custom/p/r/

measure() { # measure rps|mibps LIST -> "nginx basic anonymous" medians
  local how=$1 list=$2 n=() b=() a=()
  BASE_URL=$N_URL $how / "$list" "" > /dev/null
  BASE_URL=$B_URL $how "$P" "$list" "$B_AUTHZ" > /dev/null
  BASE_URL=$A_URL $how "$P" "$list" "" > /dev/null
  for r in $(seq 0 $((ROUNDS - 1))); do # each round starts with the next of the three, so none always follows another
    for k in 0 1 2; do
      case $(((r + k) % 3)) in
        0) n+=("$(BASE_URL=$N_URL $how / "$list" "")") ;;
        1) b+=("$(BASE_URL=$B_URL $how "$P" "$list" "$B_AUTHZ")") ;;
        2) a+=("$(BASE_URL=$A_URL $how "$P" "$list" "")") ;;
      esac
    done
  done
  python3 -c "import statistics,sys; print(*[statistics.median(map(float, g.split())) for g in sys.argv[1:]])" "${n[*]}" "${b[*]}" "${a[*]}"
}
report() { # report LABEL UNIT FLOOR nginx basic anonymous
  python3 -c "import sys; l,u,f,n,b,a=sys.argv[1:]; n,b,a,f=map(float,(n,b,a,f)); print(f'{l}: nginx {n:,.0f} {u}; Ferry Basic {b:,.0f} ({b/n:.2f}x nginx), anonymous {a:,.0f} ({a/n:.2f}x nginx); floor {f:.2f}x')" "$@"
}
[ -n "${ONLY_LARGE:-}" ] || report "16 KiB files" "req/s" 0.25 $(measure rps "$W/small.txt")
report "1 MiB files" "req/s" 0.80 $(measure rps "$W/large.txt")
[ -n "${ONLY_LARGE:-}" ] || report "256 MiB files" "MiB/s" 0.90 $(measure mibps "$W/huge.txt")
for p in "$B_PID" "$A_PID"; do awk -v p="$p" '/VmHWM/ {printf "peak RSS of Ferry (pid %s): %.0f MiB\n", p, $2/1024}' "/proc/$p/status" 2>/dev/null || true; done
