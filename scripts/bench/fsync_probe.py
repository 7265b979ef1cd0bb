"""The durable commit's floor on this disk: how long an fdatasync of a small append takes.

SQLite in WAL mode with synchronous=FULL writes the transaction's pages into the WAL and
fdatasyncs it at every COMMIT, so no write transaction is acknowledged faster than this,
whatever the server does. The WAL is reused from its start after each checkpoint, so the
probe overwrites a preallocated 4 MiB file (an append would also journal the file's new
size, and measure more than a commit pays): 16 KiB at a time, cycling, in a file in
DIRECTORY (use the database's folder: the same file system), an fdatasync after each,
for SECONDS (default 1); then prints "p50_ms p99_ms count". The benchmark divides its connections by p50 for the
ceiling a group-commit writer could reach if nothing but the fsync took time.

Usage: python3 fsync_probe.py DIRECTORY [SECONDS]
"""
import os
import sys
import time

directory = sys.argv[1]
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
path = os.path.join(directory, "fsync-probe.bin")
chunk = b"\1" * 16384
size = 4 * 1024 * 1024
samples = []
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
try:
    os.write(fd, b"\0" * size)
    os.fsync(fd)
    offset = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline or len(samples) < 20:
        start = time.monotonic()
        os.pwrite(fd, chunk, offset)
        os.fdatasync(fd)
        offset = (offset + len(chunk)) % size
        samples.append(time.monotonic() - start)
        if len(samples) >= 5000:
            break
finally:
    os.close(fd)
    os.unlink(path)
samples.sort()
p50 = samples[len(samples) // 2] * 1000
p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))] * 1000
print(f"{p50:.3f} {p99:.3f} {len(samples)}")
