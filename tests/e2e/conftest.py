"""End-to-end fixtures: a real server process on a free loopback port over a throwaway
database (SQLite, or PostgreSQL when TEST_DATABASE_URL points at it) loaded by the project's
own commands with a small demo county and a match run; Debian's Chromium driven by
Playwright; axe-core, a CSP-violation check and a screenshot on every page visited."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
DIST = WEB / "dist"
AXE = WEB / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = WEB / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",  # root in containers and CI
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEMO_PASSWORD = "tongxing-demo"
COUNTY_COORDINATOR = "13800000001"
DEMO_VOLUNTEER = "13800000003"
CONSOLE_VIEWPORT = {"width": 1366, "height": 768}
PHONE_VIEWPORT = {"width": 375, "height": 812}
PHONE_AGENT = (
    "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0 Mobile Safari/537.36"
)

# Records securitypolicyviolation events before any page script runs.
# The live server's environment (database, keys, broker), for processes a test starts
# beside it (a match worker).
LIVE_ENV: dict[str, str] = {}

CSP_PROBE = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${where}`);
});
"""


# The live server's environment, for tests that run a command against its database.
LIVE_ENV: dict[str, str] = {}


# A phone: 375×812, touch, a mobile user agent (and the app's usual locale and timezone
# come from `_context`).
PHONE_OPTIONS: dict[str, Any] = {
    "viewport": PHONE_VIEWPORT,
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": PHONE_AGENT,
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _flask(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


@pytest.fixture(scope="session")
def e2e_database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    configured = os.environ.get("TEST_DATABASE_URL", "")
    if configured.startswith("postgresql"):
        from tests.conftest import _create_pg_database, _drop_pg_database

        url, name = _create_pg_database(configured)
        try:
            yield url
        finally:
            _drop_pg_database(configured, name)
    else:
        yield f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'e2e.sqlite3'}"


@pytest.fixture(scope="session")
def live_server(e2e_database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a gunicorn process serving the API and the built front-ends."""
    for folder in ("console", "mobile"):
        if not (DIST / folder / "index.html").is_file():
            pytest.fail(f"web/dist/{folder} is not built: run scripts/bootstrap", pytrace=False)
    instance = tmp_path_factory.mktemp("instance")
    env = {
        **os.environ,
        "DATABASE_URL": e2e_database_url,
        "TONGXING_INSTANCE_DIR": str(instance),
        "SECRET_KEY": "e2e-secret",
        "JWT_SECRET_KEY": "e2e-jwt-secret-with-enough-length-for-hs256",
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "BLIND_INDEX_KEY": "e2e-blind-index",
        "SIGNIN_RATE_LIMIT": "30 per minute",
        # every phone of the suite signs up from this one address within minutes
        "SIGNUP_RATE_LIMIT": "500 per hour",
    }
    LIVE_ENV.update(env)
    _flask(env, "db", "upgrade")
    _flask(env, "regions", "load")
    _flask(env, "demo", "seed")
    _flask(
        env,
        *("demo", "generate", "--children", "400", "--volunteers", "150"),
        *("--agencies", "4", "--organizations", "8", "--seed", "1"),
    )
    _flask(env, "match", "run", "350582")
    LIVE_ENV.update(env)
    port = _free_port()
    log = open(instance / "server.log", "wb")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [
            sys.executable,
            *("-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}"),
            "app:create_app()",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/v1/health/", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(
                    "the server did not start:\n" + (instance / "server.log").read_text(),
                    pytrace=False,
                )
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    """pytest-playwright launches Debian's Chromium; test tools never download browsers."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium", pytrace=False)
    return {"executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@dataclass
class Checker:
    """Runs on every page a test visits: axe-core (no serious or critical violation), no
    Content-Security-Policy violation, and a screenshot into web/screenshots/<app>/."""

    app: str
    console_errors: list[str] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)

    def __call__(self, page: Any, name: str) -> None:
        page.wait_for_load_state("networkidle")
        # Dialogs zoom in and fade out: measured or read by axe mid-way, a button is smaller
        # than it is and its text paler. Wait for the finite animations to end (spinners loop).
        page.wait_for_function(
            "() => document.getAnimations().every(a => a.playState !== 'running'"
            " || a.effect?.getTiming().iterations === Infinity)"
        )
        self.seen.append(name)
        folder = SCREENSHOTS / self.app
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
        violations = page.evaluate("window.__cspViolations || []")
        blocked = [m for m in self.console_errors if "Content Security Policy" in m]
        assert not violations and not blocked, f"CSP violations on {name}: {violations + blocked}"
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate(
            "axe.run(document, {resultTypes: ['violations']})"
            ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))"
        )
        serious = [v for v in result if v["impact"] in ("serious", "critical")]
        assert not serious, f"axe on {name}:\n" + json.dumps(serious, ensure_ascii=False, indent=1)


def _context(browser: Any, checker: Checker, **options: Any) -> Any:
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", **options)
    context.add_init_script(CSP_PROBE)
    context.on(
        "console",
        lambda message: (
            checker.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    return context


@pytest.fixture
def console(browser: Any, live_server: str) -> Iterator[tuple[Any, Checker]]:
    """A desktop page (1366×768) at the console, and the per-page checker."""
    checker = Checker("console")
    context = _context(browser, checker, viewport=CONSOLE_VIEWPORT, base_url=live_server)
    page = context.new_page()
    yield page, checker
    context.close()


@pytest.fixture
def phone(browser: Any, live_server: str) -> Iterator[tuple[Any, Checker]]:
    """A phone (375×812, touch, mobile user agent) at the phone app, and the checker."""
    checker = Checker("mobile")
    context = _context(browser, checker, **PHONE_OPTIONS, base_url=live_server)
    page = context.new_page()
    yield page, checker
    context.close()


def live_flask(*args: str) -> None:
    """A `flask` command against the live server's database (e.g. a match run)."""
    assert LIVE_ENV, "the live_server fixture has not started"
    _flask(LIVE_ENV, *args)


def refresh_cookie(context: Any) -> dict[str, Any] | None:
    return next((c for c in context.cookies() if c["name"] == "refresh_token_cookie"), None)


def url_path(pattern: str) -> re.Pattern[str]:
    """A regex for page.wait_for_url / expect(...).to_have_url on a path."""
    return re.compile(rf"^https?://[^/]+{pattern}$")
