#!/usr/bin/env bash
# Import benchmark: the export benchmark's 2 GB data set exported as one tgz by server A, then
#   imported by a fresh server B (every blob re-hashed and stored, database applied)
#   vs  tar -xzf of the same tgz followed by sha256sum over the extracted files, in the same run.
# Also reports B's peak temporary disk use (blob store tmp/) against the largest blob, and B's peak RSS.
# Usage: bench/import.sh [workdir]     (needs curl, python3; about 8 GB free)
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
W=${1:-/tmp/ferry-bench-import}
HEAP=${HEAP:-256m}
mkdir -p "$W"
rm -rf "$W/src" "$W/out" && mkdir -p "$W/out"
bench_dataset "$W/src"
du -sb "$W/src" | awk '{printf "data set: %.2f GB\n", $1/1e9}'
timed() { local t0 t1; t0=$(now); "$@"; t1=$(now); secs "$t0" "$t1"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}x')"; }

echo "== server A: upload, publish, export tgz"
bench_start "$W/a" 18093 "$HEAP"
ORG=/api/v1/organizations/bench
bench_upload_all "$W/src" "$ORG"
TASK=$(await_task "$BASE$(api POST "$ORG/exports" '{"scope":{"kind":"content_view_version","contentView":"cv","version":"1.0"},"format":"tgz"}' | href)")
EXPORT_ID=$(echo "$TASK" | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"]["exportId"])')
BUNDLE=$(api GET "$ORG/exports/$EXPORT_ID" | python3 -c 'import json,sys; print(json.load(sys.stdin)["location"])')
api GET /api/v1/trust/ca | python3 -c 'import json,sys; print(json.dumps({"pem": json.load(sys.stdin)["pem"]}))' > "$W/ca-a.json"
bench_stop
mv "$BUNDLE" "$W/bundle"
TGZ=$(ls "$W"/bundle/*.tar.gz)
echo "bundle: $(stat -c %s "$TGZ") bytes"
rm -rf "$W/a"

echo "== tar -xzf + sha256sum"
sync
T_TAR=$(timed tar -C "$W/out" -xzf "$TGZ")
T_SUM=$(timed sh -c "cd '$W/out/blobs' && sha256sum * > /dev/null")
T_STD=$(python3 -c "print(f'{$T_TAR + $T_SUM:.2f}')")
rm -rf "$W/out"/*
echo "tar -xzf:             ${T_TAR} s"
echo "sha256sum:            ${T_SUM} s"

echo "== server B: import"
export FERRY_IMPORT_ALLOWED_ROOTS="$W"
bench_start "$W/b" 18094 "$HEAP"
SERVER_PID=$BENCH_PID
trap bench_stop EXIT
api POST /api/v1/organizations '{"name":"site"}' > /dev/null
api POST /api/v1/organizations/site/trusted-certificates "$(cat "$W/ca-a.json")" > /dev/null   # B trusts A's signature
( peak=0; while kill -0 "$SERVER_PID" 2>/dev/null; do
    s=$(du -sb "$W/b/data/blobs/tmp" 2>/dev/null | cut -f1); [ "${s:-0}" -gt "$peak" ] && peak=$s && echo "$peak" > "$W/tmp-peak"
    sleep 0.1; done ) &
WATCH=$!
sync
T0=$(now)
TASK=$(await_task "$BASE$(api POST /api/v1/organizations/site/imports "{\"path\":\"$W/bundle\"}" | href)")
T1=$(now)
T_IMPORT=$(secs "$T0" "$T1")
echo "$TASK" | python3 -c 'import json,sys; t=json.load(sys.stdin); r=t.get("result") or {}; print("import task:", t["state"], "blobs stored:", r.get("blobsStored"), "units:", r.get("units"))'
echo "ferry import:         ${T_IMPORT} s (client wall time: POST with checks, task, polling)   ferry/(tar+sha256sum) = $(ratio "$T_IMPORT" "$T_STD")  (target <= 1.2x)"
LARGEST=$(find "$W/src" -type f -printf '%s\n' | sort -n | tail -1)
kill "$WATCH" 2>/dev/null || true
echo "temp disk peak:       $(cat "$W/tmp-peak" 2>/dev/null || echo 0) bytes in blobs/tmp (largest blob $LARGEST bytes)"
echo "server B peak RSS (VmHWM): $(awk '/VmHWM/{printf "%.0f MiB", $2/1024}' /proc/"$SERVER_PID"/status) with -Xmx$HEAP"
