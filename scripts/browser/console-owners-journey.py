#!/usr/bin/env python3
"""Program owners in the admin console, in a real browser (issue 13, item 1).

Starts a real SMTP sink and `percolator serve` (the debug build, or --binary) on a
loopback port with a temporary database; lists pm@example.com as a program manager
(`percolator admin add`), seeds a Department category, six members and two programs
through the admin API: "Coffee roulette", owned by the program manager, and "Board
lunch", owned by nobody, each with a session. Then, in headless Chromium:

- the administrator (admin token) sees both programs with their owners, and the owners
  boxes on the edit form;
- the program manager signs in with the magic link from its email, sees only "Coffee
  roulette" on home (next sessions) and on the programs list, reads the owners on its
  edit form, and gets the not-found page for "Board lunch".

Saves a phone and a desktop screenshot of each page under
.build/screenshots/console-owners/ and fails on a JavaScript error, a CSP violation,
horizontal scrolling, or a page that is not the one expected.

Usage: PYTHON=$(scripts/browser/setup.sh); "$PYTHON" scripts/browser/console-owners-journey.py
"""
import importlib.util
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import driver_for, set_viewport  # noqa: E402
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

_spec = importlib.util.spec_from_file_location("portal_journey", Path(__file__).resolve().parent / "portal-journey.py")
portal_journey = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(portal_journey)
api, check_page, free_port = portal_journey.api, portal_journey.check_page, portal_journey.free_port
start_sink, wait_for_mail, link_in = portal_journey.start_sink, portal_journey.wait_for_mail, portal_journey.link_in

ROOT = Path(__file__).resolve().parents[2]
MANAGER = "pm@example.com"


def gone(element):
    """A wait condition: `element` has left the document (its page was replaced). Selenium's
    `staleness_of` expects StaleElementReferenceException only; Chromium sometimes answers
    "Node with given id does not belong to the document" instead, which stopped the journey
    although the node was gone all the same."""
    def check(_driver):
        try:
            element.is_enabled()
            return False
        except WebDriverException:  # StaleElementReferenceException is one
            return True
    return check


def focus(driver, out, name, selector):
    """A screenshot at each width with the element `selector` scrolled to the middle
    (the owners block is at the end of a long form)."""
    for size, (width, height, mobile) in portal_journey.SIZES.items():
        set_viewport(driver, width, height, mobile)
        time.sleep(0.2)
        driver.execute_script("document.querySelector(arguments[0]).scrollIntoView({block: 'center'})", selector)
        time.sleep(0.1)
        driver.save_screenshot(str(out / f"{name}-{size}-focus.png"))
    set_viewport(driver, *portal_journey.SIZES["desktop"])


def main():
    args, out = portal_journey.journey_arguments("console-owners")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    admin = subprocess.run([args.binary, "token", "generate"], capture_output=True, text=True, check=True).stdout.strip()
    work = tempfile.mkdtemp(prefix="percolator-owners-")
    database = f"{work}/db.sqlite"
    mails = Path(work) / "mails.jsonl"
    sink, smtp_port = start_sink(mails)
    server = portal_journey.start_server(args.binary, port, admin, database, smtp_port)
    driver = None
    problems = []
    try:
        subprocess.run([args.binary, "admin", "add", "--tenant", "default", "--role", "program-manager", MANAGER,
                        "--database", database], check=True, capture_output=True)
        try:
            api(port, admin, "POST", "/api/v1/categories",
                {"key": "department", "label": "Department", "type": "singleSelect", "values": ["Sales", "R&D"]})
        except urllib.error.HTTPError as error:  # the identity provider's default catalog may hold it already
            if error.code != 409:
                raise
        for index, (given, department) in enumerate([("Ada", "R&D"), ("Grace", "R&D"), ("Alan", "Sales"),
                                                     ("Edsger", "Sales"), ("Barbara", "R&D"), ("Ken", "Sales")]):
            api(port, admin, "POST", "/api/v1/members",
                {"givenName": given, "familyName": "Test", "email": f"m{index}@example.com",
                 "categories": {"department": [department]}, "sendWelcomeEmail": False})
        soon = (datetime.now(timezone.utc) + timedelta(days=2)).strftime("%Y-%m-%dT09:30:00Z")
        for name, owners in [("Coffee roulette", [MANAGER]), ("Board lunch", [])]:
            program = api(port, admin, "POST", "/api/v1/programs",
                          {"name": name, "groupSize": 2, "owners": owners, "schedule": {"type": "once", "at": soon},
                           "rules": [{"type": "differentValue", "category": "department"}]})
            if program["owners"] != owners:
                problems.append(f"{name}: the admin API answered owners {program['owners']}, not {owners}")
            api(port, admin, "POST", f"/api/v1/programs/{program['id']}/activate")
            if name == "Board lunch":
                board = program["id"]

        driver = driver_for(1366, 900)
        driver.get(f"{base}/admin/sign-in")
        driver.find_element("name", "token").send_keys(admin)
        driver.find_element("css selector", "form[action='/admin/sign-in'] button[type=submit]").click()
        problems += check_page(driver, "1-admin-home", out, "Members by status")
        driver.get(f"{base}/admin/programs")
        problems += check_page(driver, "2-admin-programs", out, MANAGER)
        if "Board lunch" not in driver.page_source:
            problems.append("2-admin-programs: an administrator does not see every program")
        driver.find_element("link text", "Coffee roulette").click()
        problems += check_page(driver, "3-admin-program", out, "Owners")
        driver.find_element("css selector", "a[href$='/edit']").click()
        problems += check_page(driver, "4-admin-edit-owners", out, f'value="{MANAGER}" checked')
        focus(driver, out, "4-admin-edit-owners", "input[name=owner]")
        sign_out = driver.find_element("css selector", "header form button")
        sign_out.click()
        # The sign-out's answer must have loaded (its cookie cleared) before the next page:
        # a navigation started at once could cancel it and find the administrator still signed in.
        WebDriverWait(driver, 10).until(gone(sign_out))

        driver.get(f"{base}/admin/sign-in")
        driver.find_element("name", "email").send_keys(MANAGER)
        driver.find_element("css selector", "form[action='/admin/sign-in/email'] button[type=submit]").click()
        problems += check_page(driver, "5-manager-link-sent", out, "on its way")
        mail = wait_for_mail(mails, MANAGER, "/admin/sign-in/link?token=")
        driver.get(link_in(mail["body"], f"{base}/admin/sign-in/link?token="))
        driver.find_element("css selector", "main form button[type=submit]").click()
        problems += check_page(driver, "6-manager-home", out, "Coffee roulette")
        if "Board lunch" in driver.page_source:
            problems.append("6-manager-home: a program manager sees another program's session")
        driver.get(f"{base}/admin/programs")
        problems += check_page(driver, "7-manager-programs", out, "You will own this program")
        focus(driver, out, "7-manager-programs", ".owners")
        if "Board lunch" in driver.page_source or "Coffee roulette" not in driver.page_source:
            problems.append("7-manager-programs: the list is not the program manager's own programs")
        driver.find_element("link text", "Coffee roulette").click()
        driver.find_element("css selector", "a[href$='/edit']").click()
        problems += check_page(driver, "8-manager-edit-owners", out, f"Owned by {MANAGER}.")
        focus(driver, out, "8-manager-edit-owners", "#owners")
        driver.get(f"{base}/admin/programs/{board}")
        problems += check_page(driver, "9-manager-other-program", out, "Page not found", status=404)
        if "Board lunch" in driver.page_source:
            problems.append("9-manager-other-program: the not-found page names the program")
    except Exception as error:  # a step that could not run is a failure, with its reason
        traceback.print_exc()  # which step and element, for the next look
        print(f"console-owners-journey: stopped on {driver.current_url}", file=sys.stderr)
        problems.append(f"journey stopped: {error!r}")
    finally:
        if driver:
            driver.quit()
        server.terminate()
        server.wait(timeout=10)
        sink.terminate()
        sink.wait(timeout=10)
    for problem in problems:
        print("console-owners-journey:", problem, file=sys.stderr)
    print(f"console-owners-journey: {len(problems)} problems; screenshots in {out}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
