#!/usr/bin/env python3
"""Hostile-client suite (issue 17): starts `percolator serve` on a temporary database and
a free loopback port, then runs probes that an unauthenticated (or merely rude) client
can send, each asserting the status it gets, that the server is still alive, and that
its resident memory (VmRSS of /proc/PID/status) stays bounded. Then runs the
unauthenticated floods again against a server started under `prlimit --as=1GiB`.

    scripts/hostile-clients.py [--binary PATH] [--only NAME[,NAME]] [--skip-memory-limit]

The binary defaults to .build/release/percolator, else .build/debug/percolator. Python
standard library only; loopback only; the whole run is bounded (about 2 minutes). It
ends with `N passed, N failed` and exits non-zero on any failure.
"""
import argparse
import base64
import os
import selectors
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MB = 1024 * 1024
RSS_BOUND_MB = 300
# A probe that pushes the server past this is stopped early (and fails): the suite must
# not take the machine's memory down with a server that does not bound it.
RSS_ABORT_MB = 900


def token() -> str:
    return "pct_" + base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")


SCIM_TOKEN = token()
ADMIN_TOKEN = token()
WRONG_TOKEN = token()


class Server:
    """One `percolator serve` process."""

    def __init__(self, binary, directory, prefix=(), extra=()):
        self.directory = directory
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        help_text = subprocess.run([binary, "serve", "--help"], capture_output=True, text=True).stdout
        settings = {
            "--host": "127.0.0.1", "--port": str(self.port),
            "--database": os.path.join(directory, "percolator.sqlite"),
            "--event-loops": "2", "--access-log": "off",
            "--read-timeout": "2", "--max-connections": "256",
            # Tokens stay cached for the whole run, so no probe waits on the write that
            # records a token's first use (an fsync, slow on a busy machine).
            "--token-cache": "600",
            # Newer settings: passed only to a build that has them, so the suite also
            # measures an older build (which then fails the probes that need them).
            "--body-timeout": "4", "--max-body-bytes-in-flight": str(64 * MB),
        }
        arguments = [binary, "serve"]
        for name, value in settings.items():
            if name in help_text:
                arguments += [name, value]
        environment = dict(os.environ, PERCOLATOR_SCIM_TOKEN=SCIM_TOKEN, PERCOLATOR_ADMIN_TOKEN=ADMIN_TOKEN)
        self.log = open(os.path.join(directory, "server.log"), "wb")
        self.process = subprocess.Popen(list(prefix) + arguments + list(extra), stdout=self.log,
                                        stderr=subprocess.STDOUT, env=environment)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}: {self.tail()}")
            try:
                if request(self.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", timeout=1)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            raise RuntimeError("server did not answer /healthz within 60 s")
        for path, secret in [("/scim/v2/Users", SCIM_TOKEN), ("/api/v1/members", ADMIN_TOKEN)]:
            request(self.port, f"GET {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {secret}\r\n\r\n", timeout=30)

    def rss_mb(self) -> float:
        try:
            with open(f"/proc/{self.process.pid}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    def alive(self) -> bool:
        if self.process.poll() is not None:
            return False
        try:
            return request(self.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", timeout=5)[0] == 200
        except OSError:
            return False

    def tail(self) -> str:
        """The server's first fatal line (a crash report is long), or its last line."""
        self.log.flush()
        with open(os.path.join(self.directory, "server.log"), "rb") as log:
            lines = [line for line in log.read().decode(errors="replace").splitlines() if line.strip()]
        fatal = [line for line in lines if "atal" in line or "failed to allocate" in line or "rror" in line]
        return (fatal or lines or [""])[0][:300]

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


class RSSWatch:
    """Samples the server's RSS every 50 ms in the background; remembers the peak."""

    def __init__(self, server):
        self.server, self.peak, self.running = server, server.rss_mb(), True
        self.start_mb = self.peak
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while self.running:
            self.peak = max(self.peak, self.server.rss_mb())
            time.sleep(0.05)

    @property
    def runaway(self) -> bool:
        return self.peak > RSS_ABORT_MB

    def stop(self) -> float:
        self.running = False
        self.thread.join()
        return self.peak


def connect(port, timeout=5.0) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def read_response(sock, timeout=5.0):
    """Reads one response: (status, headers dict, body bytes). Raises on close/timeout."""
    sock.settimeout(timeout)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before a response")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0")) if status >= 200 else 0
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return status, headers, rest[:length]


def request(port, raw, timeout=5.0):
    with connect(port, timeout) as sock:
        sock.sendall(raw.encode() if isinstance(raw, str) else raw)
        return read_response(sock, timeout)


def closed_by_server(sock, timeout=5.0) -> bool:
    """True when the server closes the connection (after any bytes) within the timeout."""
    sock.settimeout(timeout)
    try:
        while sock.recv(65536):
            pass
        return True
    except ConnectionResetError:
        return True
    except OSError:
        return False


class Suite:
    def __init__(self, only):
        self.passed, self.failed, self.only = 0, 0, only

    def run(self, name, probe, server):
        if self.only and name not in self.only:
            return
        started = time.time()
        try:
            problems = probe(server) or []
        except Exception as error:  # a probe that raised failed
            problems = [f"{type(error).__name__}: {error}"]
        if not server.alive():
            problems.append("server no longer answers /healthz" + (
                f" (exit {server.process.returncode}: {server.tail()})" if server.process.poll() is not None else ""))
        elapsed = time.time() - started
        if problems:
            self.failed += 1
            print(f"FAIL {name} ({elapsed:.1f} s): " + "; ".join(problems), flush=True)
        else:
            self.passed += 1
            print(f"ok   {name} ({elapsed:.1f} s)", flush=True)


# ---------------------------------------------------------------------------------------
# Probes. Each returns a list of problems (empty: passed).

def pipelined_unread_flood(server, seconds=6.0, sockets=4):
    """Sockets send `GET /nope` as fast as they can and never read (defect 1): the server
    must stop reading them instead of queueing answers without bound."""
    watch = RSSWatch(server)
    request_bytes = b"GET /nope HTTP/1.1\r\nHost: x\r\n\r\n" * 2000
    sent = 0
    connections = [connect(server.port) for _ in range(sockets)]
    for sock in connections:
        sock.setblocking(False)
    deadline = time.time() + seconds
    while time.time() < deadline and not watch.runaway:
        progress = False
        for sock in connections:
            try:
                sent += sock.send(request_bytes)
                progress = True
            except BlockingIOError:
                pass
        if not progress:
            time.sleep(0.01)
    healthy = server.alive()
    for sock in connections:
        sock.close()
    peak = watch.stop()
    problems = []
    if peak - watch.start_mb > 30:
        problems.append(f"RSS grew {watch.start_mb:.0f} → {peak:.0f} MB")
    if not healthy:
        problems.append("/healthz did not answer during the flood")
    print(f"     pipelined flood: {sockets} sockets sent {sent / MB:.1f} MB of requests in {seconds:.0f} s; "
          f"RSS {watch.start_mb:.0f} → peak {peak:.0f} MB")
    return problems


def wrong_token_answered_before_body(server):
    """A wrong or missing token on a huge declared body is 401 before a byte of it is sent (defect 2)."""
    problems = []
    for path, authorization in [("/api/v1/imports", f"Authorization: Bearer {WRONG_TOKEN}\r\n"),
                                ("/scim/v2/Users", f"Authorization: Bearer {WRONG_TOKEN}\r\n"),
                                ("/scim/v2/Bulk", "")]:
        with connect(server.port) as sock:
            sock.sendall(f"POST {path} HTTP/1.1\r\nHost: x\r\n{authorization}Content-Type: text/csv\r\n"
                         f"Content-Length: {60 * MB}\r\n\r\n".encode())
            started = time.time()
            try:
                status, _, _ = read_response(sock, timeout=3)
            except (OSError, ConnectionError) as error:
                problems.append(f"{path}: no answer to the head alone within 3 s ({error})")
                continue
            if status != 401:
                problems.append(f"{path}: {status}, not 401")
            elif time.time() - started > 2:
                problems.append(f"{path}: 401 took {time.time() - started:.1f} s")
            if not closed_by_server(sock, 4):
                problems.append(f"{path}: connection left open after the 401")
    return problems


def stream_bodies(server, clients, head, seconds, chunk=64 * 1024, body_bytes=None):
    """`clients` connections send `head` then body bytes as fast as the server takes them,
    for `seconds` or until closed. Returns (peak RSS, statuses seen, start RSS)."""
    watch = RSSWatch(server)
    selector = selectors.DefaultSelector()
    payload = b"a" * chunk
    statuses = {}
    sockets = []
    for _ in range(clients):
        try:
            sock = connect(server.port)
        except OSError:
            statuses["connect-failed"] = statuses.get("connect-failed", 0) + 1
            continue
        sock.sendall(head)
        sock.setblocking(False)
        sockets.append(sock)
        selector.register(sock, selectors.EVENT_READ | selectors.EVENT_WRITE, {"sent": 0, "data": b""})
    deadline = time.time() + seconds
    while time.time() < deadline and selector.get_map() and not watch.runaway:
        for key, events in selector.select(timeout=0.1):
            sock, state = key.fileobj, key.data
            try:
                if events & selectors.EVENT_READ:
                    data = sock.recv(65536)
                    if not data:
                        # The server half-closed: keep sending, as a hostile client would,
                        # until it closes for good.
                        selector.modify(sock, selectors.EVENT_WRITE, state)
                        continue
                    state["data"] += data
                    if b"\r\n" in state["data"] and "status" not in state:
                        state["status"] = int(state["data"].split(b" ")[1])
                        statuses[state["status"]] = statuses.get(state["status"], 0) + 1
                if events & selectors.EVENT_WRITE:
                    if body_bytes is not None and state["sent"] >= body_bytes:
                        if "status" in state:
                            raise ConnectionError  # answered, and all sent: done
                        selector.modify(sock, selectors.EVENT_READ, state)
                    else:
                        state["sent"] += sock.send(payload)
            except (OSError, ConnectionError):
                selector.unregister(sock)
                sock.close()
    for sock in sockets:
        try:
            selector.unregister(sock)
        except (KeyError, ValueError):
            pass
        sock.close()
    return watch.stop(), statuses, watch.start_mb


def unauthenticated_huge_bodies(server, clients=200, seconds=6.0):
    """200 clients with a wrong token stream huge bodies: RSS stays under 300 MB (defect 2)."""
    head = (f"POST /api/v1/imports HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {WRONG_TOKEN}\r\n"
            f"Content-Type: text/csv\r\nContent-Length: {60 * MB}\r\n\r\n").encode()
    peak, statuses, start = stream_bodies(server, clients, head, seconds)
    print(f"     {clients} unauthenticated uploads: RSS {start:.0f} → peak {peak:.0f} MB; answers {statuses}")
    problems = []
    if peak > RSS_BOUND_MB:
        problems.append(f"RSS peaked at {peak:.0f} MB (bound {RSS_BOUND_MB})")
    if statuses.get(401, 0) < clients * 0.9:
        problems.append(f"only {statuses.get(401, 0)} of {clients} got 401")
    return problems


def huge_declared_lengths(server, clients=200, seconds=3.0):
    """200 heads (valid admin token) declare 64 MiB and send nothing: nothing is reserved."""
    watch = RSSWatch(server)
    sockets = []
    for _ in range(clients):
        try:
            sock = connect(server.port)
            sock.sendall(f"POST /api/v1/imports HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {ADMIN_TOKEN}\r\n"
                         f"Content-Type: text/csv\r\nContent-Length: {64 * MB}\r\n\r\n".encode())
            sockets.append(sock)
        except OSError:
            break
    time.sleep(seconds)
    healthy = server.alive()
    for sock in sockets:
        sock.close()
    peak = watch.stop()
    print(f"     {len(sockets)} heads of 64 MiB: RSS {watch.start_mb:.0f} → peak {peak:.0f} MB")
    problems = []
    if not healthy:
        problems.append("/healthz did not answer while the heads were open")
    if peak > RSS_BOUND_MB:
        problems.append(f"RSS peaked at {peak:.0f} MB")
    return problems


def bodies_past_in_flight_bound(server, clients=30, seconds=4.0):
    """Authenticated bodies beyond the in-flight bound get 503 + Retry-After; RSS bounded."""
    head = (f"POST /scim/v2/Bulk HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {SCIM_TOKEN}\r\n"
            f"Content-Type: application/scim+json\r\nContent-Length: {4 * MB}\r\n\r\n").encode()
    # Each sends 3 of its 4 MiB and waits: 30 × 3 MiB = 90 MiB in flight, past 64 MiB.
    peak, statuses, start = stream_bodies(server, clients, head, seconds, body_bytes=3 * MB)
    print(f"     {clients} authenticated 4 MiB uploads held open: RSS {start:.0f} → peak {peak:.0f} MB; answers {statuses}")
    problems = []
    if statuses.get(503, 0) == 0:
        problems.append("no upload got 503 past the in-flight bound")
    if peak > RSS_BOUND_MB:
        problems.append(f"RSS peaked at {peak:.0f} MB")
    return problems


def trickle(sock, pieces, deadline):
    """Sends `pieces` one at a time, half a second apart, until the server answers (its
    status), closes, the pieces run out, or `deadline` seconds pass; returns (status, seconds)."""
    started = time.time()
    sock.settimeout(0.5)
    status = None
    for piece in pieces:
        if time.time() - started >= deadline:
            break
        try:
            data = sock.recv(65536)
            if data:
                status = int(data.split(b" ")[1])
            break
        except socket.timeout:
            pass
        except OSError:
            break
        try:
            sock.send(piece)
        except OSError:
            break
    return status, time.time() - started


def slow_headers(server):
    """A head sent one byte a second is 408 within the read timeout (2 s here)."""
    with connect(server.port) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\n")
        status, elapsed = trickle(sock, [bytes([byte]) for byte in b"Host: x\r\nX-Slow: " + b"a" * 20], deadline=60)
    if status != 408:
        return [f"got {status}, not 408 (after {elapsed:.1f} s)"]
    return [] if elapsed < 5 else [f"408 only after {elapsed:.1f} s"]


def slow_body(server):
    """A body sent one byte every 0.5 s (never stalling past the read timeout) still has a deadline (4 s here)."""
    body_length = 1000
    with connect(server.port) as sock:
        sock.sendall(f"POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {SCIM_TOKEN}\r\n"
                     f"Content-Type: application/scim+json\r\nContent-Length: {body_length}\r\n\r\n".encode())
        status, elapsed = trickle(sock, [b"{"] * body_length, deadline=9)
    if status != 408:
        return [f"no 408 within {elapsed:.1f} s (got {status})"]
    return [] if elapsed < 7 else [f"408 only after {elapsed:.1f} s"]


def smuggling(server):
    """Framing the server must refuse (400/501 and close), never answering a smuggled request."""
    smuggled = b"GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"
    cases = [
        ("CL+TE", b"POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        ("TE+CL", b"POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n", 400),
        ("conflicting CL", b"POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 40\r\n\r\n", 400),
        ("CL list", b"POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0, 40\r\n\r\n", 400),
        ("TE obfuscated", b"POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n", 501),
        ("TE with space before colon", b"POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n", 400),
        ("obs-fold TE", b"POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n", 400),
        ("bare LF", b"POST /healthz HTTP/1.1\nHost: x\nContent-Length: 0\n\n", 400),
        ("chunk size overflow", b"POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n", 400),
        ("duplicate Authorization", f"GET /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {SCIM_TOKEN}\r\n"
                                    f"Authorization: Bearer {WRONG_TOKEN}\r\n\r\n".encode(), 400),
        ("duplicate Host", b"GET /healthz HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400),
    ]
    problems = []
    for name, raw, expected in cases:
        with connect(server.port) as sock:
            sock.sendall(raw + smuggled)
            try:
                status, headers, _ = read_response(sock, timeout=3)
            except Exception as error:
                problems.append(f"{name}: no answer ({error})")
                continue
            if status != expected:
                problems.append(f"{name}: {status}, not {expected}")
            sock.settimeout(3)
            rest = b""
            try:
                while True:
                    data = sock.recv(65536)
                    if not data:
                        break
                    rest += data
            except OSError:
                pass
            if b"HTTP/1.1" in rest:
                problems.append(f"{name}: a second response followed (smuggled request answered)")
    return problems


def connection_flood(server, count=400):
    """More connections than max-connections (256 here), idle and then stalled mid-head
    (slowloris): /healthz still answers."""
    problems = []
    for kind, first_bytes, wait in [("idle", b"", 0.5), ("stalled-head", b"GET /healthz HTTP/1.1\r\nX: ", 1.3)]:
        sockets = []
        for _ in range(count):
            try:
                sock = connect(server.port, timeout=2)
                if first_bytes:
                    sock.sendall(first_bytes)
                sockets.append(sock)
            except OSError:
                break
        time.sleep(wait)
        try:
            status = request(server.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", timeout=5)[0]
            if status != 200:
                problems.append(f"/healthz answered {status} with {len(sockets)} {kind} connections open")
        except Exception as error:
            problems.append(f"/healthz did not answer with {len(sockets)} {kind} connections open ({error})")
        for sock in sockets:
            sock.close()
        time.sleep(0.3)
    return problems


def json_bombs(server):
    """Deeply nested and oversized JSON: 400 or 413, never 500, and memory bounded."""
    watch = RSSWatch(server)
    bodies = [
        ("deep arrays", "[" * 100_000 + "]" * 100_000),
        ("deep objects", '{"a":' * 50_000 + "1" + "}" * 50_000),
        ("deep value in a user", '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b","x":'
         + "[" * 200_000 + "]" * 200_000 + "}"),
        ("many keys", "{" + ",".join(f'"k{i}":{i}' for i in range(60_000)) + "}"),
        ("long string escapes", '{"userName":"' + "\\u0000" * 150_000 + '"}'),
    ]
    problems = []
    for name, body in bodies:
        raw = (f"POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {SCIM_TOKEN}\r\n"
               f"Content-Type: application/scim+json\r\nContent-Length: {len(body)}\r\n\r\n{body}")
        try:
            status = request(server.port, raw, timeout=15)[0]
        except Exception as error:
            problems.append(f"{name}: no answer ({error})")
            continue
        if status >= 500 or status < 400:
            problems.append(f"{name}: {status}")
    peak = watch.stop()
    if peak > RSS_BOUND_MB:
        problems.append(f"RSS peaked at {peak:.0f} MB")
    return problems


def filter_bombs(server):
    """Hostile filters: 400 or 200 (never 500), promptly, memory bounded."""
    from urllib.parse import quote
    watch = RSSWatch(server)
    filters = [
        ("deep parentheses", "(" * 5000 + 'userName eq "a"' + ")" * 5000),
        ("deep not", "not (" * 2000 + 'userName eq "a"' + ")" * 2000),
        ("170-term or chain", " or ".join(f'userName eq "u{i}"' for i in range(170))),
        ("160-term and chain", " and ".join(f'userName ne "u{i}"' for i in range(160))),
        ("long value", 'userName co "' + "%" * 6000 + '"'),
        ("wildcard-heavy co", 'userName co "' + "_%" * 2000 + '"'),
        ("long attribute path", ".".join(["a"] * 3000) + ' eq "x"'),
        ("deep value path", "emails[" * 1000 + 'value eq "x"' + "]" * 1000),
    ]
    problems = []
    for name, expression in filters:
        target = "/scim/v2/Users?filter=" + quote(expression, safe="")
        started = time.time()
        try:
            status = request(server.port, f"GET {target} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {SCIM_TOKEN}\r\n\r\n",
                             timeout=15)[0]
        except Exception as error:
            problems.append(f"{name}: no answer ({error})")
            continue
        if status not in (200, 400, 414, 431) or ("chain" in name and status != 200):
            problems.append(f"{name}: {status}")
        if time.time() - started > 5:
            problems.append(f"{name}: took {time.time() - started:.1f} s")
    peak = watch.stop()
    if peak > RSS_BOUND_MB:
        problems.append(f"RSS peaked at {peak:.0f} MB")
    return problems


def unknown_method_metrics(server, count=2000):
    """Distinct unknown methods do not each add a /metrics series (defect 3)."""
    with connect(server.port) as sock:
        for index in range(count):
            sock.sendall(f"Q{index} /healthz HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            read_response(sock)
    _, _, body = request(server.port, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
    text = body.decode()
    problems = []
    if "Q17" in text:
        problems.append("a client-chosen method is a label value")
    if len(body) > 64 * 1024:
        problems.append(f"/metrics is {len(body)} bytes after {count} unknown methods")
    return problems


def host_header_not_echoed(server):
    """A Host with user info is not echoed into Location or meta.location."""
    body = '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"host-probe-%d"}' % time.time_ns()
    raw = (f"POST /scim/v2/Users HTTP/1.1\r\nHost: 127.0.0.1:{server.port}@evil.com\r\nAuthorization: Bearer {SCIM_TOKEN}\r\n"
           f"Content-Type: application/scim+json\r\nContent-Length: {len(body)}\r\n\r\n{body}")
    status, headers, response = request(server.port, raw)
    problems = []
    if status != 201:
        problems.append(f"create answered {status}")
    if "evil" in headers.get("location", "") or b"evil" in response:
        problems.append(f"Host echoed: Location {headers.get('location')}")
    return problems


PROBES = [
    ("pipelined-unread-flood", pipelined_unread_flood),
    ("wrong-token-401-before-body", wrong_token_answered_before_body),
    ("unauthenticated-huge-bodies", unauthenticated_huge_bodies),
    ("huge-declared-content-length", huge_declared_lengths),
    ("bodies-past-in-flight-bound", bodies_past_in_flight_bound),
    ("slow-headers", slow_headers),
    ("slow-body-deadline", slow_body),
    ("smuggling", smuggling),
    ("connection-flood", connection_flood),
    ("json-bombs", json_bombs),
    ("filter-bombs", filter_bombs),
    ("unknown-method-metrics", unknown_method_metrics),
    ("host-header", host_header_not_echoed),
]

# The unauthenticated floods again, against a server limited to 1 GiB of address space.
MEMORY_LIMITED = [
    ("1GiB:pipelined-unread-flood", lambda s: pipelined_unread_flood(s, seconds=4)),
    ("1GiB:unauthenticated-huge-bodies", lambda s: unauthenticated_huge_bodies(s, seconds=4)),
    ("1GiB:huge-declared-content-length", lambda s: huge_declared_lengths(s, seconds=2)),
    ("1GiB:connection-flood", connection_flood),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary")
    parser.add_argument("--only", help="comma-separated probe names")
    parser.add_argument("--skip-memory-limit", action="store_true")
    options = parser.parse_args()
    binary = options.binary or next((path for path in (os.path.join(ROOT, ".build/release/percolator"),
                                                       os.path.join(ROOT, ".build/debug/percolator"))
                                     if os.path.exists(path)), None)
    if not binary:
        sys.exit("no percolator binary: run swift build first (or pass --binary)")
    suite = Suite(set(options.only.split(",")) if options.only else None)
    started = time.time()
    directory = tempfile.mkdtemp(prefix="percolator-hostile-")
    try:
        server = Server(binary, directory)
        print(f"percolator {binary} on 127.0.0.1:{server.port} (pid {server.process.pid}), RSS {server.rss_mb():.0f} MB", flush=True)
        try:
            for name, probe in PROBES:
                suite.run(name, probe, server)
        finally:
            server.stop()
        if not options.skip_memory_limit and not shutil.which("prlimit"):
            print("prlimit not found (util-linux): the 1 GiB memory-limit run is skipped", flush=True)
        if not options.skip_memory_limit and shutil.which("prlimit"):
            limited_directory = os.path.join(directory, "limited")
            os.makedirs(limited_directory)
            limited = Server(binary, limited_directory, prefix=["prlimit", f"--as={1024 * MB}", "--"])
            print(f"under prlimit --as=1GiB: pid {limited.process.pid}, RSS {limited.rss_mb():.0f} MB", flush=True)
            try:
                for name, probe in MEMORY_LIMITED:
                    suite.run(name, probe, limited)
            finally:
                limited.stop()
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    print(f"{suite.passed} passed, {suite.failed} failed ({time.time() - started:.0f} s)")
    sys.exit(1 if suite.failed else 0)


if __name__ == "__main__":
    main()
