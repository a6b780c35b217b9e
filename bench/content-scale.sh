#!/usr/bin/env bash
# 100,000 units: uploaded one request each (a scripted loop, 4 clients), then published and promoted;
# prints time per upload as the repository grows, publish/promote times, index and listing times,
# and, on the same files, the time of rsync and sha256sum for comparison.
# Needs curl, python3 and rsync (apt-get install -y rsync).
# Usage: bench/content-scale.sh [units] [workdir]
. "$(dirname "$0")/lib.sh"
UNITS=${1:-100000}
WORK=${2:-/tmp/ferry-bench-scale}
mkdir -p "$WORK"
bench_start "$WORK" 18190 256m
trap bench_stop EXIT
api POST /api/v1/organizations '{"name":"Scale","label":"scale"}' > /dev/null
api POST /api/v1/organizations/scale/products '{"name":"p","label":"p"}' > /dev/null
api POST /api/v1/organizations/scale/products/p/repositories '{"name":"r","label":"r"}' > /dev/null
REPO=/api/v1/organizations/scale/products/p/repositories/r

echo "== $UNITS uploads, one request each"
python3 - "$BASE" "$PASS" "$REPO" "$UNITS" "$WORK/files" <<'PY'
import base64, http.client, os, sys, threading, time, urllib.parse
base, pw, repo, units, files = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
host, port = base.split("//")[1].split(":")
auth = "Basic " + base64.b64encode(f"admin:{pw}".encode()).decode()
os.makedirs(files, exist_ok=True)
lock = threading.Lock(); done = [0]; marks = []; t0 = time.time(); last = [t0]
def worker(k, n):
    c = http.client.HTTPConnection(host, int(port))
    for i in range(k, units, n):
        path = f"d{i % 100:02d}/unit-{i:06d}.bin"
        body = (f"unit {i} ".encode() * 8)[:64]
        os.makedirs(os.path.join(files, os.path.dirname(path)), exist_ok=True)
        with open(os.path.join(files, path), "wb") as f: f.write(body)
        c.request("POST", f"{repo}/content/upload?relativePath={urllib.parse.quote(path)}", body,
                  {"Authorization": auth, "Content-Type": "application/octet-stream"})
        r = c.getresponse(); r.read()
        if r.status != 201: raise SystemExit(f"upload {i}: HTTP {r.status}")
        with lock:
            done[0] += 1
            if done[0] % (units // 10) == 0:
                t = time.time(); print(f"  {done[0]:>7} units  {1000*(t-last[0])/(units//10):.2f} ms/upload over the last {units//10}", flush=True); last[0] = t
ts = [threading.Thread(target=worker, args=(k, 4)) for k in range(4)]
[t.start() for t in ts]; [t.join() for t in ts]
print(f"  total {time.time()-t0:.1f} s, {units/(time.time()-t0):.0f} uploads/s")
PY
curl -sf -u "$AUTH" "$BASE$REPO" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("  repository: latest version %s, %s units, %s bytes" % (r["latestVersion"], r["unitCount"], r["totalSize"]))'

echo "== publish and promote"
api POST /api/v1/organizations/scale/content-views '{"name":"cv","label":"cv","repositories":["p/r"]}' > /dev/null
api POST /api/v1/organizations/scale/lifecycle-environments '{"name":"Dev","prior":"Library"}' > /dev/null
t=$(now); loc=$(curl -sf -u "$AUTH" -X POST -H 'Content-Type: application/json' -d '{}' -o /dev/null -w '%header{location}' "$BASE/api/v1/organizations/scale/content-views/cv/publish")
await_task "$loc" | python3 -c 'import json,sys; t=json.load(sys.stdin); print("  publish:", t["state"], t.get("result"), "task ran", t["startedAt"], "->", t["finishedAt"])'; echo "  publish wall $(secs $t $(now)) s"
t=$(now); loc=$(curl -sf -u "$AUTH" -X POST -H 'Content-Type: application/json' -d '{"environments":["Dev"]}' -o /dev/null -w '%header{location}' "$BASE/api/v1/organizations/scale/content-views/cv/versions/1.0/promote")
await_task "$loc" > /dev/null; echo "  promote wall $(secs $t $(now)) s"

echo "== reading"
t=$(now); lines=$(curl -sf -u "$AUTH" "$BASE/content/scale/Dev/cv/r/PULP_MANIFEST" | wc -l); echo "  PULP_MANIFEST of Dev: $lines lines in $(secs $t $(now)) s"
t=$(now); curl -sf -u "$AUTH" "$BASE$REPO/versions/$UNITS/units?page=$(( UNITS > 5000 ? (UNITS - 1) / 5000 : 0 ))&size=5000" > /dev/null; echo "  last page of 5000 units: $(secs $t $(now)) s"
t=$(now); curl -sf -u "$AUTH" "$BASE$REPO/versions/$UNITS/compare/$((UNITS / 2))?size=100" > /dev/null; echo "  compare versions $UNITS and $((UNITS / 2)): $(secs $t $(now)) s"
echo "  server heap after: $(grep -c OutOfMemory "$WORK/server.log") OutOfMemoryErrors in the log"

echo "== the same files with standard tools"
rm -rf "$WORK/rsync-target"
t=$(now); rsync -a "$WORK/files/" "$WORK/rsync-target/"; r=$(secs $t $(now)); echo "  rsync -a of the $UNITS files: $r s"
t=$(now); (cd "$WORK/files" && find . -type f -print0 | xargs -0 sha256sum > /dev/null); s=$(secs $t $(now)); echo "  sha256sum of the $UNITS files: $s s"
