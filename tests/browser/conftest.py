"""The browser harness: pages in Debian's Chromium through Playwright, axe-core on every page.

Tests take the `page` fixture and move through the site with its helpers, each of which waits
for the new page, saves a full-page screenshot to var/screenshots/ and fails the test on any
WCAG 2.0/2.1/2.2 A or AA violation axe-core finds:

    page.goto("/accounts/sign-in/")                   # a path on the live server
    page.get_by_label("Email address").fill("...")    # anything else is Playwright's Page
    page.submit("Sign in")                            # click the button named "Sign in"
    page.click_and_check(page.get_by_role("link", name="Caseload"))
    page.check_accessibility()                        # after a change that loads no new page
    sign_in(page, email, password, device)            # password page, then the code page

Staff sign-in asks for a code from an authenticator app after the password: give the person
one with `authenticator(user)` (or the `authenticator_for` fixture) and pass it to sign_in().

A test that visits no page through these helpers fails: every browser test checks something.
Everything under tests/browser/ is marked `browser`, so `-m "not browser"` leaves it out and
`make test-browser` runs it. Playwright is imported lazily so the other lanes never need it.
"""

from __future__ import annotations

import os
import re
from base64 import b32decode
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Locator, Page, Response, sync_playwright

from sendcase.accounts import security

BROWSER_TESTS_DIR = Path(__file__).resolve().parent
SCREENSHOT_DIR = BROWSER_TESTS_DIR.parents[1] / "var" / "screenshots"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",  # containers often give /dev/shm only 64 MB
]
# What we promise councils: WCAG 2.2 level AA, which includes every A and AA rule of 2.0 and 2.1.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
NAVIGATION_TIMEOUT_MS = 15_000

# Whether a test's own body passed, so teardown only adds its complaint to a passing test.
_call_passed = pytest.StashKey[bool]()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark everything in tests/browser as `browser`, and run it after the rest of the suite.

    tryfirst: the marker must be on the items before `-m` deselects by marker. Running browser
    tests last matters in a run that mixes lanes: while Playwright's sync API is running, its
    event loop makes Django refuse ORM calls unless DJANGO_ALLOW_ASYNC_UNSAFE is set, and we
    only want that switch on for the browser tests.
    """
    other_tests, browser_tests = [], []
    for item in items:
        if BROWSER_TESTS_DIR in item.path.parents:
            item.add_marker(pytest.mark.browser)
            browser_tests.append(item)
        else:
            other_tests.append(item)
    items[:] = other_tests + browser_tests


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[_call_passed] = report.passed
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, started once per test run."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run scripts/browser-deps (make test-browser does).")

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    # Playwright's sync API keeps an asyncio loop running in this thread, and Django refuses
    # ORM calls (creating test users, flushing the test database) when it sees one. Nothing
    # here is really asynchronous, so the check is safe to switch off while the browser lives.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser: Browser, live_server: Any, request: pytest.FixtureRequest) -> Iterator[CheckedPage]:
    """A fresh browser tab (own cookies) on the live server; see CheckedPage."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        timezone_id="Europe/London",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(NAVIGATION_TIMEOUT_MS)
    checked_page = CheckedPage(context.new_page(), screenshot_prefix=_file_safe(request.node.name))
    try:
        yield checked_page
    finally:
        context.close()
    if request.node.stash.get(_call_passed, False) and not checked_page.checked_urls:
        pytest.fail(
            "This browser test checked no page: move through the site with page.goto(), "
            "page.submit() or page.click_and_check() so that axe-core sees every page.",
            pytrace=False,
        )


class CheckedPage(Page):
    """A Playwright Page whose every navigation is screenshotted and checked with axe-core.

    It is a real Page (so `expect(page)` works), sharing the tab of the Page it wraps.
    """

    def __init__(self, page: Page, *, screenshot_prefix: str) -> None:
        super().__init__(page._impl_obj)
        self.checked_urls: list[str] = []
        self._axe = Axe()
        self._screenshot_prefix = screenshot_prefix
        self._last_document: Response | None = None
        self.on("response", self._remember_document)
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        # Leftovers from an earlier run that visited more pages would pass for this run's.
        for old in SCREENSHOT_DIR.glob(f"{screenshot_prefix}-*.png"):
            old.unlink()

    def goto(self, url: str, *, status: int = 200, **kwargs: Any) -> Response | None:
        """Open a path on the live server, expect `status` (after redirects), then check it."""
        self._last_document = None
        response = super().goto(url, **kwargs)
        self._last_document = response or self._last_document
        self.check_accessibility(status=status)
        return response

    def click_and_check(self, target: Locator, *, status: int = 200) -> None:
        """Click something that loads a new page (a link, a submit button), then check it."""
        self._last_document = None
        with self.expect_event("load"):
            target.click()
        self.check_accessibility(status=status)

    def submit(self, button: str, *, status: int = 200) -> None:
        """Press the button with this accessible name, then check the page that comes back."""
        button_locator = self.get_by_role("button", name=button, exact=True)
        self.click_and_check(button_locator, status=status)

    def check_accessibility(self, *, status: int | None = None) -> None:
        """Screenshot the page as it is now; fail on axe-core violations or a wrong status.

        The navigation helpers call this; call it yourself after a change that does not
        load a new page (a form revealed by JavaScript, say).
        """
        url = self.url
        self.checked_urls.append(url)
        screenshot = SCREENSHOT_DIR / f"{self._screenshot_prefix}-{len(self.checked_urls)}.png"
        self.screenshot(path=screenshot, full_page=True)

        if status is not None and self._last_document is not None:
            got = self._last_document.status
            if got != status:
                pytest.fail(
                    f"{url} answered HTTP {got}, expected {status} (screenshot: {screenshot}).",
                    pytrace=False,
                )

        axe_options = {
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations"],
        }
        results = self._axe.run(self, options=axe_options)
        if results.violations_count:
            pytest.fail(
                _describe_violations(url, results.response["violations"], screenshot),
                pytrace=False,
            )

    def _remember_document(self, response: Response) -> None:
        # The last main-frame document response is the page now shown (after redirects).
        request = response.request
        if request.is_navigation_request() and request.frame == self.main_frame:
            self._last_document = response


def authenticator(user: Any) -> TOTPDevice:
    """The person's confirmed authenticator app (a django-otp TOTP device), made if they have none."""
    return security.confirmed_device(user) or TOTPDevice.objects.create(
        user=user, name=security.DEVICE_NAME, confirmed=True
    )


def current_code(totp_device_or_secret: TOTPDevice | str) -> str:
    """The code an authenticator app shows now, for a TOTPDevice or a base32 key (as typed into an app).

    For a device, one it has not accepted yet: django-otp takes each code once, and a test may
    sign the same person in twice within 30 seconds (see sendcase.accounts.security.code_now).
    """
    if isinstance(totp_device_or_secret, TOTPDevice):
        totp_device_or_secret.refresh_from_db()
        return security.code_now(totp_device_or_secret)
    key = totp_device_or_secret.replace(" ", "").upper()
    return f"{totp(b32decode(key + '=' * (-len(key) % 8))):06d}"


def sign_in(
    page: CheckedPage, email: str, password: str, totp_device_or_secret: TOTPDevice | str, *, next_path: str = ""
) -> None:
    """Sign in through the pages: email and password, then the code from the authenticator app."""
    page.goto("/accounts/sign-in/" + (f"?{urlencode({'next': next_path})}" if next_path else ""))
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.submit("Sign in")
    page.get_by_label("Enter the code from your authenticator app").fill(current_code(totp_device_or_secret))
    page.submit("Continue")


def _describe_violations(url: str, violations: list[dict[str, Any]], screenshot: Path) -> str:
    lines = [
        f"axe-core found {len(violations)} WCAG 2.2 AA problem(s) on {url}",
        f"(screenshot: {screenshot}):",
    ]
    for violation in violations:
        lines.append(f"- {violation['id']} [{violation.get('impact') or 'unknown impact'}]: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"]:
            target = " ".join(str(selector) for selector in node["target"])
            lines.append(f"    at {target}")
    return "\n".join(lines)


def _file_safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")
