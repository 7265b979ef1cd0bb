"""What bounds a write scenario's rate, printed beside its figure by bench-scim.sh.

With C connections each waiting for its answer, rate = C / mean latency (Little's law),
and a durable answer waits for a flush of the log that began after its commit. The
ceilings are computed from the same run:
  - disk:   C / fsync p50 of the probe, and commit: C / the writer's measured COMMIT
            time -- the most any server could do here with C connections, were
            everything else free;
  - writer: the group-commit writer's own figures from /metrics: requests per batch and
            the batch's time (handoff + body + commit); busy = the writer's share of the
            wall time; rate <= batch / batch time when it is busy all the time; the WAL
            pages its commits wrote, per request (a server without that series prints none);
  - flush:  the log's flushes off the writer (WALSyncer: a batch's callers are answered after
            one): requests answered per second of flushing, were the flushes back to back;
            and of the body and the commit, the time the writer's thread was on a core
            (its CPU clock): a commit mostly off the CPU waits for the disk, a body mostly
            off it waits for a core;
  - CPU:    the 2 cores less what wrk and the rest of the machine used, divided by the
            server's CPU per request.
The smallest is named as the limit, with the observed rate.

Usage: write_limits.py BEFORE_METRICS AFTER_METRICS WALL_S REQUESTS SERVER_CPU_S
       CLIENT_CPU_S MACHINE_BUSY_CORES FSYNC_P50_MS CONNECTIONS CORES
"""
import re
import sys


def read(path):
    values = {}
    with open(path) as handle:
        for line in handle:
            match = re.match(r'^(percolator_store_(?:write|wal)_[a-z_]+)(\{[^}]*\})? ([0-9.e+-]+)$', line.strip())
            if match:
                values[match.group(1) + (match.group(2) or "")] = float(match.group(3))
    return values


before, after = read(sys.argv[1]), read(sys.argv[2])
wall, requests = float(sys.argv[3]), int(sys.argv[4] or 0)
server_cpu, client_cpu, machine_busy = float(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7])
fsync_ms, connections, cores = float(sys.argv[8]), int(sys.argv[9]), int(sys.argv[10])
rate = requests / wall if wall > 0 else 0


def delta(key):
    return after.get(key, 0) - before.get(key, 0)


transactions = delta("percolator_store_write_transactions_total")
written = delta("percolator_store_write_requests_total")
phases = {phase: delta(f'percolator_store_write_seconds_total{{phase="{phase}"}}') for phase in ("handoff", "body", "commit")}
bounds = {}
if fsync_ms > 0:
    bounds["disk"] = (connections / (fsync_ms / 1000),
                      f"{connections} connections / fsync p50 {fsync_ms:.2f} ms")
if transactions > 0 and written > 0:
    batch = written / transactions
    per_batch = sum(phases.values()) / transactions
    busy = sum(phases.values()) / wall
    sizes = []
    for bound in (1, 2, 4, 8, 16, 32):
        count = delta(f'percolator_store_write_batches_total{{size="{bound}"}}')
        if count:
            sizes.append(f"{bound}+:{count / transactions:.0%}")
    pages = delta("percolator_store_write_wal_pages_total")
    print(f"    writer: busy {busy:.0%} of the wall time; {pages / written:.1f} WAL pages per request"
          f" ({pages / transactions:.1f} per transaction)" if pages else f"    writer: busy {busy:.0%} of the wall time")
    print(f"    writer: {transactions:.0f} transactions, {batch:.1f} requests each ({' '.join(sizes)}); "
          f"per transaction {per_batch * 1000:.2f} ms = handoff {phases['handoff'] / transactions * 1000:.2f}"
          f" + body {phases['body'] / transactions * 1000:.2f} + commit {phases['commit'] / transactions * 1000:.2f} ms; "
          f"busy {busy:.0%} of the wall time")
    on_cpu = {phase: delta(f'percolator_store_write_cpu_seconds_total{{phase="{phase}"}}') for phase in ("body", "commit")}
    if any(on_cpu.values()):
        print(f"    writer: on a core {on_cpu['body'] / transactions * 1000:.2f} of the body's"
              f" {phases['body'] / transactions * 1000:.2f} ms and {on_cpu['commit'] / transactions * 1000:.2f} of the commit's"
              f" {phases['commit'] / transactions * 1000:.2f} ms per transaction (the rest: waiting for a core, a lock or the disk)")
    syncs = delta("percolator_store_wal_syncs_total")
    sync_seconds = delta("percolator_store_wal_sync_seconds_total")
    synced = delta("percolator_store_wal_synced_requests_total")
    if syncs > 0 and sync_seconds > 0:
        print(f"    log flushes (off the writer): {syncs:.0f}, {sync_seconds / syncs * 1000:.2f} ms each, answering"
              f" {synced / syncs:.1f} requests each; flushing {sync_seconds / wall:.0%} of the wall time")
        bounds["flush"] = (synced / sync_seconds,
                           f"{synced / syncs:.1f} requests per {sync_seconds / syncs * 1000:.2f} ms flush, back to back")
    commit = phases["commit"] / transactions
    if commit > 0:
        bounds["commit"] = (connections / commit, f"{connections} connections / {commit * 1000:.2f} ms per COMMIT")
    if per_batch > 0:
        bounds["writer"] = (batch / per_batch,
                            f"{batch:.1f} requests per {per_batch * 1000:.2f} ms transaction")
server_cores = server_cpu / wall
client_cores = client_cpu / wall
others = max(0.0, machine_busy - server_cores - client_cores)
if requests > 0 and server_cpu > 0:
    per_request = server_cpu / requests
    room = max(0.05, cores - client_cores - others)
    bounds["CPU"] = (room / per_request,
                     f"{cores} cores - wrk {client_cores:.2f} - other processes {others:.2f} = {room:.2f} cores"
                     f" / {per_request * 1000:.2f} ms per request")
print(f"    CPU: server {server_cores:.2f} cores, wrk {client_cores:.2f}, the rest of the machine {others:.2f} (of {cores})")
if bounds:
    name, (ceiling, why) = min(bounds.items(), key=lambda item: item[1][0])
    others_text = "; ".join(f"{key} {value:,.0f}/s" for key, (value, _) in sorted(bounds.items(), key=lambda item: item[1][0]) if key != name)
    print(f"    limit: {name}, {ceiling:,.0f}/s ({why}); observed {rate:,.0f}/s; other ceilings: {others_text or 'none'}")
