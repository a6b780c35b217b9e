#!/usr/bin/env bash
# Publication to an S3 bucket: a repository of N small files (default 10,000, 1-4 KiB) plus 4 files of 32 MiB,
# published by Ferry to s3proxy (filesystem backend) three times: first, again unchanged, and after one file
# changed; against rclone sync of the same tree to another bucket of the same s3proxy, the same three times
# (--transfers 8, as Ferry's default parallel uploads). Ferry also writes the library's documents (one item.json per
# item, items.json, PULP_MANIFEST, lib.json), so it stores about 2N objects where rclone stores N.
# Heap 256 MiB (HEAP=...). Usage: bench/publish.sh [files] [workdir]   (needs curl, python3, tar, rclone)
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
N=${1:-10000}
W=${2:-/tmp/ferry-bench-publish}
HEAP=${HEAP:-256m}
command -v rclone > /dev/null || { echo "bench/publish.sh needs rclone (apt-get install rclone)" >&2; exit 1; }
JAR="$ROOT/target/s3proxy/s3proxy.jar"
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -q -B process-test-resources)
rm -rf "$W" && mkdir -p "$W/tree" "$W/s3/buckets/ferry" "$W/s3/buckets/rclone"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
python3 - "$W/tree" "$N" <<'PY'
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
random.seed(11)
for i in range(n):
    d = os.path.join(root, "pool", f"d{i // 500:03d}"); os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"f{i:06d}.txt"), "wb") as f: f.write(os.urandom(random.randint(1024, 4096)))
os.makedirs(os.path.join(root, "images"))
for i in range(4):
    with open(os.path.join(root, "images", f"disk{i}.img"), "wb") as f: f.write(os.urandom(32 << 20))
PY
S3_PORT=18470
cat > "$W/s3/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench
s3proxy.credential=bench-secret
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$W/s3/buckets
CONF
java -Xmx512m -jar "$JAR" --properties "$W/s3/s3proxy.conf" > "$W/s3/s3proxy.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$S3_PORT/" && break; sleep 0.2; done

bench_start "$W/ferry" 18460 "$HEAP"; PIDS+=("$BENCH_PID")
rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$BENCH_PID/status"; }
org=/api/v1/organizations/pub
api POST /api/v1/organizations '{"name":"pub"}' > /dev/null
api POST "$org/products" '{"name":"p","label":"p"}' > /dev/null
api POST "$org/products/p/repositories" '{"name":"r","label":"r"}' > /dev/null
tar -C "$W/tree" -cf - . | curl -sf -u "$AUTH" -X POST -H 'Content-Type: application/x-tar' -T - \
  "$BASE$org/products/p/repositories/r/content/archive" > /dev/null
api POST "$org/publication-targets" "{\"name\":\"bench\",\"endpoint\":\"http://127.0.0.1:$S3_PORT\",\"bucket\":\"ferry\",\
\"pathStyle\":true,\"tlsRequired\":false,\"accessKeyId\":\"bench\",\"secretAccessKey\":\"bench-secret\"}" > /dev/null
publish() { # prints seconds and the task's result
  local t0 loc t1 task
  t0=$(now)
  loc=$(curl -sf -u "$AUTH" -o /dev/null -w '%header{location}' -X POST -H 'Content-Type: application/json' \
    -d '{"product":"p","repository":"r"}' "$BASE$org/publication-targets/bench/publications")
  task=$(await_task "$loc")
  t1=$(now)
  echo "$(secs "$t0" "$t1") $(python3 -c "import json,sys; t=json.loads(sys.argv[1]); r=t.get('result') or {}; print(t['state'], r.get('uploaded'), r.get('documentsUploaded'), r.get('unchanged'))" "$task")"
}
export RCLONE_CONFIG_B_TYPE=s3 RCLONE_CONFIG_B_PROVIDER=Other RCLONE_CONFIG_B_ENDPOINT="http://127.0.0.1:$S3_PORT" \
  RCLONE_CONFIG_B_ACCESS_KEY_ID=bench RCLONE_CONFIG_B_SECRET_ACCESS_KEY=bench-secret RCLONE_CONFIG_B_FORCE_PATH_STYLE=true
# (a CA bundle variable in the environment makes rclone refuse a plain-http endpoint)
rsync_like() { local t0; t0=$(now); env -u AWS_CA_BUNDLE rclone sync --transfers 8 --checkers 8 "$W/tree" b:rclone/tree \
  > "$W/rclone.log" 2>&1 || { cat "$W/rclone.log" >&2; exit 1; }; secs "$t0" "$(now)"; }

read -r F1 S1 U1 D1 K1 < <(publish); RSS1=$(rss)
R1=$(rsync_like)
read -r F2 S2 U2 D2 K2 < <(publish)
R2=$(rsync_like)
head -c 3000 /dev/urandom > "$W/tree/pool/d000/f000000.txt"
curl -sf -u "$AUTH" -X POST -H 'Content-Type: application/octet-stream' -T "$W/tree/pool/d000/f000000.txt" \
  "$BASE$org/products/p/repositories/r/content/upload?relativePath=pool/d000/f000000.txt" > /dev/null
read -r F3 S3 U3 D3 K3 < <(publish); RSS3=$(rss)
R3=$(rsync_like)
ratio() { python3 -c "print(f'{$1 / $2:.1f}x')"; }
OBJ=$(find "$W/s3/buckets/ferry" -type f | wc -l); ROBJ=$(find "$W/s3/buckets/rclone" -type f | wc -l)
echo "== $N small files + 4 x 32 MiB, heap $HEAP, s3proxy on loopback"
echo "first publication:  ferry ${F1}s ($S1; $U1 files, $D1 documents uploaded)  rclone sync ${R1}s  ratio $(ratio "$F1" "$R1")"
echo "again, unchanged:   ferry ${F2}s ($S2; $U2 files, $D2 documents uploaded, $K2 unchanged)  rclone sync ${R2}s  ratio $(ratio "$F2" "$R2")"
echo "one file changed:   ferry ${F3}s ($S3; $U3 files, $D3 documents uploaded)  rclone sync ${R3}s  ratio $(ratio "$F3" "$R3")"
echo "objects in the bucket: ferry $OBJ (files and documents), rclone $ROBJ"
echo "ferry RSS after the first / third publication: $RSS1 / $RSS3 MiB"
bench_stop
