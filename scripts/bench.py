"""Benchmark: how Cairn's busiest pages compare with /healthz, the cheapest request.

Sets up its own database in var/bench with the demo and 200 more clients, starts
gunicorn on a free port, signs in as a client and a therapist, and times each page.
Exits 1 when a page misses its target. Run with `make bench`.
"""

import http.cookiejar
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PY = str(ROOT / ".venv" / "bin" / "python")
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "40"))
# A page may take this many times as long as /healthz at the 95th percentile,
# and never more than this many milliseconds.
RATIO_TARGET = float(os.environ.get("BENCH_RATIO", "40"))
MS_TARGET = float(os.environ.get("BENCH_MS", "600"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def env() -> dict[str, str]:
    values = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    values.update(
        CAIRN_VAR_DIR=str(VAR),
        CAIRN_HTTPS="false",
        DJANGO_SETTINGS_MODULE="config.settings",
        CAIRN_TESTING="false",
    )
    return values


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> tuple[int, str]:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.status, response.read().decode()

    def post_form(self, path: str, data: dict[str, str]) -> str:
        _, page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + path}
        )
        with self.opener.open(request, timeout=30) as response:
            return response.url


def timed(browser: Browser, path: str) -> list[float]:
    samples = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        status, _ = browser.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert status == 200, f"{path} answered {status}"
    return samples


def p95(samples: list[float]) -> float:
    return sorted(samples)[int(len(samples) * 0.95) - 1]


def main() -> int:
    shutil.rmtree(VAR, ignore_errors=True)
    VAR.mkdir(parents=True)
    for command in (
        ["migrate", "-v0"],
        ["createcachetable"],
        ["collectstatic", "--no-input", "-v0"],
        ["seed_demo", "--clients", "200"],
        # One scheduler tick, so /healthz (the baseline) answers 200.
        ["reminders_scheduler", "--once"],
    ):
        subprocess.run(
            [PY, "manage.py", *command], cwd=ROOT, env=env(), check=True, stdout=subprocess.DEVNULL
        )
    port = free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env=env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        anonymous = Browser(base)
        client = Browser(base)
        client.post_form(
            "/accounts/login/", {"login": "client@example.org", "password": "demo-pass-cairn"}
        )
        therapist = Browser(base)
        therapist.post_form(
            "/accounts/login/", {"login": "therapist@example.org", "password": "demo-pass-cairn"}
        )
        code = subprocess.run(
            [PY, "manage.py", "demo_totp"], cwd=ROOT, env=env(), capture_output=True, text=True
        ).stdout.strip()
        therapist.post_form("/accounts/2fa/authenticate/", {"code": code})
        _, home = client.get("/")
        goal_path = re.search(r'href="(/goals/[0-9a-f-]+/)"', home).group(1)  # type: ignore[union-attr]
        pages = {
            "/healthz": (anonymous, "/healthz"),
            "client home (dashboard)": (client, "/"),
            "goal page": (client, goal_path),
            "goal progress (charts)": (client, goal_path + "progress/"),
            "therapist caseload (200+ clients)": (therapist, "/"),
        }
        results = {name: timed(browser, path) for name, (browser, path) in pages.items()}
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
    base_p95 = p95(results["/healthz"])
    failed = False
    print(f"{'page':38} {'median ms':>10} {'p95 ms':>8} {'× healthz':>10}")
    for name, samples in results.items():
        ratio = p95(samples) / base_p95
        ok = name == "/healthz" or (ratio <= RATIO_TARGET and p95(samples) <= MS_TARGET)
        failed |= not ok
        print(
            f"{name:38} {statistics.median(samples):10.1f} {p95(samples):8.1f} {ratio:10.1f}{'' if ok else '  above target'}"
        )
    print(f"Targets: p95 at most {RATIO_TARGET:g}× /healthz and {MS_TARGET:g} ms.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
