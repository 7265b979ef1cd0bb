#!/usr/bin/env python3
"""Two `percolator serve` processes on one PostgreSQL database behind a real nginx
(issue 11), driven through nginx only. Started by scripts/multi-instance.sh, which
installs nginx and provides the database (scripts/postgres.sh sets
PERCOLATOR_TEST_POSTGRES_URL).

    multi-instance.py --binary .build/debug/percolator [--seconds 10] [--clients 16]

Starts one SMTP sink (scripts/smtp-sink.py), two instances on the same database and
sink (scheduler tick 1 s), and nginx on a free loopback port with
scripts/nginx/percolator.conf.template; then checks, each step printing one line:

  a. the public SCIM validators pass through nginx (scripts/conformance.sh with
     CONFORMANCE_BASE_URL / CONFORMANCE_TOKEN, documented exceptions only);
  b. CLIENTS clients create users and add each to ONE group (PATCH add, as Entra
     sends) for SECONDS: every acknowledged (2xx) user and member is there afterwards;
  g. a cursor walk (RFC 9865) of b's users through nginx, sorted by userName descending,
     pages of 37 served by either instance: forwards along nextCursor and back along
     previousCursor, every user once and in order (a PostgreSQL server answered every
     cursor request with its first page and no nextCursor before);
  f. an identity provider's first sync of a fresh tenant (made with `percolator tenant
     create` / `token issue` on the PostgreSQL URL): CLIENTS clients create users with
     enterprise departments at once, every create answers 201 (concurrent first
     category absorbs used to fail on categories_pkey);
  d. a program's one scheduled session, with both schedulers running, is matched
     exactly once (one "matched" scheduler line over both instances, one introduction
     per group, one introduction email per member);
  e. each welcome email (SCIM-created users and admin-API members) reaches the sink
     exactly once;
  c. the load of b again, and one instance SIGKILLed a third of the way in: every
     acknowledged write is there, the other instance keeps serving through nginx; the
     errors clients saw are counted and reported (a POST or PATCH that got no answer,
     or 502, is not acknowledged and not required).

(c runs last: a killed instance would hold its outbox claims for the lease.) Prints
"N passed, N failed" and exits 1 when a step failed, 2 when it could not start.
Everything it started is stopped and its work directory removed at exit, whatever
happened; rate limits are lifted on both instances (they are per instance anyway).
"""
import argparse
import collections
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Interrupted(Exception):
    pass


def on_signal(number, frame):
    # Once: the cleanup that follows must not be interrupted by a second signal.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise Interrupted(f"signal {number}")


class Client:
    """One keep-alive HTTP/1.1 connection to nginx; reconnects after an error."""

    def __init__(self, port, token, timeout=30):
        self.port, self.token, self.timeout = port, token, timeout
        self.connection = None

    def request(self, method, path, body=None, token=None):
        """(status, parsed JSON or None); raises OSError/HTTPException when no answer came."""
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        headers = {"Authorization": f"Bearer {token or self.token}", "Accept": "application/scim+json, application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json" if path.startswith("/api/") else "application/scim+json"
        try:
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
            raw = response.read()
        except Exception:
            self.connection.close()
            self.connection = None
            raise
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        return response.status, parsed

    def must(self, method, path, body=None, expect=(200, 201, 204), token=None):
        status, parsed = self.request(method, path, body, token)
        if status not in expect:
            raise AssertionError(f"{method} {path} answered {status}: {json.dumps(parsed)[:300]}")
        return parsed

    def close(self):
        if self.connection is not None:
            self.connection.close()


class Cluster:
    """The processes: SMTP sink, two instances, nginx; all stopped by close()."""

    def __init__(self, binary, database, work):
        self.binary, self.database, self.work = binary, database, work
        self.processes = []  # (name, Popen)
        self.instances = []  # (name, Popen, port)
        self.scim_token = self.generate_token()
        self.admin_token = self.generate_token()
        self.cursor_secret = self.generate_token()

    def generate_token(self):
        return subprocess.run([self.binary, "token", "generate"], check=True, capture_output=True, text=True).stdout.strip()

    def start_sink(self):
        self.mail = os.path.join(self.work, "mail.jsonl")
        open(self.mail, "w").close()
        sink = subprocess.Popen([sys.executable, os.path.join(ROOT, "scripts", "smtp-sink.py"), "--port", "0", "--output", self.mail],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=open(os.path.join(self.work, "sink.err"), "w"), text=True)
        self.processes.append(("smtp-sink", sink))
        line = sink.stdout.readline().split()
        if len(line) != 2 or line[0] != "READY":
            raise RuntimeError("the SMTP sink did not start (is aiosmtpd installed? scripts/test.sh installs it)")
        self.smtp_port = int(line[1])

    def start_instance(self, name):
        port = free_port()
        environment = dict(os.environ, PERCOLATOR_SCIM_TOKEN=self.scim_token, PERCOLATOR_ADMIN_TOKEN=self.admin_token,
                           PERCOLATOR_CURSOR_SECRET=self.cursor_secret)
        arguments = [self.binary, "serve", "--host", "127.0.0.1", "--port", str(port), "--database", self.database,
                     "--access-log", "off", "--scheduler-tick", "1", "--outbox-poll", "1",
                     "--smtp-host", "127.0.0.1", "--smtp-port", str(self.smtp_port), "--smtp-sender", "coffee@percolator.test",
                     "--scim-rate", "1000000", "--scim-burst", "10000000", "--admin-rate", "1000000", "--admin-burst", "10000000",
                     # nginx is the only peer: its X-Forwarded-For names each member for the portal's per-client limit.
                     "--trusted-proxies", "127.0.0.1"]
        log = open(os.path.join(self.work, f"{name}.err"), "w")
        process = subprocess.Popen(arguments, env=environment, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        self.processes.append((name, process))
        self.instances.append((name, process, port))
        wait_for(lambda: http_status(port, "/readyz") == 200, 60, f"{name} to be ready on 127.0.0.1:{port}")
        return port

    def start_nginx(self, ports):
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        directory = os.path.join(self.work, "nginx")
        os.makedirs(directory)
        for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            os.makedirs(os.path.join(directory, sub))
            os.chmod(os.path.join(directory, sub), 0o777)  # nginx's workers drop root to nobody
        self.port = free_port()
        template = open(os.path.join(ROOT, "scripts", "nginx", "percolator.conf.template")).read()
        config = (template.replace("@DIR@", directory).replace("@LISTEN_PORT@", str(self.port))
                  .replace("@PORT1@", str(ports[0])).replace("@PORT2@", str(ports[1])))
        path = os.path.join(directory, "nginx.conf")
        open(path, "w").write(config)
        self.nginx_dir = directory
        process = subprocess.Popen([nginx, "-p", directory, "-e", os.path.join(directory, "error.log"), "-c", path, "-g", "daemon off;"],
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=open(os.path.join(directory, "stderr.log"), "w"))
        self.processes.append(("nginx", process))
        wait_for(lambda: http_status(self.port, "/readyz") == 200, 20, f"nginx on 127.0.0.1:{self.port}")

    def scim(self):
        return Client(self.port, self.scim_token)

    def admin(self):
        return Client(self.port, self.admin_token)

    def messages(self):
        with open(self.mail, encoding="utf-8") as file:
            return [json.loads(line) for line in file if line.strip()]

    def scheduler_lines(self):
        lines = []
        for name, _, _ in self.instances:
            with open(os.path.join(self.work, f"{name}.err"), encoding="utf-8", errors="replace") as file:
                for line in file:
                    if '"event":"scheduler"' in line:
                        try:
                            lines.append((name, json.loads(line)))
                        except ValueError:
                            pass
        return lines

    def close(self):
        for name, process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM if name != "smtp-sink" else signal.SIGINT)
        deadline = time.monotonic() + 12
        for name, process in reversed(self.processes):
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def tail_logs(self):
        for name in [n for n, _, _ in self.instances] + ["sink"]:
            path = os.path.join(self.work, f"{name}.err")
            if os.path.exists(path):
                lines = [l for l in open(path, errors="replace").read().splitlines() if '"event":"scheduler"' not in l][-8:]
                if lines:
                    print(f"--- last lines of {name}'s standard error:\n" + "\n".join(lines), file=sys.stderr)
        path = os.path.join(getattr(self, "nginx_dir", ""), "error.log")
        if os.path.exists(path):
            print("--- last lines of nginx's error log:\n" + "\n".join(open(path).read().splitlines()[-8:]), file=sys.stderr)


def http_status(port, path):
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", path)
        status = connection.getresponse().status
        connection.close()
        return status
    except (OSError, http.client.HTTPException):
        return None


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise RuntimeError(f"timed out after {seconds} s waiting for {what}")


def user_body(name, email=None, given="Multi", family="Instance"):
    return {"schemas": [USER_SCHEMA], "userName": name, "active": True,
            "name": {"givenName": given, "familyName": family},
            "emails": [{"value": email or name, "type": "work", "primary": True}]}


def entra_add(user_id):
    # What Microsoft Entra ID sends to add one member: capitalised op, no query string.
    return {"schemas": [PATCH_SCHEMA], "Operations": [{"op": "Add", "path": "members", "value": [{"value": user_id}]}]}


def group_members(client, group_id):
    group = client.must("GET", f"/scim/v2/Groups/{group_id}")
    return {member["value"] for member in group.get("members", [])}


def all_user_ids(client, prefix):
    ids, start = set(), 1
    while True:
        page = client.must("GET", f"/scim/v2/Users?filter=userName%20sw%20%22{prefix}%22&attributes=id&startIndex={start}&count=1000")
        resources = page.get("Resources", [])
        ids.update(resource["id"] for resource in resources)
        start += len(resources)
        if not resources or start > page["totalResults"]:
            return ids


class Load:
    """CLIENTS threads, each creating a user then adding it to the group, until stopped."""

    def __init__(self, cluster, group_id, prefix, clients):
        self.cluster, self.group_id, self.prefix, self.clients = cluster, group_id, prefix, clients
        self.lock = threading.Lock()
        self.created = set()        # ids of users whose POST answered 201
        self.acknowledged = set()   # ids whose PATCH add answered 2xx
        self.outcomes = []          # (monotonic time, operation, status or error name)
        self.stop = threading.Event()

    def run(self, seconds, during=None):
        threads = [threading.Thread(target=self.client, args=(number,), daemon=True) for number in range(self.clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        if during is not None:
            during(started)
        remaining = seconds - (time.monotonic() - started)
        if remaining > 0:
            time.sleep(remaining)
        self.stop.set()
        for thread in threads:
            thread.join(60)
        return started

    def client(self, number):
        client = Client(self.cluster.port, self.cluster.scim_token, timeout=30)
        sequence = 0
        while not self.stop.is_set():
            sequence += 1
            name = f"{self.prefix}-{number}-{sequence}@example.com"
            outcome, user_id = self.call(client, "POST", "/scim/v2/Users", user_body(name))
            if outcome == 201 and user_id:
                with self.lock:
                    self.created.add(user_id)
                outcome, _ = self.call(client, "PATCH", f"/scim/v2/Groups/{self.group_id}", entra_add(user_id))
                if isinstance(outcome, int) and 200 <= outcome < 300:
                    with self.lock:
                        self.acknowledged.add(user_id)
        client.close()

    def call(self, client, method, path, body):
        try:
            status, parsed = client.request(method, path, body)
            outcome = status
            user_id = parsed.get("id") if isinstance(parsed, dict) else None
        except (OSError, http.client.HTTPException) as error:
            outcome, user_id = type(error).__name__, None
        with self.lock:
            self.outcomes.append((time.monotonic(), method, outcome))
        return outcome, user_id

    def errors(self, since=None):
        return collections.Counter(f"{method} {outcome}" for moment, method, outcome in self.outcomes
                                   if not (isinstance(outcome, int) and 200 <= outcome < 300) and (since is None or moment >= since))

    def verify(self, client):
        """Problems found: acknowledged users or members missing."""
        problems = []
        members = group_members(client, self.group_id)
        missing_members = self.acknowledged - members
        if missing_members:
            problems.append(f"{len(missing_members)} acknowledged member(s) missing from the group, e.g. {sorted(missing_members)[:3]}")
        users = all_user_ids(client, self.prefix)
        missing_users = self.created - users
        if missing_users:
            problems.append(f"{len(missing_users)} acknowledged user(s) missing, e.g. {sorted(missing_users)[:3]}")
        return problems, len(members)


class Steps:
    def __init__(self, cluster, arguments):
        self.cluster, self.arguments = cluster, arguments
        self.passed = self.failed = 0
        self.run_id = uuid.uuid4().hex[:8]

    def step(self, label, function):
        started = time.monotonic()
        try:
            summary = function()
            self.passed += 1
            print(f"PASS {label} ({time.monotonic() - started:.1f} s): {summary}", flush=True)
        except Interrupted:
            raise
        except Exception as error:  # a failed check, or anything that stopped it
            self.failed += 1
            print(f"FAIL {label} ({time.monotonic() - started:.1f} s): {error}", flush=True)

    # a. The public validators through nginx.
    def validators(self):
        environment = dict(os.environ, CONFORMANCE_BASE_URL=f"http://127.0.0.1:{self.cluster.port}/scim/v2",
                           CONFORMANCE_TOKEN=self.cluster.scim_token)
        output = os.path.join(self.cluster.work, "conformance")
        result = subprocess.run(["bash", os.path.join(ROOT, "scripts", "conformance.sh"), output], env=environment,
                                capture_output=True, text=True, timeout=240)
        if result.returncode != 0:
            raise AssertionError("scripts/conformance.sh failed (exit %d):\n%s" % (result.returncode, (result.stdout + result.stderr)[-3000:]))
        documented = result.stdout.count("documented exception")
        return f"scripts/conformance.sh through nginx: every failing check is a documented exception ({documented} documented)"

    def new_group(self, client, name, members=()):
        body = {"schemas": [GROUP_SCHEMA], "displayName": name, "members": [{"value": m} for m in members]}
        return client.must("POST", "/scim/v2/Groups", body, expect=(201,))["id"]

    # b. Concurrent adds to one group.
    def concurrent_adds(self):
        client = self.cluster.scim()
        group = self.new_group(client, f"mi-b-{self.run_id}")
        load = Load(self.cluster, group, f"mi-b-{self.run_id}", self.arguments.clients)
        load.run(self.arguments.seconds)
        problems, count = load.verify(client)
        errors = load.errors()
        if not load.acknowledged:
            problems.append("no PATCH was acknowledged")
        if errors:
            problems.append(f"errors with both instances up: {dict(errors)}")
        if problems:
            raise AssertionError("; ".join(problems))
        patches = sum(1 for _, method, _ in load.outcomes if method == "PATCH")
        return (f"{self.arguments.clients} clients for {self.arguments.seconds} s: {len(load.created)} users created, "
                f"{len(load.acknowledged)} adds to one group acknowledged ({patches / self.arguments.seconds:.0f} PATCH/s); "
                f"all present, the group has {count} members")

    # g. Cursor walks through nginx (RFC 9865), after b.
    def cursor_walks(self):
        client = self.cluster.scim()
        prefix = f"mi-b-{self.run_id}"
        expected = all_user_ids(client, prefix)
        query = f"/scim/v2/Users?filter=userName%20sw%20%22{prefix}%22&attributes=userName&sortBy=userName&sortOrder=descending&count=37"

        def page(cursor):
            answer = client.must("GET", f"{query}&cursor={cursor}", expect=(200,))
            return [(r["id"], r["userName"].lower()) for r in answer.get("Resources", [])], answer

        forward, cursor, pages = [], "", 0
        while cursor is not None and pages < 10_000:
            rows, answer = page(cursor)
            forward += rows
            cursor, pages = answer.get("nextCursor"), pages + 1
        backward, previous = rows, answer.get("previousCursor")
        while previous is not None and len(backward) <= len(forward):
            rows, answer = page(previous)
            backward = rows + backward
            previous = answer.get("previousCursor")
        problems = []
        if len(expected) < 2 * 37:
            problems.append(f"only {len(expected)} users of b to walk")
        if [i for i, _ in forward] != [i for i, _ in backward]:
            problems.append("the walk back along previousCursor differs from the walk forwards")
        if len({i for i, _ in forward}) != len(forward) or {i for i, _ in forward} != expected:
            problems.append(f"the walk returned {len(forward)} users ({len({i for i, _ in forward})} distinct), the index pages {len(expected)}")
        if [n for _, n in forward] != sorted((n for _, n in forward), reverse=True):
            problems.append("the walk is not in descending userName order")
        if problems:
            raise AssertionError("; ".join(problems))
        return (f"{len(forward)} users of b in {pages} pages of 37 by userName descending, forwards and back, "
                "alternating instances: each once, in order")

    # f. An identity provider's first sync of a fresh tenant.
    def first_sync(self):
        name = f"mi-f-{self.run_id}"
        for command in (["tenant", "create", name], ["token", "issue", "--tenant", name]):
            result = subprocess.run([self.cluster.binary, *command, "--database", self.cluster.database],
                                    capture_output=True, text=True, timeout=60)
            if result.returncode != 0:
                raise AssertionError(f"percolator {' '.join(command)} failed: {(result.stdout + result.stderr)[-500:]}")
        token = re.search(r"pct_[A-Za-z0-9_-]+", result.stdout)
        if not token:
            raise AssertionError("percolator token issue printed no token")
        enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
        statuses, lock = collections.Counter(), threading.Lock()

        def client(number):
            connection = Client(self.cluster.port, token.group(0))
            for index in range(4):
                body = user_body(f"{name}-{number}-{index}@example.com")
                body["schemas"].append(enterprise)
                body[enterprise] = {"department": f"Department {number % 5}", "costCenter": f"CC-{index}"}
                try:
                    status, _ = connection.request("POST", "/scim/v2/Users", body)
                except (OSError, http.client.HTTPException) as error:
                    status = type(error).__name__
                with lock:
                    statuses[status] += 1
            connection.close()

        threads = [threading.Thread(target=client, args=(number,)) for number in range(self.arguments.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        if set(statuses) != {201}:
            raise AssertionError(f"creates answered {dict(statuses)}, not all 201")
        return (f"tenant and token made with the command line on the PostgreSQL URL; {statuses[201]} users with "
                f"enterprise departments created by {self.arguments.clients} clients at once, all 201")

    # d. One scheduled session matched exactly once by two schedulers.
    def scheduled_session(self):
        scim, admin = self.cluster.scim(), self.cluster.admin()
        people = []
        for index in range(6):
            address = f"mi-d-{self.run_id}-{index}@example.com"
            people.append((scim.must("POST", "/scim/v2/Users", user_body(address, given=f"Pair{index}"), expect=(201,))["id"], address))
        group = self.new_group(scim, f"mi-d-{self.run_id}", [user_id for user_id, _ in people])
        match_at = time.time() + 5
        program = admin.must("POST", "/api/v1/programs", {
            "name": f"Multi-instance coffee {self.run_id}", "audience": {"type": "group", "groupId": group}, "groupSize": 2,
            "schedule": {"type": "once", "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(match_at))},
        }, expect=(201,))["id"]
        admin.must("POST", f"/api/v1/programs/{program}/activate", expect=(200,))
        session = {}

        def matched():
            items = admin.must("GET", f"/api/v1/programs/{program}/sessions")["items"]
            if len(items) == 1 and items[0]["state"] in ("matched", "closed"):
                session.update(items[0])
                return True
            if len(items) > 1:
                raise AssertionError(f"the program has {len(items)} sessions, not one")
            return False

        wait_for(matched, 40, "the session to be matched by a scheduler")
        time.sleep(3)  # three more ticks of both schedulers: a second match would show now
        problems = []
        lines = [(name, line) for name, line in self.cluster.scheduler_lines() if line.get("session") == session["id"]]
        matches = [(name, line) for name, line in lines if line.get("action") == "matched"]
        creations = [name for name, line in lines if line.get("action") == "created"]
        if len(matches) != 1:
            problems.append(f"{len(matches)} 'matched' scheduler lines for the session (want 1): {matches}")
        if len(creations) > 1:
            problems.append(f"the session was created {len(creations)} times")
        groups = admin.must("GET", f"/api/v1/sessions/{session['id']}/matches")["groups"]
        grouped = [member.get("email") for g in groups for member in g["members"]]
        if len(groups) != 3 or sorted(grouped) != sorted(address for _, address in people):
            problems.append(f"the matching is not 3 pairs of the 6 members: {len(groups)} groups, {len(grouped)} members")
        intros = [e for e in self.events(admin, "MatchIntroRequested") if e["subject"] == session["id"]]
        if len(intros) != len(groups):
            problems.append(f"{len(intros)} MatchIntroRequested events for {len(groups)} groups")
        addresses = {address for _, address in people}
        counts = collections.Counter()

        def introduced():
            counts.clear()
            for message in self.cluster.messages():
                for recipient in message["rcpt_tos"]:
                    if recipient in addresses and "Welcome" not in message["subject"] and "Bienvenue" not in message["subject"]:
                        counts[recipient] += 1
            return len(counts) == len(addresses)

        try:
            wait_for(introduced, 30, "the introduction emails")
            time.sleep(2)
            introduced()
        except RuntimeError as error:
            problems.append(str(error) + f" ({len(counts)} of {len(addresses)} members got one)")
        twice = {a: n for a, n in counts.items() if n != 1}
        if twice:
            problems.append(f"introduction emails not exactly once: {twice}")
        if problems:
            raise AssertionError("; ".join(problems))
        who = collections.Counter(name for name, _ in matches)
        return (f"session {session['id']} matched once (by {', '.join(who)}), {len(groups)} pairs, "
                f"{len(intros)} introductions, one email per member")

    def events(self, admin, kind):
        items, path = [], f"/api/v1/events?kind={kind}&limit=1000"
        while path:
            page = admin.must("GET", path)
            items += page["items"]
            path = f"/api/v1/events?kind={kind}&limit=1000&after={urllib.parse.quote(page['next'])}" if page.get("next") else None
        return items

    # e. Welcome emails exactly once.
    def welcome_emails(self):
        scim, admin = self.cluster.scim(), self.cluster.admin()
        admin.must("PATCH", "/api/v1/settings", {"sendWelcomeEmail": True}, expect=(200,))
        addresses = set()
        errors = []

        def create(kind, index):
            address = f"mi-e-{self.run_id}-{kind}{index}@example.com"
            client = self.cluster.scim() if kind == "scim" else self.cluster.admin()
            try:
                if kind == "scim":
                    client.must("POST", "/scim/v2/Users", user_body(address), expect=(201,))
                else:
                    client.must("POST", "/api/v1/members", {"givenName": f"Hand{index}", "familyName": "Made", "email": address,
                                                            "sendWelcomeEmail": True}, expect=(201,))
                addresses.add(address)
            except Exception as error:
                errors.append(str(error))
            finally:
                client.close()

        threads = [threading.Thread(target=create, args=(kind, index)) for kind in ("scim", "admin") for index in range(self.arguments.welcomes)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        if errors:
            raise AssertionError(f"{len(errors)} creations failed, e.g. {errors[0]}")
        counts = collections.Counter()

        def delivered():
            counts.clear()
            for message in self.cluster.messages():
                for recipient in message["rcpt_tos"]:
                    if recipient in addresses:
                        counts[recipient] += 1
            return len(counts) == len(addresses)

        wait_for(delivered, 60, f"welcome emails to {len(addresses)} recipients (got {len(counts)})")
        time.sleep(3)  # a second delivery by the other instance's deliverer would show now
        delivered()
        problems = []
        wrong = {a: n for a, n in counts.items() if n != 1}
        if wrong:
            problems.append(f"welcome emails not exactly once: {dict(list(wrong.items())[:5])}")
        message_ids = collections.Counter(m["message_id"] for m in self.cluster.messages())
        repeated = {m: n for m, n in message_ids.items() if n > 1}
        if repeated:
            problems.append(f"Message-IDs delivered more than once over the whole run: {dict(list(repeated.items())[:5])}")
        instances = collections.Counter(e.get("status") for e in self.events(admin, "WelcomeEmailRequested"))
        if problems:
            raise AssertionError("; ".join(problems))
        return (f"{len(addresses)} welcome emails ({self.arguments.welcomes} SCIM users, {self.arguments.welcomes} admin-API members), "
                f"each delivered exactly once; no Message-ID twice in {sum(message_ids.values())} messages; outbox {dict(instances)}")

    # c. SIGKILL of one instance under the load of b.
    def kill_under_load(self):
        client = self.cluster.scim()
        group = self.new_group(client, f"mi-c-{self.run_id}")
        load = Load(self.cluster, group, f"mi-c-{self.run_id}", self.arguments.clients)
        victim_name, victim, _ = self.cluster.instances[0]
        killed_at = {}

        def kill(started):
            time.sleep(self.arguments.seconds / 3)
            victim.send_signal(signal.SIGKILL)
            killed_at["time"] = time.monotonic()
            victim.wait()

        load.run(self.arguments.seconds, during=kill)
        kill_time = killed_at["time"]
        problems, count = load.verify(client)
        settled = kill_time + 1.0
        after = [o for o in load.outcomes if o[0] >= settled]
        late_errors = load.errors(since=settled)
        successes_after = sum(1 for moment, _, outcome in after if isinstance(outcome, int) and 200 <= outcome < 300)
        if successes_after == 0:
            problems.append("no request succeeded after the kill: the other instance did not keep serving")
        if late_errors:
            problems.append(f"errors more than 1 s after the kill: {dict(late_errors)}")
        if http_status(self.cluster.port, "/readyz") != 200:
            problems.append("/readyz through nginx is not 200 after the kill")
        errors = load.errors()
        if problems:
            raise AssertionError("; ".join(problems) + f" (all errors: {dict(errors)})")
        return (f"{victim_name} SIGKILLed {self.arguments.seconds / 3:.1f} s into {self.arguments.seconds} s of load: "
                f"{len(load.created)} users and {len(load.acknowledged)} adds acknowledged, all present (group of {count}); "
                f"errors clients saw: {sum(errors.values())} {dict(errors) if errors else ''} of {len(load.outcomes)} requests, "
                f"none after kill + 1 s ({successes_after} successes then)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "percolator"))
    parser.add_argument("--database", default=os.environ.get("PERCOLATOR_TEST_POSTGRES_URL"))
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--welcomes", type=int, default=20, help="welcome emails per way (SCIM, admin API)")
    parser.add_argument("--skip-validators", action="store_true")
    arguments = parser.parse_args()
    if not arguments.database:
        print("multi-instance: no database (run through scripts/multi-instance.sh, or give --database postgres://…)", file=sys.stderr)
        return 2
    if not os.access(arguments.binary, os.X_OK):
        print(f"multi-instance: {arguments.binary} is not an executable (swift build first, or --binary)", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    work = tempfile.mkdtemp(prefix="percolator-multi.")
    os.chmod(work, 0o755)
    cluster = steps = None
    status = 0
    try:
        cluster = Cluster(arguments.binary, arguments.database, work)
        steps = Steps(cluster, arguments)
        cluster.start_sink()
        ports = [cluster.start_instance("instance-1"), cluster.start_instance("instance-2")]
        cluster.start_nginx(ports)
        print(f"multi-instance: nginx on 127.0.0.1:{cluster.port} in front of instances on {ports[0]} and {ports[1]}, "
              f"one PostgreSQL, SMTP sink on {cluster.smtp_port}", flush=True)
        # The steps before e create users; only e's should get a welcome email.
        cluster.admin().must("PATCH", "/api/v1/settings", {"sendWelcomeEmail": False}, expect=(200,))
        if not arguments.skip_validators:
            steps.step("a. SCIM validators through nginx", steps.validators)
        steps.step("b. concurrent adds to one group", steps.concurrent_adds)
        steps.step("g. cursor walks through nginx", steps.cursor_walks)
        steps.step("f. first sync of a fresh tenant", steps.first_sync)
        steps.step("d. one scheduled session, two schedulers", steps.scheduled_session)
        steps.step("e. welcome emails exactly once", steps.welcome_emails)
        steps.step("c. SIGKILL of one instance under load", steps.kill_under_load)
        if steps.failed:
            cluster.tail_logs()
        print(f"multi-instance: {steps.passed} passed, {steps.failed} failed", flush=True)
        status = 1 if steps.failed else 0
    except Interrupted as error:
        done = f"{steps.passed} passed, {steps.failed} failed" if steps else "nothing run"
        print(f"multi-instance: interrupted ({error}); {done}", file=sys.stderr)
        status = 2
    except Exception as error:
        print(f"multi-instance: could not run: {error}", file=sys.stderr)
        if cluster:
            cluster.tail_logs()
        status = 2
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if cluster:
            cluster.close()
        shutil.rmtree(work, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
