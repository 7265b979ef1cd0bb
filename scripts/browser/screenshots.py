#!/usr/bin/env python3
"""Screenshots of web pages at a phone's and a desktop's width, in headless Chromium.

Usage:
  PYTHON=$(scripts/browser/setup.sh)
  "$PYTHON" scripts/browser/screenshots.py URL...            # http(s):// or file:// URLs
  "$PYTHON" scripts/browser/screenshots.py --preview         # every page WebTests wrote
                                                             # to .build/web-preview/

With --preview the pages are served from .build/web-preview/ by a loopback HTTP server
(127.0.0.1, an ephemeral port, stopped on exit) that sends the headers listed in its
headers.txt (the pages' Content-Security-Policy among them), so a CSP violation shows.
Options: --out DIR (default .build/screenshots), --sizes phone,desktop, --full-page.

Each URL gives DIR/<name>-phone.png (390x844) and DIR/<name>-desktop.png (1366x900),
where <name> is the file's stem or the URL's path. With --full-page the window grows
to the page's height so the PNG shows the whole page. Debian's chromium and
chromedriver, run with --headless=new and --no-sandbox (CI runs as root). Prints one
line per PNG; exits 1 if a page logged a JavaScript error or a CSP violation, or is wider
than the viewport (horizontal scrolling), 2 when the browser could not start.
"""
import argparse
import functools
import http.server
import pathlib
import threading
import re
import shutil
import sys
import urllib.parse

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service

ROOT = pathlib.Path(__file__).resolve().parents[2]
SIZES = {"phone": (390, 844), "desktop": (1366, 900)}
MOBILE = {"phone": True, "desktop": False}


def set_viewport(driver, width, height, mobile):
    """The exact viewport, whatever the window decorations (headless=new keeps some):
    Chrome DevTools' device-metrics override, as DevTools' device mode does."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})


def driver_for(width, height):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--force-device-scale-factor=1", f"--window-size={width},{height}",
                     "--lang=en-US", "--allow-file-access-from-files"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    return driver


def serve(directory):
    """A loopback HTTP server for `directory`, adding its headers.txt to HTML answers."""
    headers = [line.split(": ", 1) for line in (directory / "headers.txt").read_text().splitlines() if ": " in line]

    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self):
            if self.path.endswith(".html"):
                for name, value in headers:
                    self.send_header(name, value)
            super().end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def name_for(url):
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme == "file" or parsed.path.endswith(".html"):
        return pathlib.PurePosixPath(parsed.path).stem
    path = parsed.path.strip("/") or "home"
    return re.sub(r"[^A-Za-z0-9._-]+", "_", path + ("_" + parsed.query if parsed.query else ""))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("urls", nargs="*")
    parser.add_argument("--preview", action="store_true", help="every page in .build/web-preview/pages.txt")
    parser.add_argument("--out", default=str(ROOT / ".build" / "screenshots"))
    parser.add_argument("--sizes", default="phone,desktop")
    parser.add_argument("--full-page", action="store_true")
    arguments = parser.parse_args()

    urls = list(arguments.urls)
    if arguments.preview:
        preview = ROOT / ".build" / "web-preview"
        listing = preview / "pages.txt"
        if not listing.exists():
            print("screenshots: no .build/web-preview/pages.txt; run swift test --filter WebPreviewTests first", file=sys.stderr)
            return 2
        server = serve(preview)
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        urls += [base + line for line in listing.read_text().split() if line]
    if not urls:
        parser.error("no URL")
    out = pathlib.Path(arguments.out)
    out.mkdir(parents=True, exist_ok=True)

    failures = 0
    for size in arguments.sizes.split(","):
        width, height = SIZES[size]
        try:
            driver = driver_for(width, height)
        except WebDriverException as error:
            print(f"screenshots: cannot start chromium: {error.msg}", file=sys.stderr)
            return 2
        try:
            for url in urls:
                set_viewport(driver, width, height, MOBILE[size])
                driver.get(url)
                scroll_width, full_height = driver.execute_script(
                    "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
                if arguments.full_page:
                    set_viewport(driver, width, max(height, min(int(full_height), 12000)), MOBILE[size])
                target = out / f"{name_for(url)}-{size}.png"
                driver.save_screenshot(str(target))
                problems = [entry["message"] for entry in driver.get_log("browser")
                            if entry["level"] in ("SEVERE",) or "Content Security Policy" in entry["message"]]
                if int(scroll_width) > width:
                    problems.append(f"the page is {scroll_width} px wide in a {width} px viewport (horizontal scrolling)")
                for problem in problems:
                    print(f"screenshots: {url}: {problem}", file=sys.stderr)
                failures += bool(problems)
                print(target)
        finally:
            driver.quit()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
