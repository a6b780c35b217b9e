#!/usr/bin/env bash
# Permission checks and filtered lists: 10,000 repositories in one product and 10,000 products in one organization,
# listed page by page (500 per page) by admin and by a user whose role assignment is narrowed by a filter. Both
# authenticate with an API token (a password hash per request would dominate). Prints the best of 5 walks for each
# and the ratio filtered/admin (the permission check and the filter must add no per-object work: ratio near 1).
# Needs curl and python3. Usage: bench/roles.sh [count] [workdir]
. "$(dirname "$0")/lib.sh"
COUNT=${1:-10000}
WORK=${2:-/tmp/ferry-bench-roles}
mkdir -p "$WORK"
bench_start "$WORK" 18290 512m
trap bench_stop EXIT
api POST /api/v1/organizations '{"name":"Roles","label":"roles"}' > /dev/null
api POST /api/v1/organizations/roles/products '{"name":"p","label":"p"}' > /dev/null
api POST /api/v1/users '{"username":"alice","password":"alice-bench-password"}' > /dev/null

python3 - "$BASE" "$PASS" "$COUNT" <<'PY'
import base64, http.client, json, sys, threading, time
base, pw, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
host, port = base.split("//")[1].split(":")
def basic(u, p): return "Basic " + base64.b64encode(f"{u}:{p}".encode()).decode()
ADMIN = basic("admin", pw)
def call(c, method, path, body, auth):
    c.request(method, path, json.dumps(body) if body is not None else None,
              {"Authorization": auth, "Content-Type": "application/json"})
    r = c.getresponse(); data = r.read()
    if r.status >= 300: raise SystemExit(f"{method} {path}: HTTP {r.status} {data[:300]!r}")
    return json.loads(data) if data else None
def create(paths_bodies):
    def worker(k, n):
        c = http.client.HTTPConnection(host, int(port))
        for i in range(k, len(paths_bodies), n):
            call(c, "POST", paths_bodies[i][0], paths_bodies[i][1], ADMIN)
    ts = [threading.Thread(target=worker, args=(k, 4)) for k in range(4)]
    [t.start() for t in ts]; [t.join() for t in ts]
t0 = time.time()
create([("/api/v1/organizations/roles/products/p/repositories", {"name": f"r{i:05d}", "label": f"r{i:05d}"}) for i in range(count)])
create([("/api/v1/organizations/roles/products", {"name": f"q{i:05d}", "label": f"q{i:05d}"}) for i in range(count)])
print(f"== created {count} repositories and {count} products in {time.time() - t0:.0f} s")
c = http.client.HTTPConnection(host, int(port))
# alice: Viewer in roles, narrowed to product p and to every q product (the filter names {count + 1} products)
labels = ["p"] + [f"q{i:05d}" for i in range(count)]
call(c, "POST", "/api/v1/users/alice/roles", {"role": "Viewer", "organization": "roles", "products": labels}, ADMIN)
tok = lambda auth: "Bearer " + call(c, "POST", "/api/v1/tokens", {"name": "bench"}, auth)["token"]
who = {"admin": tok(ADMIN), "alice (filtered)": tok(basic("alice", "alice-bench-password"))}
def timed(path, auth):
    t = time.perf_counter(); call(c, "GET", path, None, auth); return time.perf_counter() - t
def walk(path, auth):
    n, page, t = 0, 0, time.perf_counter()
    while True:
        r = call(c, "GET", f"{path}?page={page}&size=500", None, auth)
        n += len(r["items"]); page += 1
        if n >= r["total"] or not r["items"]: return time.perf_counter() - t, n
for what, path in (("repositories of one product", "/api/v1/organizations/roles/products/p/repositories"),
                   ("products of the organization", "/api/v1/organizations/roles/products")):
    best = {}
    for rnd in range(6):
        for name, auth in who.items():
            s, n = walk(path, auth)
            if rnd > 0: best[name] = min(best.get(name, 1e9), s)  # round 0 warms up
            assert n >= count, (name, n)
    a, f = best["admin"], best["alice (filtered)"]
    print(f"== {what}: {n} listed in pages of 500")
    print(f"  admin            {a * 1000:8.0f} ms")
    print(f"  alice (filtered) {f * 1000:8.0f} ms   ratio filtered/admin {f / a:.2f}x")
    for name, auth in who.items():  # the fixed cost of one request: a page of one item, best of 50
        t = min(timed(f"{path}?page=0&size=1", auth) for _ in range(50))
        print(f"  one item, {name}: {t * 1000:.1f} ms")
PY
