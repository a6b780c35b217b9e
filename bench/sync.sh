#!/usr/bin/env bash
# Upstream sync benchmark: the export benchmark's 2 GB data set published on server A and synced to a fresh
# server B over loopback mutual TLS (signed tgz stream, every blob re-hashed on B), against, in the same run,
#   rsync -a of the same files between two local directories, and
#   Ferry's own export (tgz on A) + import (on a fresh server C) of the same content.
# Then A publishes one more 10 MB file and B syncs again: the bytes received are reported.
# Usage: bench/sync.sh [workdir]     (needs rsync, curl, python3; about 10 GB free)
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
W=${1:-/tmp/ferry-bench-sync}
HEAP=${HEAP:-256m}
mkdir -p "$W"
rm -rf "$W/src" "$W/rsync" && mkdir -p "$W/rsync"
bench_dataset "$W/src"
du -sb "$W/src" | awk '{printf "data set: %.2f GB\n", $1/1e9}'
timed() { local t0 t1; t0=$(now); "$@"; t1=$(now); secs "$t0" "$t1"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}x')"; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

echo "== rsync -a between local directories"
sync
T_RSYNC=$(timed rsync -a "$W/src/" "$W/rsync/")
echo "rsync -a:             ${T_RSYNC} s"
rm -rf "$W/rsync"

echo "== server A: upload and publish"
bench_start "$W/a" 18095 "$HEAP"; PIDS+=("$BENCH_PID"); A=$BASE; A_AUTH=$AUTH
ORG=/api/v1/organizations/bench
bench_upload_all "$W/src" "$ORG"
CA_A=$(api GET /api/v1/trust/ca | python3 -c 'import json,sys; print(json.dumps({"pem": json.load(sys.stdin)["pem"]}))')

echo "== server B: enroll with A, follow its content view, sync"
bench_start "$W/b" 18096 "$HEAP"; PIDS+=("$BENCH_PID"); B=$BASE; B_AUTH=$AUTH; B_PID=$BENCH_PID
bench_follow "$A" "$A_AUTH" bench "$W"
sync
T0=$(now)
TASK=$(await_task "$BASE$(api POST "$ORG/upstream/sync" '{}' | href)")
T1=$(now)
T_SYNC=$(secs "$T0" "$T1")
echo "$TASK" | python3 -c 'import json,sys; t=json.load(sys.stdin); r=t.get("result") or {}; s=(r.get("scopes") or [{}])[0]; print("sync task:", t["state"], "type:", s.get("type"), "bytes received:", r.get("bytesReceived"), "blobs stored:", s.get("blobsStored"))'

echo "== Ferry export (A, tgz) + import (fresh server C) of the same content"
BASE=$A AUTH=$A_AUTH
T0=$(now)
ETASK=$(await_task "$BASE$(api POST "$ORG/exports" '{"scope":{"kind":"content_view_version","contentView":"cv","version":"1.0"},"format":"tgz","compression":"fast"}' | href)")
T1=$(now)
T_EXPORT=$(secs "$T0" "$T1")
EXPORT_ID=$(echo "$ETASK" | field '["result"]["exportId"]')
BUNDLE=$(api GET "$ORG/exports/$EXPORT_ID" | field '["location"]')
export FERRY_IMPORT_ALLOWED_ROOTS="$W/a/data"
bench_start "$W/c" 18097 "$HEAP"; PIDS+=("$BENCH_PID")
api POST /api/v1/organizations '{"name":"bench"}' > /dev/null
api POST "$ORG/trusted-certificates" "$CA_A" > /dev/null
T0=$(now)
await_task "$BASE$(api POST "$ORG/imports" "{\"path\":\"$BUNDLE\"}" | href)" > /dev/null
T1=$(now)
T_IMPORT=$(secs "$T0" "$T1")
T_EI=$(python3 -c "print(f'{$T_EXPORT + $T_IMPORT:.2f}')")
echo "export + import:      ${T_EI} s (export ${T_EXPORT} s, import ${T_IMPORT} s)"
echo "ferry sync A -> B:    ${T_SYNC} s   sync/rsync = $(ratio "$T_SYNC" "$T_RSYNC") (target <= 1.3x)   sync/(export+import) = $(ratio "$T_SYNC" "$T_EI") (target <= 1.2x)"

echo "== second round: A publishes one more 10 MB file"
BASE=$A AUTH=$A_AUTH
head -c 10000000 /dev/urandom > "$W/new.bin"
curl -sf -u "$AUTH" -X POST -T "$W/new.bin" -H 'Content-Type: application/octet-stream' \
  "$BASE$ORG/products/data/repositories/files/content/upload?relativePath=new.bin" > /dev/null
await_task "$BASE$(api POST "$ORG/content-views/cv/publish" '{}' | href)" > /dev/null
BASE=$B AUTH=$B_AUTH
T0=$(now)
TASK=$(await_task "$BASE$(api POST "$ORG/upstream/sync" '{}' | href)")
T1=$(now)
echo "$TASK" | python3 -c 'import json,sys; t=json.load(sys.stdin); r=t.get("result") or {}; s=(r.get("scopes") or [{}])[0]; print("second sync:", t["state"], s.get("type"), "in", sys.argv[1], "s; bytes received:", r.get("bytesReceived"), "for a 10000000-byte file; blobs stored:", s.get("blobsStored"))' "$(secs "$T0" "$T1")"
echo "server B peak RSS (VmHWM): $(awk '/VmHWM/{printf "%.0f MiB", $2/1024}' /proc/"$B_PID"/status) with -Xmx$HEAP"
