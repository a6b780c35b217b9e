#!/usr/bin/env bash
# One large file (default 5 GiB) through a server with a 256 MiB heap: streamed upload (hashed and
# fsynced into the blob store), streamed download from /content, and a ranged read. Compared on the
# same file, in the same run, with cp + sha256sum (what the upload does: copy, hash, sync) and with
# sha256sum of the file (what a download check costs).
# Usage: bench/large-file.sh [size-in-MiB] [workdir]
. "$(dirname "$0")/lib.sh"
MIB=${1:-5120}
WORK=${2:-/tmp/ferry-bench-large}
mkdir -p "$WORK"
FILE="$WORK/big.img"
if [ ! -f "$FILE" ] || [ "$(stat -c %s "$FILE")" != "$((MIB * 1048576))" ]; then
  echo "== writing $MIB MiB of random data to $FILE"
  head -c "$((MIB * 1048576))" /dev/urandom > "$FILE"
fi
bench_start "$WORK" 18191 256m
trap bench_stop EXIT
api POST /api/v1/organizations '{"name":"Large","label":"large"}' > /dev/null
api POST /api/v1/organizations/large/products '{"name":"p","label":"p"}' > /dev/null
api POST /api/v1/organizations/large/products/p/repositories '{"name":"r","label":"r"}' > /dev/null
REPO=/api/v1/organizations/large/products/p/repositories/r
SHA=$(sha256sum "$FILE" | cut -c1-64)
sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true

t=$(now)
curl -sf -u "$AUTH" -X POST -H 'Content-Type: application/octet-stream' -T "$FILE" "$BASE$REPO/content/upload?relativePath=big.img&sha256=$SHA" > /dev/null
up=$(secs $t $(now))
t=$(now)
got=$(curl -sf -u "$AUTH" "$BASE/content/large/Library/custom/p/r/big.img" | sha256sum | cut -c1-64)
down=$(secs $t $(now))
[ "$got" = "$SHA" ] || { echo "downloaded SHA-256 differs" >&2; exit 1; }
t=$(now)
curl -sf -u "$AUTH" -H 'Range: bytes=4294967296-4295967295' "$BASE/content/large/Library/custom/p/r/big.img" -o /dev/null
ranged=$(secs $t $(now))

t=$(now); cp "$FILE" "$WORK/copy.img" && sha256sum "$WORK/copy.img" > /dev/null && sync "$WORK/copy.img"; cps=$(secs $t $(now)); rm -f "$WORK/copy.img"
t=$(now); sha256sum "$FILE" > /dev/null; sums=$(secs $t $(now))
rss=$(ps -o rss= -p "$(pgrep -f "FERRY_DATA_DIR=$WORK" || pgrep -n -f quarkus-run.jar)" | tr -d ' ')

echo "== $MIB MiB file, server heap 256 MiB"
echo "upload (stream, hash, fsync, version): $up s   cp+sha256sum+sync: $cps s   ratio $(python3 -c "print(f'{$up/$cps:.2f}')")x"
echo "download from /content piped to sha256sum: $down s   sha256sum of the file: $sums s   ratio $(python3 -c "print(f'{$down/$sums:.2f}')")x"
echo "1 MB ranged read at offset 4 GiB: $ranged s"
echo "server resident memory after: $((rss / 1024)) MiB; OutOfMemoryErrors in log: $(grep -c OutOfMemory "$WORK/server.log" || true)"
