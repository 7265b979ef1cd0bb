#!/usr/bin/env python3
"""The Member Portal journey in a real browser (issue 12), against a real server.

Starts a real SMTP sink (scripts/smtp-sink.py, aiosmtpd) and `percolator serve` (the
debug build, or --binary) on loopback ports with a temporary database, invites a member
through the admin API, then drives headless Chromium as the member would: open the
invitation link of the email the sink received, accept it, edit a member-editable
category on the profile, save, skip the next session and take part again; the admin
matches the session; the member sees the group, answers the "Did you meet?" email's
link, opens the email's one-click unsubscribe link, unsubscribes and comes back, signs
out, asks for a sign-in link; then someone signs up through the shareable link (a
refused domain, then an allowed one confirmed from the emailed link); a member the identity
provider provisioned over SCIM signs in and sees its names as the directory's. Saves a phone and a desktop screenshot of each page under
.build/screenshots/journey/ and fails on a JavaScript error, a CSP violation, horizontal
scrolling, or a step whose page is not the one expected.

Usage: PYTHON=$(scripts/browser/setup.sh); "$PYTHON" scripts/browser/portal-journey.py
"""
import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import driver_for, set_viewport  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SIZES = {"phone": (390, 844, True), "desktop": (1366, 900, False)}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def journey_arguments(screenshots):
    """`--binary` (default: the debug build) and `--out` (default: .build/screenshots/SCREENSHOTS),
    the latter created."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(ROOT / ".build" / "debug" / "percolator"))
    parser.add_argument("--out", default=str(ROOT / ".build" / "screenshots" / screenshots))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    return args, out


def start_server(binary, port, admin, database, smtp_port=None, scim=None):
    """`percolator serve` on 127.0.0.1:`port` over `database`, with the admin token `admin` (and
    email through the SMTP sink at `smtp_port`, the SCIM token `scim`, when given), once /healthz
    answers (10 s at most)."""
    base = f"http://127.0.0.1:{port}"
    command = [binary, "serve", "--port", str(port), "--database", database, "--portal-url", base, "--access-log", "off",
               # The console journey's connection names a loopback URL (nothing runs it).
               "--connector-loopback", "on"]
    if smtp_port is not None:
        command += ["--smtp-host", "127.0.0.1", "--smtp-port", str(smtp_port)]
    environment = {**os.environ, "PERCOLATOR_ADMIN_TOKEN": admin}
    if scim is not None:
        environment["PERCOLATOR_SCIM_TOKEN"] = scim
    server = subprocess.Popen(command, env=environment,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    return server


def api(port, token, method, path, body=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                     data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


def start_sink(path):
    """The SMTP sink (system python3: aiosmtpd, as scripts/test.sh installs it) and its port."""
    sink = subprocess.Popen(["python3", str(ROOT / "scripts" / "smtp-sink.py"), "--port", "0", "--output", str(path)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = sink.stdout.readline()
    if not line.startswith("READY "):
        raise RuntimeError(f"the SMTP sink did not start: {line!r}")
    return sink, int(line.split()[1])


def wait_for_mail(path, recipient, needle, timeout=30):
    """The first message to `recipient` whose body contains `needle`, as the sink recorded it."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if path.exists():
            for line in path.read_text().splitlines():
                message = json.loads(line)
                if recipient in message["rcpt_tos"] and needle in message["body"]:
                    return message
        time.sleep(0.2)
    raise RuntimeError(f"no email to {recipient} containing {needle!r} within {timeout} s")


def link_in(text, start):
    """The first URL in `text` that begins with `start`."""
    found = re.search(re.escape(start) + r"[^\s<>]*", text)
    if not found:
        raise RuntimeError(f"no link starting with {start!r} in {text!r}")
    return found.group(0)


def check_page(driver, name, out, expect, status=None):
    """Checks the page; `status` is the HTTP error status the step expects (a form sent back
    with its problems answers 400), which the browser logs as a failed load."""
    problems = []
    deadline = time.time() + 15  # the page a click loads, on a busy machine
    while expect not in driver.page_source and time.time() < deadline:
        time.sleep(0.1)
    if expect not in driver.page_source:
        problems.append(f"{name}: expected {expect!r} on the page")
    for entry in driver.get_log("browser"):
        message = entry.get("message", "")
        if status and f"status of {status}" in message:
            continue
        if entry.get("level") in ("SEVERE",) or "Content Security Policy" in message:
            problems.append(f"{name}: browser log: {entry.get('message')}")
    for size, (width, height, mobile) in SIZES.items():
        set_viewport(driver, width, height, mobile)
        time.sleep(0.2)
        if driver.execute_script("return document.documentElement.scrollWidth > window.innerWidth"):
            problems.append(f"{name} ({size}): scrolls horizontally")
        driver.save_screenshot(str(out / f"{name}-{size}.png"))
    set_viewport(driver, *SIZES["desktop"])
    return problems


def main():
    args, out = journey_arguments("journey")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    admin = subprocess.run([args.binary, "token", "generate"], capture_output=True, text=True, check=True).stdout.strip()
    scim = subprocess.run([args.binary, "token", "generate"], capture_output=True, text=True, check=True).stdout.strip()
    work = tempfile.mkdtemp(prefix="percolator-journey-")
    mails = Path(work) / "mails.jsonl"
    sink, smtp_port = start_sink(mails)
    server = start_server(args.binary, port, admin, f"{work}/db.sqlite", smtp_port, scim)
    problems = []
    driver = None
    try:
        api(port, admin, "POST", "/api/v1/categories",
            {"key": "hobby", "label": "Hobby", "type": "singleSelect", "values": ["Chess", "Climbing", "Cooking"],
             "memberEditable": True})
        program = api(port, admin, "POST", "/api/v1/programs", {
            "name": "Coffee roulette", "audience": {"type": "all"}, "groupSize": 2, "feedbackDelayDays": 0,
            "schedule": {"type": "recurring", "everyWeeks": 1, "weekday": 1, "time": "09:30", "timezone": "Europe/Paris"}})
        api(port, admin, "POST", f"/api/v1/programs/{program['id']}/activate")
        api(port, admin, "POST", "/api/v1/invitations", {"email": "ada@example.com", "givenName": "Ada", "familyName": "Lovelace"})
        api(port, admin, "POST", "/api/v1/members", {"givenName": "Bo", "familyName": "Bennett", "email": "bo@example.com"})
        # The invitation as the member receives it: the email the SMTP sink got.
        invitation = wait_for_mail(mails, "ada@example.com", "/invitations/accept?token=")
        driver = driver_for(1366, 900)
        driver.get(link_in(invitation["body"], f"{base}/invitations/accept?token="))
        problems += check_page(driver, "1-invitation", out, "Lovelace")
        driver.find_element("css selector", "main form button[type=submit]").click()
        problems += check_page(driver, "2-profile", out, "Hobby")
        from selenium.webdriver.support.ui import Select
        Select(driver.find_element("name", "category.hobby")).select_by_visible_text("Climbing")
        driver.find_element("css selector", "main form button[type=submit]").click()
        problems += check_page(driver, "3-profile-saved", out, "Climbing")
        deadline = time.time() + 15
        while True:
            member = api(port, admin, "GET", "/api/v1/members")["items"][0]
            if member.get("categories", {}).get("hobby") == ["Climbing"] or time.time() > deadline:
                break
            time.sleep(0.1)
        if member.get("categories", {}).get("hobby") != ["Climbing"]:
            problems.append(f"the saved value did not reach the member: {member.get('categories')}")
        driver.get(f"{base}/programs")
        problems += check_page(driver, "3b-programs", out, "Coffee roulette")
        driver.find_element("css selector", f"form[action='/programs/{program['id']}/participation'] button").click()
        problems += check_page(driver, "3c-programs-skipped", out, "skipping the next session")
        sessions = api(port, admin, "GET", f"/api/v1/programs/{program['id']}/sessions")["items"]
        if not sessions or member["id"] not in (sessions[0].get("optedOut") or []):
            problems.append(f"skipping the next session did not reach it: {sessions[:1]}")
        # Take part again, so that the admin's match includes Ada.
        driver.find_element("css selector", f"form[action='/programs/{program['id']}/participation'] button").click()
        problems += check_page(driver, "3c2-programs-taking-part", out, "Coffee roulette")
        session_id = urllib.parse.quote(api(port, admin, "GET", f"/api/v1/programs/{program['id']}/sessions")["items"][0]["id"], safe="")
        api(port, admin, "POST", f"/api/v1/sessions/{session_id}/match")
        driver.get(f"{base}/matches")
        problems += check_page(driver, "3d-matches", out, "bo@example.com")
        # "Did you meet?": the follow-up email (due at once: feedbackDelayDays 0); its "yes" link.
        question = wait_for_mail(mails, "ada@example.com", "/feedback?token=")
        driver.get(link_in(question["body"], f"{base}/feedback?token=").split("&met=")[0] + "&met=yes")
        problems += check_page(driver, "3e-feedback-link", out, 'value="yes"')
        from selenium.webdriver.support.ui import Select
        Select(driver.find_element("name", "rating")).select_by_value("5")
        driver.find_element("css selector", "main form button[type=submit]").click()
        problems += check_page(driver, "3f-feedback-saved", out, "notice-success")
        statistics = api(port, admin, "GET", f"/api/v1/programs/{program['id']}/statistics")
        if (statistics.get("feedback") or {}).get("met") != 1 or statistics["feedback"].get("averageRating") != 5:
            problems.append(f"the answer did not reach the program's statistics: {statistics.get('feedback')}")
        # RFC 8058: the email's List-Unsubscribe link; unsubscribe, then come back.
        header = re.search(r"^List-Unsubscribe: <([^>]+)>", question["raw"], re.MULTILINE)
        if not header or "List-Unsubscribe-Post: List-Unsubscribe=One-Click" not in question["raw"]:
            problems.append("the feedback email carries no one-click List-Unsubscribe")
        else:
            driver.get(header.group(1))
            problems += check_page(driver, "3g-unsubscribe", out, "button-danger")
            driver.find_element("css selector", "main form button[type=submit]").click()
            problems += check_page(driver, "3h-unsubscribed", out, "button-secondary")
            ada = [m for m in api(port, admin, "GET", "/api/v1/members")["items"] if m["userName"] == "ada@example.com"][0]
            if ada.get("inactiveReason") != "unsubscribed":
                problems.append(f"unsubscribing did not reach the member: {ada.get('localStatus')} {ada.get('inactiveReason')}")
            driver.find_element("css selector", "main form button[type=submit]").click()
            problems += check_page(driver, "3i-welcome-back", out, "Welcome back")
        driver.get(f"{base}/matches")
        problems += check_page(driver, "3j-matches-answered", out, "bo@example.com")
        driver.find_element("css selector", "header form button").click()
        problems += check_page(driver, "4-signed-out", out, 'name="email"')
        driver.find_element("name", "email").send_keys("ada@example.com")
        driver.find_element("css selector", "main form button[type=submit]").click()
        problems += check_page(driver, "5-check-email", out, "ada@example.com")
        # The shareable sign-up link: a refused domain, then a confirmed address.
        api(port, admin, "PATCH", "/api/v1/settings", {"allowedEmailDomains": ["example.com"]})
        link = api(port, admin, "POST", "/api/v1/invitation-link")["token"]
        driver.delete_all_cookies()
        driver.get(f"{base}/sign-up?token={link}")
        problems += check_page(driver, "6-sign-up", out, "@example.com")
        driver.find_element("name", "givenName").send_keys("Cy")
        driver.find_element("name", "familyName").send_keys("Chen")
        driver.find_element("name", "email").send_keys("cy@gmail.com")
        driver.find_element("css selector", "main form button[type=submit]").click()
        problems += check_page(driver, "6b-sign-up-refused", out, "error-summary", status=400)
        email = driver.find_element("name", "email")
        email.clear()
        email.send_keys("cy@example.com")
        driver.find_element("css selector", "main form button[type=submit]").click()
        problems += check_page(driver, "6c-sign-up-check-email", out, "cy@example.com")
        confirmation = wait_for_mail(mails, "cy@example.com", "/sign-up/confirm?token=")
        driver.get(link_in(confirmation["body"], f"{base}/sign-up/confirm?token="))
        problems += check_page(driver, "6d-sign-up-confirm", out, "button-block")
        driver.find_element("css selector", "main form button[type=submit]").click()
        problems += check_page(driver, "6e-signed-up-profile", out, "Chen")
        # A member the identity provider provisions: its names, language and time zone are the directory's.
        api(port, scim, "POST", "/scim/v2/Users", {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "dee@example.com",
            "name": {"givenName": "Dee", "familyName": "Directory"}, "emails": [{"value": "dee@example.com", "primary": True}],
            "locale": "fr-FR", "timezone": "Europe/Paris"})
        driver.delete_all_cookies()
        driver.get(f"{base}/sign-in")
        driver.find_element("name", "email").send_keys("dee@example.com")
        driver.find_element("css selector", "main form button[type=submit]").click()
        sign_in = wait_for_mail(mails, "dee@example.com", "/sign-in/link?token=")
        driver.get(link_in(sign_in["body"], f"{base}/sign-in/link?token="))
        driver.find_element("css selector", "main form button[type=submit]").click()
        problems += check_page(driver, "6f-provisioned-profile", out, "Managed by your organisation")
        if driver.find_elements("name", "givenName"):
            problems.append("6f-provisioned-profile: the directory's names are offered as fields")
        # The portal switched off: the sign-up link says "not available", in the organisation's name.
        api(port, admin, "PATCH", "/api/v1/settings", {"memberPortal": False})
        driver.delete_all_cookies()
        driver.get(f"{base}/sign-up?token={link}")
        problems += check_page(driver, "7-portal-off", out, "Member Portal is not available", status=404)
    except Exception as error:  # a step that could not run is a failure, with its reason
        problems.append(f"journey stopped: {error!r}")
    finally:
        if driver:
            driver.quit()
        server.terminate()
        server.wait(timeout=10)
        sink.stdin.close()
        sink.terminate()
        sink.wait(timeout=10)
    for problem in problems:
        print("portal-journey:", problem, file=sys.stderr)
    print(f"portal-journey: {24 - len([p for p in problems if 'stopped' in p])} steps, {len(problems)} problems; "
          f"screenshots in {out}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
