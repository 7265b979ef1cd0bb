#!/usr/bin/env python3
"""The cursor walk of scripts/bench-cursor.sh: seeds USERS users over 16 keep-alive
connections (POST /Users), walks them all by cursor (RFC 9865) in pages of COUNT, then asks
again, REPEAT times each, for the first page and for the last full page of the walk (its
cursor kept from the walk), by cursor in creation order, sorted by userName and by
displayName (a nullable column), and by startIndex. Prints the latency of each (p50, p99, client side) and the server's CPU time
per request (user + system, from /proc/PID/stat)."""
import http.client, json, os, statistics, sys, threading, time, urllib.parse

host, port, token, users, pid = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
COUNT = int(os.environ.get("COUNT", "100"))
REPEAT = int(os.environ.get("REPEAT", "300"))
headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/scim+json"}
ticks_per_second = os.sysconf("SC_CLK_TCK")

def cpu_ticks():
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])

def seed():
    errors = []
    def worker(start):
        connection = http.client.HTTPConnection(host, port, timeout=60)
        for index in range(start, users, 16):
            name = f"user-{index:06d}@bench.example"
            body = {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": name,
                    "externalId": f"ext-{index}", "displayName": f"User {index}",
                    "name": {"givenName": "User", "familyName": str(index)},
                    "emails": [{"value": name, "type": "work", "primary": True}], "active": True}
            connection.request("POST", "/scim/v2/Users", json.dumps(body), headers)
            response = connection.getresponse()
            data = response.read()
            if response.status != 201:
                errors.append(f"{response.status} {data[:200]!r}")
                return
    threads = [threading.Thread(target=worker, args=(offset,)) for offset in range(16)]
    for thread in threads: thread.start()
    for thread in threads: thread.join()
    if errors: sys.exit("seeding failed: " + errors[0])

connection = http.client.HTTPConnection(host, port, timeout=60)

def get(path):
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    data = response.read()
    if response.status != 200: sys.exit(f"GET {path[:120]} answered {response.status}: {data[:300]!r}")
    return data

def walk(base):
    """Every page of `base` by cursor: the cursors of the pages, the number of resources, the seconds."""
    cursors, seen, cursor = [""], 0, ""
    start = time.perf_counter()
    while True:
        page = json.loads(get(f"{base}&cursor={urllib.parse.quote(cursor)}"))
        seen += len(page["Resources"])
        cursor = page.get("nextCursor")
        if cursor is None: break
        cursors.append(cursor)
    return cursors, seen, time.perf_counter() - start

def measure(path):
    latencies = []
    before = cpu_ticks()
    for _ in range(REPEAT):
        start = time.perf_counter()
        get(path)
        latencies.append((time.perf_counter() - start) * 1000)
    cpu = (cpu_ticks() - before) / ticks_per_second * 1000 / REPEAT
    latencies.sort()
    return statistics.median(latencies), latencies[int(len(latencies) * 0.99) - 1], cpu

start = time.perf_counter()
seed()
print(f"seeded {users} users (16 clients, POST /Users) in {time.perf_counter() - start:.1f} s")
print(f"\n{'request (one keep-alive connection, ' + str(REPEAT) + ' times each)':<62} {'p50':>8} {'p99':>8} {'CPU/req':>9}")
for label, base in [("cursor, creation order", f"/scim/v2/Users?count={COUNT}"),
                    ("cursor, sortBy=userName", f"/scim/v2/Users?count={COUNT}&sortBy=userName"),
                    ("cursor, sortBy=displayName desc", f"/scim/v2/Users?count={COUNT}&sortBy=displayName&sortOrder=descending"),
                    ("cursor, sortBy=meta.lastModified", f"/scim/v2/Users?count={COUNT}&sortBy=meta.lastModified")]:
    cursors, seen, seconds = walk(base)
    pages = len(cursors)
    print(f"walk {label}: {seen} users in {pages} pages of {COUNT}, {seconds:.1f} s ({seconds / pages * 1000:.2f} ms a page)")
    last_full = pages - 1 if seen % COUNT == 0 else pages - 2
    for name, index in [("page 1", 0), (f"page {last_full + 1}", last_full)]:
        p50, p99, cpu = measure(f"{base}&cursor={urllib.parse.quote(cursors[index])}")
        print(f"  {label + ', ' + name:<60} {p50:7.2f}ms {p99:7.2f}ms {cpu:7.2f}ms")
for name, start_index in [("page 1", 1), (f"page {users // COUNT}", users - COUNT + 1)]:
    p50, p99, cpu = measure(f"/scim/v2/Users?count={COUNT}&startIndex={start_index}")
    print(f"  {'startIndex (for comparison), ' + name:<60} {p50:7.2f}ms {p99:7.2f}ms {cpu:7.2f}ms")
for name, start_index in [("page 1", 1), (f"page {users // COUNT}", users - COUNT + 1)]:
    p50, p99, cpu = measure(f"/scim/v2/Users?count={COUNT}&sortBy=userName&startIndex={start_index}")
    print(f"  {'startIndex, sortBy=userName (comparison), ' + name:<60} {p50:7.2f}ms {p99:7.2f}ms {cpu:7.2f}ms")
