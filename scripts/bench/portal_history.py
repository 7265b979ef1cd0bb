"""A program with a long history, as the Member Portal and the scheduler meet it.

usage: portal_history.py BINARY SESSIONS OPTED_IN_PER_SESSION (see scripts/bench-portal-history.sh)

Starts the SMTP sink and the server, invites a member and signs it in through the
invitation link (with the helpers of scripts/browser/portal-journey.py), matches one
session for real, then stops the server and adds SESSIONS past weekly sessions of the
program to the database, closed copies of the matched one each holding
OPTED_IN_PER_SESSION opted-in member ids, as an opt-in program's past sessions hold them
(only their `sessions` rows: the history tables and results keep the one real match).
It restarts the server and prints: the admin console's home page (p50 and p99 of 50), its
program page and the admin API's statistics (p50 and maximum of 20), the program's sessions
through the admin API (its first page, p50 and maximum of 10; every page, of 5), a preview
of the next session's match (p50 and maximum of 10); the admin API's resume, which plans the
program's sessions in its write (p50 and maximum of 20); the server's CPU over 61 s idle
(two scheduler ticks); the portal's GET /programs and POST /programs/{id}/participation
(p50 and p99 of 50 each)."""
import http.cookiejar, importlib.util, json, re, shutil, sqlite3, subprocess, sys, tempfile, time, types
import urllib.parse, urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The journey's helpers without its browser: its screenshots module needs selenium.
sys.modules["screenshots"] = types.SimpleNamespace(driver_for=None, set_viewport=None)
spec = importlib.util.spec_from_file_location("portal_journey", ROOT / "scripts/browser/portal-journey.py")
pj = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pj)

binary, count, opted = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
port = pj.free_port()
base = f"http://127.0.0.1:{port}"
admin = subprocess.run([binary, "token", "generate"], capture_output=True, text=True, check=True).stdout.strip()
work = tempfile.mkdtemp(prefix="portal-history-")
database = f"{work}/db.sqlite"
mails = Path(work) / "mails.jsonl"
sink, smtp_port = pj.start_sink(mails)
server = pj.start_server(binary, port, admin, database, smtp_port)
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def form(path, fields):
    """POSTs a portal form from our own origin, with the session cookie."""
    request = urllib.request.Request(base + path, data=urllib.parse.urlencode(fields).encode(), method="POST",
                                     headers={"Origin": base, "Content-Type": "application/x-www-form-urlencoded"})
    return opener.open(request)


def timed(action, times):
    """Milliseconds of each of `times` calls, sorted."""
    spent = []
    for _ in range(times):
        started = time.perf_counter()
        action()
        spent.append((time.perf_counter() - started) * 1000)
    return sorted(spent)


def server_cpu():
    fields = open(f"/proc/{server.pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100


try:
    program = pj.api(port, admin, "POST", "/api/v1/programs", {
        "name": "Coffee roulette", "audience": {"type": "all"}, "groupSize": 2, "participation": "optIn",
        "schedule": {"type": "recurring", "everyWeeks": 1, "weekday": 1, "time": "09:30", "timezone": "Europe/Paris",
                     "optInWindowHours": 48}})
    pj.api(port, admin, "POST", f"/api/v1/programs/{program['id']}/activate")
    pj.api(port, admin, "POST", "/api/v1/invitations", {"email": "ada@example.com", "givenName": "Ada", "familyName": "Lovelace"})
    invitation = pj.wait_for_mail(mails, "ada@example.com", "/invitations/accept?token=")
    page = opener.open(pj.link_in(invitation["body"], f"{base}/invitations/accept?token=")).read().decode()
    action = re.search(r'<main.*?<form[^>]*action="([^"]+)"', page, re.S).group(1)
    fields = dict(re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page))
    form(action, {**fields, "givenName": "Ada", "familyName": "Lovelace"}).read()
    assert "Coffee roulette" in opener.open(base + "/programs").read().decode(), "the member is not signed in"
    # One session matched for real (Ada and Bo opted in), the template of the history.
    bo = pj.api(port, admin, "POST", "/api/v1/members", {"givenName": "Bo", "familyName": "Bennett", "email": "bo@example.com"})
    ada = [m for m in pj.api(port, admin, "GET", "/api/v1/members")["items"] if m["userName"] == "ada@example.com"][0]
    first = pj.api(port, admin, "GET", f"/api/v1/programs/{program['id']}/sessions")["items"][0]["id"]
    quoted = urllib.parse.quote(first, safe="")
    for member in (ada, bo):
        pj.api(port, admin, "PUT", f"/api/v1/sessions/{quoted}/participants/{member['id']}", {"optIn": True})
    if pj.api(port, admin, "GET", f"/api/v1/sessions/{quoted}")["state"] == "scheduled":
        pj.api(port, admin, "POST", f"/api/v1/sessions/{quoted}/open")
    pj.api(port, admin, "POST", f"/api/v1/sessions/{quoted}/match")
    server.terminate()
    server.wait()
    # The history, written as the store writes sessions (compact, keys sorted): closed
    # sessions like the matched one.
    connection = sqlite3.connect(database)
    tenant, text = connection.execute("SELECT tenant_id, json FROM sessions WHERE id = ?", (first,)).fetchone()
    template = json.loads(text)
    assert template["state"] == "matched" and template.get("match"), "the template session is not matched"
    members = [{"rawValue": f"0190{i:04x}-0000-7000-8000-{i:012x}"} for i in range(opted)]
    for week in range(count):
        seconds = 1_700_000_000 + week * 604_800
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(seconds))
        session = {**template, "id": {"rawValue": f"{program['id']}@{seconds}"}, "state": "closed",
                   "matchAt": stamp, "opensAt": stamp, "optedIn": members}
        connection.execute("INSERT INTO sessions (tenant_id, id, program_id, state, match_at, json) VALUES (?, ?, ?, 'closed', ?, ?)",
                           (tenant, session["id"]["rawValue"], program["id"], stamp,
                            json.dumps(session, separators=(",", ":"), sort_keys=True)))
    connection.commit()
    size = connection.execute("SELECT sum(length(json)) FROM sessions").fetchone()[0]
    connection.close()
    server = pj.start_server(binary, port, admin, database, smtp_port)

    def resume():
        pj.api(port, admin, "POST", f"/api/v1/programs/{program['id']}/pause")
        started = time.perf_counter()
        pj.api(port, admin, "POST", f"/api/v1/programs/{program['id']}/resume")
        return (time.perf_counter() - started) * 1000
    resumes = sorted(resume() for _ in range(20))  # the first one also plans the next session
    page = opener.open(base + "/programs").read().decode()
    assert "Coffee roulette" in page and "Next session" in page, "the programs page lost the next session"
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    # The admin console, signed in with the admin token as its sign-in page asks.
    console = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    sign_in = console.open(f"{base}/admin").read().decode()
    console.open(urllib.request.Request(f"{base}/admin/sign-in", method="POST", headers={
        "Origin": base, "Content-Type": "application/x-www-form-urlencoded"}, data=urllib.parse.urlencode({
            **dict(re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', sign_in)),
            "token": admin}).encode())).read()
    assert "Coffee roulette" in console.open(f"{base}/admin").read().decode(), "the console's home lost the next session"
    home = timed(lambda: console.open(f"{base}/admin").read(), 50)
    program_page = timed(lambda: console.open(f"{base}/admin/programs/{program['id']}").read(), 20)
    statistics = pj.api(port, admin, "GET", f"/api/v1/programs/{program['id']}/statistics")
    assert statistics.get("sessions"), f"no matched session counted: {statistics}"
    figures = timed(lambda: pj.api(port, admin, "GET", f"/api/v1/programs/{program['id']}/statistics"), 20)
    before = server_cpu()
    time.sleep(61)
    idle = server_cpu() - before
    programs = timed(lambda: opener.open(base + "/programs").read(), 50)
    choices = iter(["opt-in", "skip"] * 25)  # alternately in and out: each one a write
    participation = timed(lambda: form(f"/programs/{program['id']}/participation",
                                       {"csrf": token, "choice": next(choices)}).read(), 50)
    def every_session():
        """The program's sessions, page after page (a build that does not page answers one)."""
        items, after = [], None
        while True:
            page = pj.api(port, admin, "GET", f"/api/v1/programs/{program['id']}/sessions" + (f"?after={after}" if after else ""))
            items += page["items"]
            after = page.get("next")
            if not after:
                return items
    first_page = pj.api(port, admin, "GET", f"/api/v1/programs/{program['id']}/sessions")
    first_pages = timed(lambda: pj.api(port, admin, "GET", f"/api/v1/programs/{program['id']}/sessions"), 10)
    every_pages = timed(every_session, 5)
    pending = [x for x in every_session() if x["state"] in ("scheduled", "open")][0]["id"]
    previews = timed(lambda: pj.api(port, admin, "POST", f"/api/v1/sessions/{urllib.parse.quote(pending, safe='')}/preview"), 10)
    print(f"{count} past sessions of {opted} opt-ins each ({size / 1e6:.1f} MB of session JSON), {binary}")
    print(f"  admin resume (plans the sessions in its write): p50 {resumes[10]:.2f} ms, max {resumes[-1]:.2f} ms")
    print(f"  server CPU over 61 s idle (two scheduler ticks): {idle:.2f} s")
    print(f"  console home (GET /admin): p50 {home[25]:.2f} ms, p99 {home[49]:.2f} ms")
    print(f"  console program page (lists its {count + 2} sessions): p50 {program_page[10]:.2f} ms, max {program_page[-1]:.2f} ms")
    print(f"  admin API statistics (last sessions counted): p50 {figures[10]:.2f} ms, max {figures[-1]:.2f} ms")
    print(f"  admin API a program's sessions, first page ({len(first_page['items'])} sessions, "
          f"{len(json.dumps(first_page)) / 1e6:.1f} MB): p50 {first_pages[5]:.2f} ms, max {first_pages[-1]:.2f} ms; "
          f"every page: p50 {every_pages[2]:.2f} ms, max {every_pages[-1]:.2f} ms")
    print(f"  admin API preview of the next session (its preparation reads the last match): p50 {previews[5]:.2f} ms, max {previews[-1]:.2f} ms")
    print(f"  portal GET /programs: p50 {programs[25]:.2f} ms, p99 {programs[49]:.2f} ms")
    print(f"  portal POST participation: p50 {participation[25]:.2f} ms, p99 {participation[49]:.2f} ms")
finally:
    server.terminate()
    sink.terminate()
    shutil.rmtree(work, ignore_errors=True)
