"""Load: 16 people at once doing check-ins, journal entries and page views for 60 s.

Run against `make run` (the demo's clients sign in):

    make run                        # in one terminal
    .venv/bin/python scripts/load.py [--base http://127.0.0.1:8000] [--clients 16] [--seconds 60]

Reports throughput, the median and 99th percentile time per kind of request, and
every answer that was not a success (2xx or a redirect). Exits 1 when any answer
was a server error (5xx), a "database is locked" among them.
"""

import argparse
import asyncio
import random
import re
import statistics
import sys
import time
import uuid
from collections import Counter, defaultdict
from urllib.parse import urlencode, urlparse

PASSWORD = "demo-pass-cairn"
CLIENTS = [
    "client@example.org",
    "client2@example.org",
    "client3@example.org",
    "client4@example.org",
]
WORDS = [
    "a",
    "walk",
    "after",
    "lunch",
    "helped",
    "more",
    "than",
    "I",
    "expected",
    "and",
    "the",
    "evening",
    "felt",
    "lighter",
]


class Person:
    """One signed-in browser: plain HTTP/1.1 over asyncio streams, cookies kept."""

    def __init__(self, base: str) -> None:
        url = urlparse(base)
        self.host, self.port = url.hostname or "127.0.0.1", url.port or 80
        self.cookies: dict[str, str] = {}

    async def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str, str]:
        reader, writer = await asyncio.open_connection(self.host, self.port)
        body = urlencode(form).encode() if form is not None else b""
        headers = [
            f"{method} {path} HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            "Connection: close",
            "Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        ]
        if form is not None:
            headers += [
                "Content-Type: application/x-www-form-urlencoded",
                f"Content-Length: {len(body)}",
                f"Referer: http://{self.host}:{self.port}{path}",
            ]
        writer.write(("\r\n".join(headers) + "\r\n\r\n").encode() + body)
        await writer.drain()
        raw = await reader.read()
        writer.close()
        head, _, content = raw.partition(b"\r\n\r\n")
        lines = head.decode(errors="replace").split("\r\n")
        status = int(lines[0].split()[1])
        location = ""
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.lower() == "set-cookie":
                key, _, rest = value.strip().partition("=")
                self.cookies[key] = rest.split(";")[0]
            elif name.lower() == "location":
                location = value.strip()
        return status, location, content.decode(errors="replace")


def field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    return found.group(1) if found else ""


class Load:
    def __init__(self) -> None:
        self.timings: dict[str, list[float]] = defaultdict(list)
        self.failures: Counter[tuple[str, int]] = Counter()
        self.locked = 0

    async def timed(
        self, person: Person, kind: str, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str, str]:
        start = time.perf_counter()
        try:
            status, location, page = await person.request(method, path, form)
        except OSError:
            status, location, page = 599, "", ""
        self.timings[kind].append((time.perf_counter() - start) * 1000)
        if not (200 <= status < 400):
            self.failures[(kind, status)] += 1
            if "database is locked" in page:
                self.locked += 1
        return status, location, page

    async def sign_in(self, person: Person, email: str) -> None:
        _, _, page = await person.request("GET", "/accounts/login/")
        status, _, _ = await person.request(
            "POST",
            "/accounts/login/",
            {
                "login": email,
                "password": PASSWORD,
                "csrfmiddlewaretoken": field(page, "csrfmiddlewaretoken"),
            },
        )
        if status != 302:
            raise SystemExit(
                f"Could not sign in as {email} (answer {status}). Is the demo running (make run)?"
            )

    async def journal_entry(self, person: Person) -> None:
        _, _, page = await self.timed(person, "journal form", "GET", "/journal/new/")
        words = " ".join(random.choices(WORDS, k=30))
        await self.timed(
            person,
            "journal save",
            "POST",
            "/journal/new/",
            {
                "body": words,
                "once": field(page, "once") or str(uuid.uuid4()),
                "csrfmiddlewaretoken": field(page, "csrfmiddlewaretoken"),
            },
        )

    async def checkin(self, person: Person) -> None:
        _, _, page = await self.timed(person, "check-in form", "GET", "/checkin/")
        await self.timed(
            person,
            "check-in save",
            "POST",
            "/checkin/",
            {
                "date": field(page, "date"),
                "version": field(page, "version") or "0",
                "mood": str(random.randint(1, 5)),
                "note": "",
                "csrfmiddlewaretoken": field(page, "csrfmiddlewaretoken"),
            },
        )

    async def browse(self, person: Person) -> None:
        await self.timed(person, "page view", "GET", random.choice(["/", "/journal/", "/checkin/"]))

    async def person(self, person: Person, until: float) -> None:
        actions = [self.browse] * 6 + [self.journal_entry] * 2 + [self.checkin] * 2
        while time.monotonic() < until:
            await random.choice(actions)(person)


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


async def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    options = parser.parse_args()

    load = Load()
    people = [Person(options.base) for _ in range(options.clients)]
    # Signing in (Argon2, slow on purpose) happens before the clock starts.
    await asyncio.gather(
        *(load.sign_in(person, CLIENTS[n % len(CLIENTS)]) for n, person in enumerate(people))
    )
    start = time.monotonic()
    until = start + options.seconds
    await asyncio.gather(*(load.person(person, until) for person in people))
    elapsed = time.monotonic() - start
    every = [t for samples in load.timings.values() for t in samples]
    print(
        f"{options.clients} clients for {elapsed:.0f} s: {len(every)} requests, {len(every) / elapsed:.1f} per second"
    )
    print(f"{'kind':16} {'count':>7} {'p50 ms':>8} {'p99 ms':>8}")
    for kind, samples in sorted(load.timings.items()):
        print(
            f"{kind:16} {len(samples):7} {statistics.median(samples):8.0f} {percentile(samples, 0.99):8.0f}"
        )
    print(
        f"{'all':16} {len(every):7} {statistics.median(every):8.0f} {percentile(every, 0.99):8.0f}"
    )
    if load.failures:
        print("Answers that were not a success:")
        for (kind, status), count in sorted(load.failures.items()):
            note = (
                " (a conflict page: two sessions of one person saved the same day's check-in)"
                if status == 409
                else ""
            )
            print(f"  {kind}: {status} × {count}{note}")
    else:
        print("Every answer was a success.")
    server_errors = sum(count for (_, status), count in load.failures.items() if status >= 500)
    print(f"Server errors: {server_errors}; 'database is locked' seen by a user: {load.locked}")
    return 1 if server_errors else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
