#!/usr/bin/env bash
# Export benchmark: the same data set exported by Ferry and packed by the standard tools, in one run.
#   three 500 MB incompressible images + ~500 MB of compressible text (log lines)
#   tgz  vs  tar -cf - | pigz -6   and   tar -czf (GNU gzip -6); the tgz extracts to identical files
#   iso  vs  xorriso -as mkisofs -J -r
#   dir (hard links)  vs  cp -r
#   incremental after adding one 10 MB file: output size
# BIG_GB=10 adds a complete tgz export of that many GB of images and reports the server's peak RSS.
# Usage: bench/export.sh [workdir]     (needs pigz, xorriso, curl, python3; about 12 GB free, more with BIG_GB)
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
W=${1:-/tmp/ferry-bench-export}
HEAP=${HEAP:-256m}
mkdir -p "$W"
rm -rf "$W/src" "$W/out" && mkdir -p "$W/out"

bench_dataset "$W/src"
du -sb "$W/src" | awk '{printf "data set: %.2f GB\n", $1/1e9}'

bench_start "$W" 18091 "$HEAP"
trap bench_stop EXIT
SERVER_PID=$BENCH_PID # ferry-server execs java
ORG=/api/v1/organizations/bench
echo "== uploading"
bench_upload_all "$W/src" "$ORG"

export_run() { # export_run JSON -> seconds; prints the export record to $W/last.json
  local t0 t1 loc task id
  t0=$(now)
  loc=$(api POST "$ORG/exports" "$1" | href)
  task=$(await_task "$BASE$loc")
  t1=$(now)
  id=$(echo "$task" | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"]["exportId"])')
  api GET "$ORG/exports/$id" > "$W/last.json"
  secs "$t0" "$t1"
}
field() { python3 -c "import json; d=json.load(open('$W/last.json')); print($1)"; }
timed() { local t0 t1; t0=$(now); "$@"; t1=$(now); secs "$t0" "$t1"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}x')"; }
SCOPE='{"kind":"content_view_version","contentView":"cv","version":"1.0"}'
sync

echo "== tgz"
T_FERRY=$(export_run "{\"scope\":$SCOPE,\"format\":\"tgz\"}")
TGZ=$(field 'd["location"] + "/" + d["volumes"][0]["name"]')
TGZ_SIZE=$(stat -c %s "$TGZ")
T_PIGZ=$(timed sh -c "tar -C '$W/src' -cf - . | pigz -6 > '$W/out/pigz.tar.gz'")
T_GZIP=$(timed tar -C "$W/src" -czf "$W/out/gzip.tar.gz" .)
echo "ferry tgz:            ${T_FERRY} s  ($(python3 -c "print(round($TGZ_SIZE/1e9,3))") GB)"
echo "tar | pigz -6:        ${T_PIGZ} s  ($(python3 -c "print(round($(stat -c %s "$W/out/pigz.tar.gz")/1e9,3))") GB)   ferry/pigz = $(ratio "$T_FERRY" "$T_PIGZ")  (target <= 0.6x)"
echo "tar -czf (gzip -6):   ${T_GZIP} s  ($(python3 -c "print(round($(stat -c %s "$W/out/gzip.tar.gz")/1e9,3))") GB)   ferry/gzip = $(ratio "$T_FERRY" "$T_GZIP")  (target <= 0.3x)"
rm -f "$W/out/pigz.tar.gz" "$W/out/gzip.tar.gz"
mkdir -p "$W/out/x" && tar -C "$W/out/x" -xzf "$TGZ"
python3 - "$W" <<'PY'
import json, os, sys, hashlib
w = sys.argv[1]
m = json.load(open(os.path.join(w, "out/x/ferry/manifest.json")))
bad = 0
for u in m["repositories"][0]["units"]:
    src = os.path.join(w, "src", u["relativePath"])
    with open(src, "rb") as a, open(os.path.join(w, "out/x/blobs", u["sha256"]), "rb") as b:
        while True:
            x, y = a.read(1 << 20), b.read(1 << 20)
            if x != y:
                bad += 1; break
            if not x:
                break
print(f"tar -xzf of the ferry tgz: {len(m['repositories'][0]['units']) - bad} of {len(m['repositories'][0]['units'])} files byte-identical to the originals")
PY
rm -rf "$W/out/x"

echo "== iso"
T_FERRY=$(export_run "{\"scope\":$SCOPE,\"format\":\"iso\"}")
T_XOR=$(timed xorriso -as mkisofs -quiet -J -r -o "$W/out/xorriso.iso" "$W/src")
echo "ferry iso:            ${T_FERRY} s"
echo "xorriso -as mkisofs:  ${T_XOR} s   ferry/xorriso = $(ratio "$T_FERRY" "$T_XOR")  (target <= 1.2x)"
rm -f "$W/out/xorriso.iso"

echo "== dir"
T_FERRY=$(export_run "{\"scope\":$SCOPE,\"format\":\"dir\"}")
T_CP=$(timed cp -r "$W/src" "$W/out/cp")
echo "ferry dir (links):    ${T_FERRY} s wall incl. task polling; $(field "__import__('datetime').datetime.fromisoformat(d['finishedAt'].replace('Z','+00:00')).timestamp() - __import__('datetime').datetime.fromisoformat(d['createdAt'].replace('Z','+00:00')).timestamp()") s in the server (export record created -> finished)"
echo "cp -r:                ${T_CP} s   ferry/cp = $(ratio "$T_FERRY" "$T_CP")  (target <= 0.1x)"
rm -rf "$W/out/cp"

echo "== incremental after one 10 MB file"
head -c 10000000 /dev/urandom > "$W/src/images/extra.bin"
curl -sf -u "$AUTH" -X POST -T "$W/src/images/extra.bin" -H 'Content-Type: application/octet-stream' \
  "$BASE$ORG/products/data/repositories/files/content/upload?relativePath=images/extra.bin" > /dev/null
await_task "$BASE$(api POST $ORG/content-views/cv/publish '{}' | href)" > /dev/null
T_INC=$(export_run '{"scope":{"kind":"content_view_version","contentView":"cv","version":"2.0"},"type":"incremental","format":"tgz"}')
INC=$(field 'd["location"] + "/" + d["volumes"][0]["name"]')
MAN=$(field 'd["location"]')/manifest.json
echo "incremental tgz:      ${T_INC} s, $(stat -c %s "$INC") bytes for a 10000000-byte file plus a $(stat -c %s "$MAN")-byte manifest"

if [ -n "${BIG_GB:-}" ]; then
  echo "== ${BIG_GB} GB complete tgz export with -Xmx$HEAP"
  api POST $ORG/products/data/repositories '{"name":"big"}' > /dev/null
  for i in $(seq 1 "$BIG_GB"); do
    head -c 1000000000 /dev/urandom > "$W/out/big.img"
    curl -sf -u "$AUTH" -X POST -T "$W/out/big.img" -H 'Content-Type: application/octet-stream' \
      "$BASE$ORG/products/data/repositories/big/content/upload?relativePath=big-$i.img" > /dev/null
    rm -f "$W/out/big.img"
  done
  T_BIG=$(export_run '{"scope":{"kind":"repository","product":"data","repository":"big"},"format":"tgz"}')
  echo "${BIG_GB} GB tgz export: ${T_BIG} s, $(field 'd["totalSize"]') bytes, status $(field 'd["status"]')"
fi
echo "server peak RSS (VmHWM): $(awk '/VmHWM/{printf "%.0f MiB", $2/1024}' /proc/"$SERVER_PID"/status) with -Xmx$HEAP"
