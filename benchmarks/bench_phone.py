"""The phone app's first screen on a slow network: the gzipped JavaScript it loads and how
soon it is usable under Chromium's "Slow 3G" network profile (DevTools' preset: 2,000 ms
round trip, 50 kB/s down and up) with the CPU slowed 4×, through the Chrome DevTools
Protocol; then the same screen opened again from the service worker's cache.

A server is started on a free 127.0.0.1 port over a throwaway SQLite database (migrated,
nothing else: a signed-out visitor's first screen is the sign-in page); Debian's Chromium
(/usr/bin/chromium, or $CHROMIUM) runs headless. Build first (`scripts/bootstrap`).

    .venv/bin/python benchmarks/bench_phone.py [--runs 3]

Two figures per load, read from the page's own clock (performance.now(), from the start of
navigation), each when its sign-in button is on the screen and enabled and the main thread
answers a queued task within 50 ms (no long task in the way):
- sign-in usable: the sign-in form index.html itself shows (it posts to the server without
  any script; the target applies to this one);
- app started: the Vue app mounted and its own sign-in form ready (`#app[data-v-app]`),
  after the app's script has arrived and run.
"""

from __future__ import annotations

import argparse
import gzip
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "web" / "dist" / "mobile"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PROFILES = {
    # Chrome DevTools' "Slow 3G" preset: 400 ms RTT × 5, 500 kbit/s × 0.8
    "devtools-slow-3g": {
        "offline": False,
        "latency": 2000,
        "downloadThroughput": 50_000,
        "uploadThroughput": 50_000,
    },
    # Lighthouse's mobile profile with DevTools throttling (150 ms RTT × 3.75, 1.6 Mbit/s
    # × 0.9 down, 750 kbit/s × 0.9 up), the one its reports measure interactivity under
    "lighthouse-mobile": {
        "offline": False,
        "latency": 562.5,
        "downloadThroughput": int(1.6 * 1024 * 1024 / 8 * 0.9),
        "uploadThroughput": int(750 * 1024 / 8 * 0.9),
    },
}
CPU_SLOWDOWN = 4
JS_TARGET_KB = 200
TTI_TARGET_S = 5.0

# Resolves with performance.now() once the form is usable and a queued task runs promptly.
PROBE = """
() => new Promise((resolve) => {
  const ready = () => {
    const button = document.querySelector(SELECTOR);
    return button && !button.disabled && button.getBoundingClientRect().height > 0;
  };
  const probe = () => {
    if (!ready()) return setTimeout(probe, 20);
    const queued = performance.now();
    setTimeout(() => {
      const now = performance.now();
      if (now - queued <= 50) resolve(now);
      else probe();
    }, 0);
  };
  probe();
})
"""
# The first sign-in form on the screen: index.html's own, or the app's.
INTERACTIVE = PROBE.replace("SELECTOR", repr("main form button[type=submit]"))
# The app's: Vue has mounted (it marks its container) and shows its sign-in form.
APP_STARTED = PROBE.replace("SELECTOR", repr("#app[data-v-app] main form button[type=submit]"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_server(instance: Path) -> tuple[subprocess.Popen[bytes], str]:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{instance / 'bench.sqlite3'}",
        "TONGXING_INSTANCE_DIR": str(instance),
        "SECRET_KEY": "bench-phone",
        "JWT_SECRET_KEY": "bench-phone-jwt-secret-with-enough-length",
    }
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            *("-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}"),
            "app:create_app()",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/v1/health/", timeout=2):
                return server, base
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise SystemExit("the server did not start") from None
            time.sleep(0.2)


def _gzip_kb(files: set[str]) -> float:
    return sum(len(gzip.compress((DIST / f).read_bytes(), 9)) for f in files) / 1024


class Load:
    """One load of /m/ in a page with the network and CPU throttled."""

    def __init__(self, context: Any, base: str, network: dict[str, Any]) -> None:
        self.page = context.new_page()
        self.cdp = context.new_cdp_session(self.page)
        self.cdp.send("Network.enable")
        self.cdp.send("Network.emulateNetworkConditions", network)
        self.cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        self.base = base
        self.scripts: set[str] = set()
        self.wire = 0
        self.from_worker = 0
        urls: dict[str, str] = {}

        def sent(event: dict[str, Any]) -> None:
            urls[event["requestId"]] = event["request"]["url"]

        def answered(event: dict[str, Any]) -> None:
            response = event["response"]
            if response.get("fromServiceWorker"):
                self.from_worker += 1
            if event.get("type") == "Script" and "/m/assets/" in response["url"]:
                self.scripts.add(response["url"].split("/m/", 1)[1])

        def finished(event: dict[str, Any]) -> None:
            self.wire += int(event.get("encodedDataLength", 0))

        self.cdp.on("Network.requestWillBeSent", sent)
        self.cdp.on("Network.responseReceived", answered)
        self.cdp.on("Network.loadingFinished", finished)

    def run(self) -> tuple[float, float]:
        """(sign-in usable, app started), in seconds from the start of navigation."""
        self.page.goto(f"{self.base}/m/", wait_until="commit", timeout=120_000)
        usable_ms = self.page.evaluate(INTERACTIVE)
        started_ms = self.page.evaluate(APP_STARTED)
        return float(usable_ms) / 1000, float(started_ms) / 1000

    def close(self) -> None:
        self.page.close()


def measure(browser: Any, base: str, network: dict[str, Any], runs: int) -> dict[str, Any]:
    phone = {
        "viewport": {"width": 375, "height": 812},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
        "locale": "zh-CN",
    }
    cold: list[tuple[float, float]] = []
    warm: list[tuple[float, float]] = []
    out: dict[str, Any] = {}
    for _ in range(runs):
        context = browser.new_context(**phone)  # a phone that never opened the app
        first = Load(context, base, network)
        cold.append(first.run())
        out["scripts"], out["wire"] = set(first.scripts), first.wire
        # the service worker installs and precaches the app; then it opens again
        first.page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        first.close()
        again = Load(context, base, network)
        warm.append(again.run())
        out["cached"] = again.from_worker
        again.close()
        context.close()
    return {**out, "cold": cold, "warm": warm}


def _runs(values: list[float]) -> str:
    return ", ".join(f"{x:.2f}" for x in values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="cold loads (and as many warm)")
    parser.add_argument("--profile", choices=[*PROFILES, "all"], default="all")
    args = parser.parse_args()
    if not (DIST / "index.html").is_file():
        raise SystemExit("web/dist/mobile is not built: run scripts/bootstrap")
    from playwright.sync_api import sync_playwright

    profiles = list(PROFILES) if args.profile == "all" else [args.profile]
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-phone-") as tmp:
        server, base = _start_server(Path(tmp))
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path=CHROMIUM,
                    args=["--no-sandbox", "--disable-background-networking"],
                )
                for name in profiles:
                    results[name] = measure(browser, base, PROFILES[name], args.runs)
                browser.close()
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()

    first = next(iter(results.values()))
    js_kb = _gzip_kb(first["scripts"])
    print(f"phone app /m/, first screen (sign-in), CPU slowed {CPU_SLOWDOWN}x, {args.runs} runs")
    print(f"  scripts loaded                {len(first['scripts']):>7}")
    print(f"  JS gzipped                    {js_kb:>7.1f} KB   target <= {JS_TARGET_KB} KB")
    print(f"  bytes on the wire (cold)      {first['wire'] / 1024:>7.1f} KB")
    for name, r in results.items():
        print(f"  {name}:")
        for label, key in (("cold", "cold"), ("again, from the cache", "warm")):
            usable = [u for u, _ in r[key]]
            started = [s for _, s in r[key]]
            median = statistics.median(usable)
            if key == "cold":
                verdict = "ok" if median <= TTI_TARGET_S else "OVER"
                target = f"    target <= {TTI_TARGET_S:.0f} s  {verdict}"
            else:
                target = f"    ({r['cached']} answers from the service worker)"
            print(f"    {label}:")
            print(
                f"      sign-in usable (from the HTML) {median:>6.2f} s{target}"
                f"   (runs: {_runs(usable)})"
            )
            print(
                f"      app started                    {statistics.median(started):>6.2f} s"
                f"   (runs: {_runs(started)})"
            )


if __name__ == "__main__":
    main()
