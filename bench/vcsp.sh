#!/usr/bin/env bash
# A vCenter subscribed library of many files: items.json of a repository of N files (default 100,000: 100 OVF
# folders of 3 files, the rest single small files), time to first byte, total time and the server's RSS before and
# after, against nginx serving a static items.json of the same size (what a generator script leaves behind).
# Heap 256 MiB (HEAP=...). Usage: bench/vcsp.sh [files] [workdir]   (needs curl, python3, tar; nginx for the reference)
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
N=${1:-100000}
W=${2:-/tmp/ferry-bench-vcsp}
HEAP=${HEAP:-256m}
rm -rf "$W" && mkdir -p "$W/tree" "$W/nginx"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
python3 - "$W/tree" "$N" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(100):
    d = os.path.join(root, "templates", f"vm{i:03d}"); os.makedirs(d)
    for name in ("vm.ovf", "vm-disk1.vmdk", "vm.mf"):
        with open(os.path.join(d, name), "w") as f: f.write(f"{name} {i}\n")
for i in range(n - 300):
    d = os.path.join(root, "pool", f"d{i // 1000:03d}"); os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"f{i:06d}.{'iso' if i % 10 == 0 else 'txt'}"), "w") as f: f.write(f"file {i}\n")
PY
rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$BENCH_PID/status"; }
bench_start "$W/ferry" 18390 "$HEAP"; PIDS+=("$BENCH_PID")
org=/api/v1/organizations/vc
api POST /api/v1/organizations '{"name":"vc"}' > /dev/null
api POST "$org/products" '{"name":"p","label":"p"}' > /dev/null
api POST "$org/products/p/repositories" '{"name":"r","label":"r"}' > /dev/null
tar -C "$W/tree" -cf - . | curl -sf -u "$AUTH" -X POST -H 'Content-Type: application/x-tar' -T - \
  "$BASE$org/products/p/repositories/r/content/archive" > /dev/null
URL="$BASE/vcsp/vc/Library/custom/p/r/items.json"
curl -sf -u "$AUTH" -o /dev/null "$URL"   # warm-up
BEFORE=$(rss)
read -r TTFB TOTAL SIZE < <(curl -sf -u "$AUTH" -o "$W/items.json" -w '%{time_starttransfer} %{time_total} %{size_download}\n' "$URL")
AFTER=$(rss)
ITEMS=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['items']))" "$W/items.json")
echo "ferry items.json: $ITEMS items, $SIZE bytes: first byte ${TTFB}s, all ${TOTAL}s; RSS ${BEFORE} -> ${AFTER} MiB (heap $HEAP)"
bench_stop
if command -v nginx > /dev/null; then
  cp "$W/items.json" "$W/nginx/items.json"
  cat > "$W/nginx/nginx.conf" <<CONF
worker_processes 1; pid $W/nginx/nginx.pid; error_log $W/nginx/error.log; daemon off;
events { worker_connections 64; }
http { access_log off; sendfile on; server { listen 127.0.0.1:18380; root $W/nginx; } }
CONF
  nginx -c "$W/nginx/nginx.conf" -p "$W/nginx" & PIDS+=($!)
  sleep 1
  read -r NT NTOTAL < <(curl -sf -o /dev/null -w '%{time_starttransfer} %{time_total}\n' http://127.0.0.1:18380/items.json)
  echo "nginx, the same items.json as a static file: first byte ${NT}s, all ${NTOTAL}s; ferry/nginx total $(python3 -c "print(f'{$TOTAL / $NTOTAL:.1f}')")x"
fi
