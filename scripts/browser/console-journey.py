#!/usr/bin/env python3
"""The admin console journey in a real browser (issue 13), against a real server.

Starts `percolator serve` (the debug build, or --binary) on a loopback port with a
temporary database, seeds a "Department" category and eight members through the admin
API, then drives headless Chromium as an administrator would: sign in with the admin
token, import a 50-row CSV (a column mapped to Department, a new category "Équipe", one
ignored) through its preview, mapping, dry run and progress pages, look at the categories
and export the members list, add a member, create a program with a differentValue rule
on Department, add a session, preview its matching with a seed, match it, look at the
groups (with the rules each satisfied) and the program's statistics with the connections
matrix, edit the program and count an audience, then press Enter in its name field (the
program is saved, not counted), invite two people and resend one invitation, read the
outbox and retry a failed email, issue a SCIM token and revoke it. Saves a phone
and a desktop screenshot of each page under .build/screenshots/console/, fails on a
JavaScript error, a CSP violation, horizontal scrolling, or a step whose page is not the
one expected, and prints the clicks and seconds from the sign-in page to the first match.

Usage: PYTHON=$(scripts/browser/setup.sh); "$PYTHON" scripts/browser/console-journey.py
"""
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import driver_for, set_viewport  # noqa: E402
import importlib.util  # noqa: E402

_spec = importlib.util.spec_from_file_location("portal_journey", Path(__file__).resolve().parent / "portal-journey.py")
portal_journey = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(portal_journey)
api, check_page, free_port = portal_journey.api, portal_journey.check_page, portal_journey.free_port

ROOT = Path(__file__).resolve().parents[2]


class Journey:
    """The browser, with a count of the clicks and keystroke fields an admin makes."""

    def __init__(self, driver, out):
        self.driver, self.out, self.clicks, self.problems = driver, out, 0, []

    def page(self, name, expect):
        self.problems += check_page(self.driver, name, self.out, expect)

    def type(self, name, text):
        field = self.driver.find_element("name", name)
        field.clear()
        field.send_keys(text)

    def whole(self, name, expect):
        """The page from top to bottom at both widths (console-a: the import's report, the
        categories' mapping), checked as `page` checks it."""
        self.problems += check_page(self.driver, name, self.out, expect)
        for size, (width, height, mobile) in portal_journey.SIZES.items():
            set_viewport(self.driver, width, height, mobile)
            time.sleep(0.2)
            full = self.driver.execute_script("return document.documentElement.scrollHeight")
            set_viewport(self.driver, width, min(int(full), 12000), mobile)
            time.sleep(0.2)
            self.driver.save_screenshot(str(self.out / f"{name}-{size}-whole.png"))
        set_viewport(self.driver, *portal_journey.SIZES["desktop"])

    def click(self, selector):
        self.driver.find_element("css selector", selector).click()
        self.clicks += 1


def main():
    args, out = portal_journey.journey_arguments("console")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    admin = subprocess.run([args.binary, "token", "generate"], capture_output=True, text=True, check=True).stdout.strip()
    work = tempfile.mkdtemp(prefix="percolator-console-")
    server = portal_journey.start_server(args.binary, port, admin, f"{work}/db.sqlite")
    driver = None
    journey = None
    problems = []
    first_match = None
    import_cost = (0, 0.0)
    try:
        try:
            api(port, admin, "POST", "/api/v1/categories",
                {"key": "department", "label": "Department", "type": "singleSelect", "values": ["Sales", "R&D", "Finance"]})
        except urllib.error.HTTPError as error:  # the identity provider's default catalog may hold it already
            if error.code != 409:
                raise
        people = [("Ada", "Lovelace", "R&D"), ("Grace", "Hopper", "R&D"), ("Alan", "Turing", "Sales"),
                  ("Edsger", "Dijkstra", "Sales"), ("Barbara", "Liskov", "Finance"), ("Donald", "Knuth", "Finance"),
                  ("Frances", "Allen", "R&D"), ("Ken", "Thompson", "Sales")]
        for given, family, department in people:
            api(port, admin, "POST", "/api/v1/members",
                {"givenName": given, "familyName": family, "email": f"{given.lower()}@example.com",
                 "categories": {"department": [department]}, "sendWelcomeEmail": False})
        driver = driver_for(1366, 900)
        journey = Journey(driver, out)
        started = time.time()
        driver.get(f"{base}/admin")
        journey.page("1-sign-in", 'name="token"')
        journey.type("token", admin)
        journey.click("form[action='/admin/sign-in'] button[type=submit]")
        journey.page("2-home", "Members by status")
        # console-a: the CSV import (issue 13, item 4), categories (item 6), exports (items 3, 7)
        import_started, import_clicks = time.time(), journey.clicks
        csv_path = Path(work) / "equipe.csv"
        departments = ["Sales", "R&D", "Finance"]
        csv_path.write_text("Prénom,Nom,Email,Service,Équipe,Notes\n" + "".join(
            f"Imported{i},Person{i},imported{i}@example.com,{departments[i % 3]},Équipe {i % 4},note {i}\n" for i in range(50)),
            encoding="utf-8")
        journey.click("nav.nav a[href='/admin/import']")
        journey.page("2a-import-upload", 'type="file"')
        driver.find_element("name", "file").send_keys(str(csv_path))
        journey.clicks += 1
        journey.click("main form button[type=submit]")
        journey.page("2b-import-preview", "What each column fills")
        from selenium.webdriver.support.ui import Select
        Select(driver.find_element("name", "column4")).select_by_value("category:department")
        Select(driver.find_element("name", "column6")).select_by_value("ignore")
        journey.clicks += 2
        journey.click("form[action$='/plan'] button[type=submit]")
        journey.whole("2c-import-report", "Import (50 members)")
        journey.click("form[action$='/apply'] button[type=submit]")
        journey.page("2d-import-done", "Import done: 50 members created")
        import_cost = (journey.clicks - import_clicks, time.time() - import_started)
        journey.click("nav.nav a[href='/admin/categories']")
        journey.whole("2e-categories", "Équipe 3")
        driver.get(f"{base}/admin/categories/equipe")
        journey.page("2f-category", "Values to add")
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
        request = urllib.request.Request(f"{base}/admin/members.csv?q=imported", headers={"Cookie": cookie})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
            if not response.headers.get("Content-Disposition", "").startswith("attachment;") or body[:3] != b"\xef\xbb\xbf" \
                    or body.count(b"\r\n") != 51:
                journey.problems.append("the members export is not a 50-row CSV download with a BOM")
        journey.click("nav.nav a[href='/admin/members']")
        journey.page("3-members", "Lovelace")
        journey.click("a[href='/admin/members/new']")
        journey.page("4-add-member", 'name="givenName"')
        journey.type("givenName", "Radia")
        journey.type("familyName", "Perlman")
        journey.type("email", "radia@example.com")
        journey.click("label[for='welcome-1']")
        journey.click("main form button[type=submit]")
        journey.page("5-member", "Perlman")
        journey.click("nav.nav a[href='/admin/programs']")
        journey.page("6-programs", 'name="name"')
        journey.type("name", "Coffee roulette")
        journey.click("label[for='rule-1']")
        Select(driver.find_element("name", "ruleCategory")).select_by_visible_text("Department")
        journey.clicks += 1
        journey.click("main form button[type=submit]")
        journey.page("7-program", "Coffee roulette")
        journey.click("form[action$='/sessions'] button[type=submit]")
        journey.page("8-session", "Match now")
        # Preview with a seed (nothing saved), then match (console-b).
        journey.type("seed", "7")
        journey.click("form[action$='/preview'] button[type=submit]")
        journey.page("8a-preview", "nothing was saved")
        driver.execute_script("document.getElementById('preview').scrollIntoView()")
        journey.page("8b-preview-groups", "Rules satisfied")
        journey.click("form[action$='/match'] button[type=submit]")
        journey.page("9-groups", "Group 4")
        first_match = (journey.clicks, time.time() - started)
        groups_csv = driver.find_element("css selector", "a[href$='/groups.csv']").get_attribute("href")
        with urllib.request.urlopen(urllib.request.Request(groups_csv, headers={"Cookie": cookie}), timeout=10) as response:
            if b"Program,Session,Group,Email" not in response.read():
                journey.problems.append("the session's groups export is not its CSV")
        # Statistics: SVG charts and the connections matrix across Department (console-b).
        journey.click("a[href$='/statistics']")
        journey.page("9a-statistics", "Connections by Department")
        if not driver.find_elements("css selector", "svg.chart-svg rect.chart-bar"):
            journey.problems.append("9a-statistics: no chart bar")
        cells = driver.find_elements("css selector", "table.matrix tbody td")
        if sum(int(cell.text or 0) for cell in cells) < 4:
            journey.problems.append(f"9a-statistics: the matrix counts fewer than the 4 pairs formed: {[c.text for c in cells]}")
        statistics = driver.current_url.split("#")[0]
        driver.get(statistics + "#charts")
        journey.page("9a1-statistics-charts", "chart-svg")
        driver.get(statistics + "#connections")
        journey.page("9a2-statistics-connections", "table class=\"data matrix\"")
        driver.get(statistics.split("?")[0].rsplit("/statistics", 1)[0])
        journey.page("9b-program-lifecycle", "/archive")
        journey.click("a[href$='/edit']")
        journey.page("9c-program-edit", 'name="audienceExpression"')
        journey.click("label[for='audience-2']")
        journey.type("audienceExpression", "Department in (R&D, Sales)")
        journey.click("button[value='count']")
        journey.page("9d-program-edit-count", "members are in this audience now")
        # console-a: Enter in a text field saves the program (the form's default button is
        # Save, not Count); the program's page follows, under its new name.
        from selenium.webdriver.common.keys import Keys
        name_field = driver.find_element("name", "name")
        name_field.clear()
        name_field.send_keys("Coffee roulette (edited)", Keys.ENTER)
        journey.clicks += 1
        journey.page("9d1-program-saved-by-enter", "Coffee roulette (edited)")
        if driver.current_url.split("?")[0].endswith("/edit") or "members are in this audience now" in driver.page_source:
            journey.problems.append("9d1: Enter in the program edit form did not save the program (it counted)")
        # Member sources (issue 14): the list and the create form; nothing is created
        # without a vendor to reach.
        journey.click("nav.nav a[href='/admin/connections']")
        journey.page("9e-sources", "Connect a source")
        # connectors (issue 14, item 3): a Slack connection's field choice and schedule.
        # Slack's fields are known without reaching it, and nothing here runs the connection.
        journey.type("name", "Our Slack")
        journey.type("secret", "xoxb-journey-0000")
        journey.type("baseURL", "http://127.0.0.1:9/api")
        journey.click("form[action='/admin/connections'] button[type=submit]")
        journey.page("9f-connection", "Choose fields")
        journey.click("a[href$='/fields']")
        journey.page("9g-connection-fields", 'name="sourceField"')
        journey.click("label[for='field-0']")
        journey.type("category:title", "Job title")
        journey.click("form[action$='/fields'] button[type=submit]")
        journey.page("9h-connection-fields-saved", "The fields were saved")
        journey.click("main a[href^='/admin/connections/']")
        journey.type("intervalHours", "every day")
        journey.click("form[action$='/schedule'] button[type=submit]")
        journey.problems += check_page(driver, "9i-connection-schedule-refused", out, "a whole number from 1 to 720", status=400)
        journey.type("intervalHours", "12")
        journey.click("form[action$='/schedule'] button[type=submit]")
        journey.page("9j-connection-schedule-saved", "The schedule was saved.")
        journey.click("nav.nav a[href='/admin/connect']")
        journey.page("10-connect", "/scim/v2")
        journey.type("label", "Entra ID")
        journey.click("form[action='/admin/connect/tokens'] button[type=submit]")
        journey.page("11-token-issued", 'id="new-token"')
        token = driver.find_element("id", "new-token").text.strip()
        request = urllib.request.Request(f"{base}/scim/v2/Users", headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            if response.status != 200:
                journey.problems.append(f"the issued token does not open SCIM: {response.status}")
        driver.get(f"{base}/admin/connect")
        journey.click("form[action$='/revoke'] button[type=submit]")
        journey.page("12-token-revoked", "Revoked")
        journey.click("nav.nav a[href='/admin/invitations']")
        journey.type("addresses", "linus@example.com\nmargaret@example.com")
        journey.click("form[action='/admin/invitations'] button[type=submit]")
        journey.page("12a-invitations", "2 invitations sent.")
        # console-a: resend the first pending invitation (a new link; the old one stops working).
        journey.click("form[action$='/resend'] button[type=submit]")
        journey.whole("12a0-invitation-resent", "was sent again, with a new link")
        # The shareable sign-up link, shown once (issue 13, item 5).
        journey.click("form[action='/admin/invitations/sign-up-link'] button[type=submit]")
        journey.page("12a1-sign-up-link", "A new sign-up link was created")
        driver.execute_script("document.getElementById('signup-link').scrollIntoView()")
        journey.page("12a2-sign-up-link-shown", "/sign-up?token=")
        driver.get(f"{base}/admin/emails")
        journey.page("12b-emails", "Introduction email")
        # Retry of a failed email (issue 13, item 9): the first email given up on (as after
        # a permanent SMTP refusal, written straight into the outbox), then Retry.
        import sqlite3
        with sqlite3.connect(f"{work}/db.sqlite", timeout=10) as db:
            db.execute("UPDATE outbox SET failed_at = occurred_at, attempts = 1, last_error = "
                       "'550 5.1.1 mailbox unavailable' "
                       "WHERE seq = (SELECT min(seq) FROM outbox WHERE channel = 'email')")
        driver.get(f"{base}/admin/emails")
        journey.whole("12b1-emails-failed", "mailbox unavailable")
        journey.click("form[action$='/retry'] button[type=submit]")
        journey.whole("12b2-email-retried", "is due again")
        driver.get(f"{base}/admin/members/new")
        journey.type("givenName", "<script>alert(1)</script>")
        journey.type("familyName", "\u05e9\u05dc\u05d5\u05dd")
        journey.type("email", "rtl@example.com")
        driver.find_element("css selector", "main form button[type=submit]").click()
        journey.page("12c-hostile-member", "rtl@example.com")
        # console-a: a larger file, to see the progress page (best effort: it may be done first)
        big = Path(work) / "large.csv"
        big.write_text("First name,Last name,Email,Team\n" + "".join(
            f"Large{i},Import{i},large{i}@example.com,Team {i % 7}\n" for i in range(8000)), encoding="utf-8")
        driver.get(f"{base}/admin/import")
        driver.find_element("name", "file").send_keys(str(big))
        driver.find_element("css selector", "main form button[type=submit]").click()
        journey.page("12d-import-large-preview", "What each column fills")
        driver.find_element("css selector", "form[action$='/plan'] button[type=submit]").click()
        journey.page("12e-import-large-report", "Import (8000 members)")
        driver.find_element("css selector", "form[action$='/apply'] button[type=submit]").click()
        for _ in range(100):
            source = driver.page_source
            if "<progress" in source:
                journey.page("12f-import-progress", "<progress")
                break
            if "Import done" in source:
                break
            time.sleep(0.05)
        journey.page("12g-import-large-done", "Import done: 8000 members created")
        driver.get(f"{base}/admin/connect/entra")
        journey.page("13-guide-entra", "Tenant URL")
        driver.get(f"{base}/admin/programs?lang=fr")
        journey.page("14-programs-fr", "Programmes")
        driver.get(f"{base}/admin")
        journey.click("header form button")
        journey.page("15-signed-out", 'name="token"')
    except Exception as error:  # a step that could not run is a failure, with its reason
        problems.append(f"journey stopped: {error!r}")
    finally:
        if driver:
            driver.quit()
        server.terminate()
        server.wait(timeout=10)
    problems = (journey.problems if journey else []) + problems
    for problem in problems:
        print("console-journey:", problem, file=sys.stderr)
    if first_match:
        print(f"console-journey: first match after {first_match[0]} clicks and {first_match[1]:.1f} s "
              f"(from the sign-in page, the admin token pasted once; of which the 50-row CSV import: "
              f"{import_cost[0]} clicks and {import_cost[1]:.1f} s)")
    print(f"console-journey: {len(problems)} problems; screenshots in {out}")
    return 1 if problems or not first_match else 0


if __name__ == "__main__":
    sys.exit(main())
