#!/usr/bin/env python3
"""SCIM queries answered alike on SQLite and on PostgreSQL: a differential check.

    scripts/postgres.sh python3 scripts/backend-parity.py --binary .build/debug/percolator

Starts two `percolator serve` on loopback, one on a fresh SQLite file and one on the
PostgreSQL database in PERCOLATOR_TEST_POSTGRES_URL (scripts/postgres.sh makes a
throw-away cluster), creates the same 40 users (enterprise extension, missing values,
case and accent variants, two emails of which the primary is not always the first) and
4 groups on both, then sends both the same list requests: filters (indexed, read from
the JSON, evaluated in memory), every kind of sortBy both ways, paging, projections, and
cursor walks (RFC 9865) followed to their end. Ids are replaced by the users' creation
index and `meta` is dropped; every answer must then be the same, status included.

The live test suites run on SQLite only; the store's contract tests compare the two
backends one repository call at a time. This is the same comparison through HTTP, with
the rendering, projection and cursor codec in between: the check that a PostgreSQL
server answered every cursor request with its first page and no nextCursor would have
failed here. Prints each difference and "N requests, N walks, N differences"; exits 1
on a difference, 2 when it could not start. About 15 seconds.
"""
import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"

FILTERS = [
    'userName sw "a"', 'userName co "EXAMPLE"', 'displayName eq "bob"', 'displayName pr', 'not (displayName pr)',
    'externalId eq "X3"', 'externalId gt "X1"', 'title eq "engineer"', 'title co "ÄR"', 'name.familyName eq "smith"',
    'emails.value ew ".org"', 'emails[type eq "work" and primary eq true]', 'emails.primary eq true', 'phoneNumbers pr',
    'active eq false', 'active eq "True"', f'{ENTERPRISE}:costCenter eq "cc1"', f'{ENTERPRISE}:employeeNumber lt "2"',
    f'{ENTERPRISE}:manager.value eq "m1"', f'{ENTERPRISE}:manager pr', 'groups.display eq "Group 1"', 'not (groups pr)',
    'meta.created gt "2000-01-01T00:00:00Z"', 'title pr and (userName sw "b" or userName sw "c")', 'name pr',
    'emails eq "W3@X.COM"', 'title ne "Engineer"', 'x509Certificates pr', 'displayName le "bob"', 'userName ge "d"',
]
SORTS = ["userName", "displayName", "externalId", "title", "name.familyName", "emails", "emails.type",
         f"{ENTERPRISE}:employeeNumber", f"{ENTERPRISE}:costCenter", "meta.created", "id", "nickName", "active"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, binary, database, environment, log):
        self.port = free_port()
        self.token = environment["PERCOLATOR_SCIM_TOKEN"]
        self.process = subprocess.Popen(
            [binary, "serve", "--host", "127.0.0.1", "--port", str(self.port), "--database", database, "--access-log", "off",
             "--scim-rate", "1000000", "--scim-burst", "10000000"],
            env=environment, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/readyz", timeout=2):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"the server on {database} did not get ready")

    def request(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method=method, data=data, headers={
            "Authorization": f"Bearer {self.token}", "Content-Type": "application/scim+json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def users():
    """40 users, the same every run."""
    generator = random.Random(7)
    result = []
    for index in range(40):
        user = {"schemas": [USER, ENTERPRISE], "active": index % 5 != 0,
                "userName": f"{generator.choice(['al', 'Bo', 'cé', 'Dä', 'ev'])}{index}@Example.com",
                "name": {"givenName": generator.choice(["A", "b", "C"]), "familyName": generator.choice(["Smith", "smith", "Ñu", "Zed"])},
                ENTERPRISE: {"employeeNumber": str(generator.randint(1, 500)), "costCenter": generator.choice(["CC1", "cc2", "CC3"]),
                             "department": generator.choice(["R&D", "Sales"])}}
        if index % 3:
            user["displayName"] = generator.choice(["Ann", "bob", "Émile", "zoé", "Bob"])
        if index % 4:
            user["externalId"] = f"X{generator.randint(0, 20)}"
        if index % 2:
            user["title"] = generator.choice(["Engineer", "engineer", "Director", "ärchitect"])
        if index % 6:
            user["emails"] = [{"value": f"w{index}@x.com", "type": "work", "primary": index % 2 == 0},
                              {"value": f"h{index}@y.org", "type": "home"}]
        if index % 7:
            user["phoneNumbers"] = [{"value": f"+33 1 {index:02d}", "type": "work"}]
        if index % 5 == 1:
            user[ENTERPRISE]["manager"] = {"value": "m1"}
        result.append(user)
    return result


def seed(server):
    """The users and groups on `server`; its ids by name (U0…, Group 0…)."""
    names = {}
    ids = []
    for index, user in enumerate(users()):
        status, body = server.request("POST", "/scim/v2/Users", user)
        if status != 201:
            raise RuntimeError(f"creating user {index} answered {status}: {body[:300]}")
        ids.append(json.loads(body)["id"])
        names[ids[-1]] = f"U{index}"
    for number in range(4):
        members = [{"value": ids[k]} for k in range(number, 40, 3 + number)]
        status, body = server.request("POST", "/scim/v2/Groups", {"schemas": [GROUP], "displayName": f"Group {number}", "members": members})
        if status != 201:
            raise RuntimeError(f"creating group {number} answered {status}: {body[:300]}")
        names[json.loads(body)["id"]] = f"Group {number}"
    return names


def normalised(text, names):
    """The answer with ids replaced by names and without `meta`, cursors and `$ref`s."""
    try:
        value = json.loads(text)
    except ValueError:
        return text

    def walk(item):
        if isinstance(item, dict):
            return {key: walk(inner) for key, inner in item.items() if key not in ("meta", "nextCursor", "previousCursor", "$ref")}
        if isinstance(item, list):
            return [walk(inner) for inner in item]
        if isinstance(item, str):
            return names.get(item, item)
        return item
    return json.dumps(walk(value), sort_keys=True, ensure_ascii=False)


def requests():
    quote = urllib.parse.quote
    paths = [f"/scim/v2/Users?filter={quote(text)}&attributes=userName" for text in FILTERS]
    for sort in SORTS:
        for order in ("ascending", "descending"):
            paths.append(f"/scim/v2/Users?sortBy={quote(sort)}&sortOrder={order}&attributes=userName&count=100")
            paths.append(f"/scim/v2/Users?sortBy={quote(sort)}&sortOrder={order}&attributes=userName&filter={quote('title pr')}")
    paths += ["/scim/v2/Users?startIndex=7&count=5", "/scim/v2/Users?count=0", "/scim/v2/Groups?attributes=displayName,members",
              f"/scim/v2/Groups?filter={quote('members.value pr')}", "/scim/v2/Users?excludedAttributes=emails,name&count=3",
              "/scim/v2/Groups?sortBy=displayName&sortOrder=descending&excludedAttributes=members"]
    return paths


def walks():
    quote = urllib.parse.quote
    for sort in [None, "userName", "title", "displayName", "emails"]:
        for order in ("ascending", "descending"):
            for text in [None, "title pr", "not (groups pr)"]:
                yield ("/scim/v2/Users?attributes=userName&count=7" + (f"&sortBy={quote(sort)}&sortOrder={order}" if sort else "")
                       + (f"&filter={quote(text)}" if text else ""))


def walk(server, path, names):
    """The names along nextCursor, then back along previousCursor from the last page."""
    forward, backward, cursor, previous = [], [], "", None
    for _ in range(100):
        status, body = server.request("GET", f"{path}&cursor={cursor}")
        if status != 200:
            return [f"{status}: {body[:200]}"]
        page = json.loads(body)
        rows = [names.get(resource["id"], resource["id"]) for resource in page.get("Resources", [])]
        forward += rows
        backward, previous = rows, page.get("previousCursor")
        cursor = page.get("nextCursor")
        if not cursor:
            break
    for _ in range(100):
        if not previous:
            break
        status, body = server.request("GET", f"{path}&cursor={previous}")
        if status != 200:
            return forward + [f"back: {status}: {body[:200]}"]
        page = json.loads(body)
        backward = [names.get(resource["id"], resource["id"]) for resource in page.get("Resources", [])] + backward
        previous = page.get("previousCursor")
    return forward + ["back:"] + backward


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(os.path.dirname(__file__), "..", ".build", "debug", "percolator"))
    parser.add_argument("--database", default=os.environ.get("PERCOLATOR_TEST_POSTGRES_URL"))
    arguments = parser.parse_args()
    if not arguments.database:
        print("backend-parity: no PostgreSQL (run through scripts/postgres.sh, or give --database postgres://…)", file=sys.stderr)
        return 2
    work = tempfile.mkdtemp(prefix="percolator-parity.")
    servers = []
    try:
        token = subprocess.check_output([arguments.binary, "token", "generate"], text=True).strip()
        admin = subprocess.check_output([arguments.binary, "token", "generate"], text=True).strip()
        environment = dict(os.environ, PERCOLATOR_SCIM_TOKEN=token, PERCOLATOR_ADMIN_TOKEN=admin)
        log = open(os.path.join(work, "servers.log"), "w")
        servers = [Server(arguments.binary, os.path.join(work, "parity.sqlite"), environment, log),
                   Server(arguments.binary, arguments.database, environment, log)]
        sqlite, postgres = servers
        names = {**seed(sqlite), **seed(postgres)}
    except (OSError, RuntimeError, subprocess.CalledProcessError) as error:
        print(f"backend-parity: could not start: {error}", file=sys.stderr)
        for server in servers:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
        return 2
    differences = 0
    try:
        paths = requests()
        for path in paths:
            (status_a, body_a), (status_b, body_b) = sqlite.request("GET", path), postgres.request("GET", path)
            a, b = normalised(body_a, names), normalised(body_b, names)
            if status_a != status_b or a != b:
                differences += 1
                print(f"DIFFERENCE {path}\n  SQLite     {status_a} {a[:800]}\n  PostgreSQL {status_b} {b[:800]}", flush=True)
        walked = list(walks())
        for path in walked:
            a, b = walk(sqlite, path, names), walk(postgres, path, names)
            if a != b or len(a) < 3:
                differences += 1
                print(f"DIFFERENCE walk {path}\n  SQLite     {a}\n  PostgreSQL {b}", flush=True)
        print(f"backend-parity: {len(paths)} requests, {len(walked)} cursor walks forwards and back, {differences} differences", flush=True)
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
