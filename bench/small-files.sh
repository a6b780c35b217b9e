#!/usr/bin/env bash
# Many small files: a tree of 100,000 files of 64-200 bytes (the size of bench/content-scale.sh's units) in 100
# directories, against rsync -a of the same tree in the same run:
#   1. a repository on server A seeded from the tree as a file:// remote (every file read, hashed, stored);
#   2. A publishes it; a fresh server B enrolls with A and syncs it over loopback mutual TLS (receipt, signed
#      tgz stream, every blob re-hashed on B).
# Heap capped at 256 MiB (HEAP=...); the peak RSS of each server is printed.
# Usage: bench/small-files.sh [files] [workdir]     (needs rsync, curl, python3)
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
N=${1:-100000}
W=${2:-/tmp/ferry-bench-small}
HEAP=${HEAP:-256m}
mkdir -p "$W"
rm -rf "$W/tree" "$W/rsync" "$W/a" "$W/b"
timed() { local t0 t1; t0=$(now); "$@"; t1=$(now); secs "$t0" "$t1"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}x')"; }
peak() { awk '/VmHWM/ {printf "%.0f MiB", $2/1024}' "/proc/$1/status"; }
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

python3 - "$W/tree" "$N" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, f"d{i % 100:02d}")
    if i < 100: os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"unit-{i:06d}.bin"), "wb") as f:
        f.write((f"unit {i} ".encode() * 20)[:64 + i % 137])
PY
du -sb "$W/tree" | awk -v n="$N" '{printf "tree: %d files, %.1f MB\n", n, $1/1e6}'

echo "== rsync -a between local directories"
sync
T_RSYNC=$(timed rsync -a "$W/tree/" "$W/rsync/")
echo "rsync -a:                 ${T_RSYNC} s"

echo "== server A: the tree as a file:// remote"
export FERRY_IMPORT_ALLOWED_ROOTS="$W"
bench_start "$W/a" 18195 "$HEAP"; PIDS+=("$BENCH_PID"); A=$BASE; A_AUTH=$AUTH; A_PID=$BENCH_PID
ORG=/api/v1/organizations/small
REPO=$ORG/products/p/repositories/r
api POST /api/v1/organizations '{"name":"small"}' > /dev/null
api POST "$ORG/products" '{"name":"p","label":"p"}' > /dev/null
api POST "$ORG/products/p/repositories" "{\"name\":\"r\",\"label\":\"r\",\"remote\":{\"url\":\"file://$W/tree/\"}}" > /dev/null
sync
T0=$(now)
TASK=$(await_task "$BASE$(api POST "$REPO/sync" '{}' | href)")
T1=$(now)
T_SEED=$(secs "$T0" "$T1")
echo "$TASK" | python3 -c 'import json,sys; t=json.load(sys.stdin); r=t.get("result") or {}; print("seed task:", t["state"], "files read:", r.get("readFiles"), "units:", r.get("units"))'
echo "file:// seed:             ${T_SEED} s   seed/rsync = $(ratio "$T_SEED" "$T_RSYNC")"
api POST "$ORG/content-views" '{"name":"cv","label":"cv","repositories":["p/r"]}' > /dev/null
T0=$(now)
await_task "$BASE$(api POST "$ORG/content-views/cv/publish" '{}' | href)" > /dev/null
T1=$(now)
echo "publish:                  $(secs "$T0" "$T1") s"

echo "== server B: enroll with A, follow cv, sync"
bench_start "$W/b" 18196 "$HEAP"; PIDS+=("$BENCH_PID"); B=$BASE; B_AUTH=$AUTH; B_PID=$BENCH_PID
bench_follow "$A" "$A_AUTH" small "$W"
sync
T0=$(now)
TASK=$(await_task "$BASE$(api POST "$ORG/upstream/sync" '{}' | href)")
T1=$(now)
T_SYNC=$(secs "$T0" "$T1")
echo "$TASK" | python3 -c 'import json,sys; t=json.load(sys.stdin); r=t.get("result") or {}; s=(r.get("scopes") or [{}])[0]; print("sync task:", t["state"], "type:", s.get("type"), "bytes received:", r.get("bytesReceived"), "blobs stored:", s.get("blobsStored"))'
echo "ferry sync A -> B:        ${T_SYNC} s   sync/rsync = $(ratio "$T_SYNC" "$T_RSYNC") (target <= 3x)"
echo "peak RSS: A $(peak "$A_PID"), B $(peak "$B_PID") (heap capped at $HEAP)"
