#!/usr/bin/env bash
# Many small units, against the standard tools on the same tree in the same run, for each size given
# (default 10,000 then 100,000 files of 100 B - 4 KiB in directories of 1,000):
#   sync       a fresh server A mirrors the tree from a plain web server publishing a PULP_MANIFEST
#              (bench/StaticServer.java, 8 threads)                            vs  rsync -a
#   export     A publishes a content view and exports it as one tgz           vs  tar -czf
#   import     a fresh server B imports that tgz                              vs  tar -xzf + sha256sum
#   bulk       B takes the whole tree with `ferry repository upload-content --directory` vs rsync -a
# and the peak RSS of A (syncing, exporting) and B (importing, bulk upload) with the heap capped (HEAP).
# BENCH_JAVA_OPTS is passed to both servers, e.g. a JFR recording:
#   BENCH_JAVA_OPTS='-XX:StartFlightRecording=filename=/tmp/units.jfr,settings=profile' bench/units.sh 10000
# Usage: bench/units.sh [sizes] [workdir]     (needs rsync, curl, python3; the CLI is built if missing)
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SIZES=${1:-10000 100000}
W=${2:-/tmp/ferry-bench-units}
HEAP=${HEAP:-256m}
timed() { local t0 t1; t0=$(now); "$@" > /dev/null; t1=$(now); secs "$t0" "$t1"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}x')"; }
peak() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
[ -f "$ROOT/hammer-style-cli/target/ferry-cli.jar" ] || (cd "$ROOT" && ./mvnw -q -B -f hammer-style-cli/pom.xml package -DskipTests)
SUMMARY=()

run_size() {
  local n=$1 w=$W/$1
  if [ -e "$w" ]; then rm -rf "$w"; sleep 35; fi # (see below: freed inodes slow the next creations for ~30 s)
  mkdir -p "$w"
  python3 - "$w/tree" "$n" <<'PY'
import hashlib, os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
random.seed(n)
words = [b"alpha", b"beta", b"gamma", b"delta", b"ferry", b"unit", b"repo", b"blob", b"0123456789"]
with open(os.path.join(os.path.dirname(root), "PULP_MANIFEST"), "w") as man:
    for i in range(n):
        rel = f"d{i // 1000:03d}/unit-{i:06d}.txt"
        if i % 1000 == 0:
            os.makedirs(os.path.join(root, f"d{i // 1000:03d}"), exist_ok=True)
        size = random.randint(100, 4096)
        body = (f"{i} ".encode() + b" ".join(random.choice(words) for _ in range(size // 4)))[:size]
        with open(os.path.join(root, rel), "wb") as f:
            f.write(body)
        man.write(f"{rel},{hashlib.sha256(body).hexdigest()},{len(body)}\n")
PY
  mv "$w/PULP_MANIFEST" "$w/tree/PULP_MANIFEST"
  du -sb "$w/tree" | awk -v n="$n" '{printf "\n#### %d files, %.1f MB\n", n, $1/1e6}'

  echo "== standard tools"
  sync
  local t_rsync t_tar t_untar t_sum
  t_rsync=$(timed rsync -a "$w/tree/" "$w/rsync/")
  sync
  t_tar=$(timed tar -C "$w/tree" -czf "$w/tree.tgz" .)
  mkdir -p "$w/untar"
  sync
  t_untar=$(timed tar -C "$w/untar" -xzf "$w/tree.tgz")
  t_sum=$(timed sh -c "cd '$w/untar' && find . -type f -print0 | xargs -0 sha256sum")
  # the copies stay until the end: deleting 2 x N files here would slow the file creations that follow (ext4 skips
  # recently freed inodes when it allocates), the servers' and not the tools'
  echo "rsync -a ${t_rsync} s; tar -czf ${t_tar} s; tar -xzf ${t_untar} s + sha256sum ${t_sum} s"

  echo "== server A: sync from a PULP_MANIFEST web server, publish, export tgz"
  java "$ROOT/bench/StaticServer.java" "$w/tree" 18290 > "$w/static.log" 2>&1 & PIDS+=("$!")
  for _ in $(seq 1 100); do curl -sf -o /dev/null http://127.0.0.1:18290/PULP_MANIFEST && break; sleep 0.2; done
  bench_start "$w/a" 18291 "$HEAP"; PIDS+=("$BENCH_PID"); local a_pid=$BENCH_PID
  local org=/api/v1/organizations/units
  api POST /api/v1/organizations '{"name":"units"}' > /dev/null
  api POST "$org/products" '{"name":"p","label":"p"}' > /dev/null
  api POST "$org/products/p/repositories" '{"name":"r","label":"r","remote":{"url":"http://127.0.0.1:18290/"}}' > /dev/null
  sync
  local t0 t1 task t_sync t_export t_import t_bulk
  t0=$(now); task=$(await_task "$BASE$(api POST "$org/products/p/repositories/r/sync" '{}' | href)"); t1=$(now)
  t_sync=$(secs "$t0" "$t1")
  echo "$task" | python3 -c 'import json,sys; t=json.load(sys.stdin); r=t.get("result") or {}; print("sync:", t["state"], r); sys.exit(t["state"] != "completed")' | cut -c1-200
  case "$task" in *'"state":"completed"'*) ;; *) echo "sync failed"; exit 1;; esac
  api POST "$org/content-views" '{"name":"cv","label":"cv","repositories":["p/r"]}' > /dev/null
  await_task "$BASE$(api POST "$org/content-views/cv/publish" '{}' | href)" > /dev/null
  sync
  t0=$(now)
  task=$(await_task "$BASE$(api POST "$org/exports" '{"scope":{"kind":"content_view_version","contentView":"cv","version":"1.0"},"format":"tgz"}' | href)")
  t1=$(now); t_export=$(secs "$t0" "$t1")
  local id bundle rss_a
  id=$(echo "$task" | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"]["exportId"])')
  bundle=$(api GET "$org/exports/$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["location"])')
  api GET /api/v1/trust/ca | python3 -c 'import json,sys; print(json.dumps({"pem": json.load(sys.stdin)["pem"]}))' > "$w/ca-a.json"
  rss_a=$(peak "$a_pid")
  bench_stop
  mv "$bundle" "$w/bundle"
  # server A's data stays until the end too (same reason)

  echo "== server B: import the tgz, then bulk-upload the tree"
  export FERRY_IMPORT_ALLOWED_ROOTS="$w"
  bench_start "$w/b" 18293 "$HEAP"; PIDS+=("$BENCH_PID"); local b_pid=$BENCH_PID
  api POST /api/v1/organizations '{"name":"site"}' > /dev/null
  api POST /api/v1/organizations/site/trusted-certificates "$(cat "$w/ca-a.json")" > /dev/null
  sync
  t0=$(now); task=$(await_task "$BASE$(api POST /api/v1/organizations/site/imports "{\"path\":\"$w/bundle\"}" | href)"); t1=$(now)
  t_import=$(secs "$t0" "$t1")
  echo "$task" | python3 -c 'import json,sys; t=json.load(sys.stdin); r=t.get("result") or {}; print("import:", t["state"], "blobs stored:", r.get("blobsStored"), "units:", r.get("units"))'
  case "$task" in *'"state":"completed"'*) ;; *) echo "import failed"; exit 1;; esac
  api POST /api/v1/organizations '{"name":"bulk"}' > /dev/null
  api POST /api/v1/organizations/bulk/products '{"name":"p","label":"p"}' > /dev/null
  api POST /api/v1/organizations/bulk/products/p/repositories '{"name":"r","label":"r"}' > /dev/null
  rm -f "$w/tree/PULP_MANIFEST"
  sync
  t0=$(now)
  FERRY_SERVER=$BASE FERRY_USERNAME=admin FERRY_PASSWORD=$PASS "$ROOT/hammer-style-cli/bin/ferry" repository upload-content \
    --organization bulk --product p --name r --directory "$w/tree" > "$w/bulk.log" 2>&1 || { echo "bulk upload failed:"; tail -5 "$w/bulk.log"; exit 1; }
  t1=$(now); t_bulk=$(secs "$t0" "$t1")
  tail -2 "$w/bulk.log"
  local rss_b
  rss_b=$(peak "$b_pid")
  bench_stop
  rm -rf "$w/b" "$w/bundle"

  echo "sync from PULP_MANIFEST: ${t_sync} s   / rsync -a ${t_rsync} s         = $(ratio "$t_sync" "$t_rsync")  (target <= 3x)"
  echo "tgz export:              ${t_export} s   / tar -czf ${t_tar} s          = $(ratio "$t_export" "$t_tar")  (target <= 3x)"
  echo "import:                  ${t_import} s   / tar -xzf + sha256sum $(python3 -c "print(f'{$t_untar + $t_sum:.2f}')") s = $(ratio "$t_import" "$(python3 -c "print($t_untar + $t_sum)")")  (target <= 3x)"
  echo "bulk upload:             ${t_bulk} s   / rsync -a ${t_rsync} s         = $(ratio "$t_bulk" "$t_rsync")  (target <= 3x)"
  echo "peak RSS: A ${rss_a} MiB, B ${rss_b} MiB (heap $HEAP; target heap + 150 MiB)"
  SUMMARY+=("$n files: sync $(ratio "$t_sync" "$t_rsync"), export $(ratio "$t_export" "$t_tar"), import $(ratio "$t_import" "$(python3 -c "print($t_untar + $t_sum)")"), bulk $(ratio "$t_bulk" "$t_rsync"); RSS A ${rss_a} / B ${rss_b} MiB")
  kill "${PIDS[0]}" 2>/dev/null || true; PIDS=()
  rm -rf "$w"
  sleep 30 # let ext4 forget the freed inodes before the next size
}

for n in $SIZES; do run_size "$n"; done
echo; echo "== summary (heap $HEAP)"; printf '%s\n' "${SUMMARY[@]}"
