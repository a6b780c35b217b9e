#!/usr/bin/env bash
# Block-level deltas (docs/deltas.md): what chunk indexing costs an upload, and what a changed image moves.
#   1. The same 2 GiB raw image uploaded (streamed, hashed, fsynced) to a server with chunk indexing off
#      (FERRY_DELTA_ENABLED=false) and on, each twice, best of two; ratio on/off (target: at most 1.15x).
#   2. The index's size next to the image's.
#   3. The change of the issue (1% of the bytes changed in 20 scattered places plus 8 MiB inserted in the
#      middle): rsync --stats between two local directories reports its literal data, the bytes a delta
#      sync must come close to, and the time rsync takes.
#   4. Ferry: server A holds the image, B syncs it (complete); A gets the changed image at the same path, and B's
#      second sync moves the delta: its bytes received and wall time against rsync's literal data and time
#      (targets: at most 1.5x each); an incremental tgz export of the change on A against rsync's literal data
#      (target: at most 1.5x).
# Usage: bench/delta.sh [size-in-MiB] [workdir]     (needs curl, rsync, python3; about 3x the size free)
. "$(dirname "$0")/lib.sh"
MIB=${1:-2048}
WORK=${2:-/tmp/ferry-bench-delta}
mkdir -p "$WORK"
IMG="$WORK/disk.raw"
if [ ! -f "$IMG" ] || [ "$(stat -c %s "$IMG")" != "$((MIB * 1048576))" ]; then
  echo "== writing $MIB MiB of random data to $IMG"
  head -c "$((MIB * 1048576))" /dev/urandom > "$IMG"
fi
SHA=$(sha256sum "$IMG" | cut -c1-64)

upload_once() { # upload_once -> seconds
  api POST /api/v1/organizations/delta/products/p/repositories '{"name":"r","label":"r'"$1"'"}' > /dev/null
  local t; t=$(now)
  curl -sf -u "$AUTH" -X POST -H 'Content-Type: application/octet-stream' -T "$IMG" \
    "$BASE/api/v1/organizations/delta/products/p/repositories/r$1/content/upload?relativePath=disk.raw&sha256=$SHA" > /dev/null
  secs "$t" "$(now)"
}

measure() { # measure ENABLED -> best of two uploads (each into a fresh data dir, so the blob is new)
  local best=""
  trap bench_stop EXIT # this runs in a subshell: stop its server if a step fails
  for round in 1 2; do
    FERRY_DELTA_ENABLED=$1 bench_start "$WORK/srv" 18391 256m
    api POST /api/v1/organizations '{"name":"Delta","label":"delta"}' > /dev/null
    api POST /api/v1/organizations/delta/products '{"name":"p","label":"p"}' > /dev/null
    local s; s=$(upload_once "$round")
    best=$(python3 -c "print(min(float('$s'), float('${best:-1e9}')))")
    if [ "$1" = true ]; then
      find "$WORK/srv/data/blobs/chunks" -name "$SHA.cdx" -printf '%s' > "$WORK/index-size" 2>/dev/null || true
    fi
    bench_stop
  done
  echo "$best"
}
rm -f "$WORK/index-size"
if [ -z "${DELTA_ONLY:-}" ]; then # DELTA_ONLY=1: skip the upload measurements (steps 1-2)
OFF=$(measure false)
ON=$(measure true)
INDEX=$(cat "$WORK/index-size" 2>/dev/null || true)
ratio() { python3 -c "print(f'{$1 / $2:.2f}x')"; }
echo "== $MIB MiB image, server heap 256 MiB"
echo "upload, chunk indexing off: ${OFF} s"
echo "upload, chunk indexing on:  ${ON} s   on/off = $(ratio "$ON" "$OFF") (target <= 1.15x)"
echo "chunk index: ${INDEX:-none} bytes ($(python3 -c "print(f'{${INDEX:-0} / ($MIB * 1048576) * 100:.4f}')")% of the image)"
fi

echo "== the change: 1% of the bytes in 20 places, 8 MiB inserted in the middle; rsync --stats between local dirs"
rm -rf "$WORK/old" "$WORK/new" && mkdir -p "$WORK/old" "$WORK/new"
cp "$IMG" "$WORK/old/disk.raw"
python3 - "$IMG" "$WORK/new/disk.raw" <<'PY'
import os, random, sys
src, dst = sys.argv[1], sys.argv[2]
size = os.path.getsize(src)
rnd = random.Random(19)
per = size // 100 // 20                       # 1% of the bytes, in 20 runs
places = sorted(rnd.randrange(0, size - per) for _ in range(20))
middle = size // 2
with open(src, 'rb') as i, open(dst, 'wb') as o:
    pos = 0
    cuts = sorted(set(places + [middle]))
    for c in cuts:
        while pos < c:
            b = i.read(min(1 << 20, c - pos)); o.write(b); pos += len(b)
        if c == middle:
            o.write(os.urandom(8 << 20))
        if c in places:
            i.seek(per, 1); pos += per; o.write(os.urandom(per))
    while True:
        b = i.read(1 << 20)
        if not b: break
        o.write(b)
PY
t=$(now)
LITERAL=$(rsync -a --no-whole-file --stats "$WORK/new/disk.raw" "$WORK/old/disk.raw" | awk -F': ' '/Literal data/ {gsub(/[^0-9]/, "", $2); print $2}')
T_RSYNC=$(secs "$t" "$(now)")
echo "rsync: literal data ${LITERAL} bytes ($(python3 -c "print(f'{$LITERAL / ($MIB * 1048576) * 100:.2f}')")% of the image) in ${T_RSYNC} s"

echo "== Ferry: A holds the image, B synced it; A gets the changed image; B syncs again (over loopback mTLS)"
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
ORG=/api/v1/organizations/bench
bench_start "$WORK/a" 18391 256m; PIDS+=("$BENCH_PID"); A=$BASE; A_AUTH=$AUTH
mkdir -p "$WORK/src" && ln -f "$IMG" "$WORK/src/disk.raw"
bench_upload_all "$WORK/src" "$ORG"
curl -sf -u "$AUTH" -X POST -H 'Content-Type: application/json' -d '{"scope":{"kind":"content_view_version","contentView":"cv","version":"1.0"},"format":"tgz","destination":"disc"}' "$BASE$ORG/exports" | href > "$WORK/full.href"
await_task "$BASE$(cat "$WORK/full.href")" > /dev/null
bench_start "$WORK/b" 18392 256m; PIDS+=("$BENCH_PID"); B=$BASE; B_AUTH=$AUTH
bench_follow "$A" "$A_AUTH" bench "$WORK"
await_task "$BASE$(api POST "$ORG/upstream/sync" '{}' | href)" | field '["state"]' > /dev/null
BASE=$A AUTH=$A_AUTH
curl -sf -u "$AUTH" -X POST -T "$WORK/new/disk.raw" -H 'Content-Type: application/octet-stream' \
  "$BASE$ORG/products/data/repositories/files/content/upload?relativePath=disk.raw" > /dev/null
await_task "$BASE$(api POST "$ORG/content-views/cv/publish" '{}' | href)" > /dev/null
BASE=$B AUTH=$B_AUTH
sync
t=$(now)
TASK=$(await_task "$BASE$(api POST "$ORG/upstream/sync" '{}' | href)")
T_SYNC=$(secs "$t" "$(now)")
RECEIVED=$(echo "$TASK" | field '["result"]["bytesReceived"]')
echo "$TASK" | python3 -c 'import json,sys; t=json.load(sys.stdin); s=((t.get("result") or {}).get("scopes") or [{}])[0]; print("delta sync:", t["state"], s.get("type"), "blobs stored:", s.get("blobsStored"))'
BASE=$A AUTH=$A_AUTH
ETASK=$(await_task "$BASE$(api POST "$ORG/exports" '{"scope":{"kind":"content_view_version","contentView":"cv","version":"2.0"},"format":"tgz","type":"incremental","destination":"disc"}' | href)")
EXPORTED=$(echo "$ETASK" | field '["result"]["totalSize"]')
ratio() { python3 -c "print(f'{$1 / $2:.2f}x')"; }
echo "ferry sync of the change: ${RECEIVED} bytes received in ${T_SYNC} s"
echo "  bytes/rsync literal = $(ratio "$RECEIVED" "$LITERAL") (target <= 1.5x)   time/rsync = $(ratio "$T_SYNC" "$T_RSYNC") (target <= 1.5x)"
echo "ferry incremental tgz export of the change: ${EXPORTED} bytes   /rsync literal = $(ratio "$EXPORTED" "$LITERAL") (target <= 1.5x)"
rm -rf "$WORK/old" "$WORK/new" "$WORK/src"
