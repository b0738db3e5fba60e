"""Crash safety, proven on every change: the whole server killed with SIGKILL in the
middle of concurrent writes, and a worker killed in the middle of sending mail.

Each test runs Cairn in its own processes (gunicorn, the worker) against a
temporary database of the kind the suite runs on (SQLite, or PostgreSQL when
DATABASE_URL is set), copied from the suite's migrated template, and looks at that
database directly afterwards.
"""

import asyncio
import http.client
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse

from tests import template_db

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PASSWORD = "crash-test-pass-1"
WRITERS = 4
TRIALS = 3

SETUP = f"""
from cairn.accounts.services import user_create
from cairn.care.models import Membership, Role
from tests.factories import PracticeFactory
practice = PracticeFactory(name="Crash Test Practice")
for n in range({WRITERS}):
    user = user_create(email=f"writer{{n}}@example.test", password="{PASSWORD}", name=f"Writer {{n}}")
    Membership.objects.create(user=user, practice=practice, role=Role.CLIENT)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class CairnUnderTest:
    """A temporary database, and the environment to run Cairn's processes on it."""

    def __init__(self, var: Path, template: str) -> None:
        """`template`: the suite's migrated template database (tests/template_db.py),
        which this database starts as a copy of."""
        self.var = var
        self.env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
        self.env.update(
            CAIRN_VAR_DIR=str(var),
            CAIRN_TESTING="true",  # static files from the source tree; no collectstatic
            CAIRN_HTTPS="false",
            DJANGO_SETTINGS_MODULE="config.settings",
        )
        self.postgres = os.environ.get("DATABASE_URL", "")
        self.pg_name = ""
        if self.postgres:
            self.pg_name = f"cairn_crash_{uuid.uuid4().hex[:10]}"
            self._admin(f'CREATE DATABASE "{self.pg_name}" TEMPLATE "{template}"')
            self.env["DATABASE_URL"] = (
                urlparse(self.postgres)._replace(path=f"/{self.pg_name}").geturl()
            )
        else:
            var.mkdir(mode=0o700, parents=True)
            shutil.copyfile(template, var / "cairn.sqlite3")

    def _admin(self, sql: str) -> None:
        import psycopg

        url = urlparse(self.postgres)._replace(path="/postgres").geturl()
        with psycopg.connect(url, autocommit=True) as db:
            db.execute(sql)  # type: ignore[arg-type]

    def drop(self) -> None:
        if self.pg_name:
            self._admin(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')

    def manage(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        return result

    def query(self, sql: str) -> list[tuple[object, ...]]:
        if self.pg_name:
            import psycopg

            with psycopg.connect(self.env["DATABASE_URL"]) as db:
                return list(db.execute(sql).fetchall())  # type: ignore[arg-type]
        with sqlite3.connect(self.var / "cairn.sqlite3") as db:
            return db.execute(sql).fetchall()

    def integrity_ok(self) -> bool:
        if self.pg_name:
            return self.query("SELECT 1") == [(1,)]
        return self.query("PRAGMA integrity_check") == [("ok",)]


@pytest.fixture(scope="module")
def cairn(tmp_path_factory, django_db_setup) -> Iterator[CairnUnderTest]:
    assert template_db.location, "the suite's template database was not set up"
    under_test = CairnUnderTest(tmp_path_factory.mktemp("crash") / "var", template_db.location)
    try:
        under_test.manage("shell", "-c", SETUP)
        yield under_test
    finally:
        under_test.drop()


class Browser:
    """A signed-in person, talking plain HTTP (redirects not followed)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.token = ""

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.token})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            page = response.read().decode(errors="replace")
        finally:
            connection.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";")[0]
        return response.status, response.headers.get("Location", ""), page

    def read_token(self, path: str) -> None:
        _, _, page = self.request("GET", path)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert found, f"no form at {path}"
        self.token = found.group(1)

    def sign_in(self, email: str) -> None:
        self.read_token(reverse("account_login"))
        status, _, _ = self.request(
            "POST", reverse("account_login"), {"login": email, "password": PASSWORD}
        )
        assert status == 302, f"sign-in failed for {email}"
        self.read_token(reverse("journal:entry_create"))


def start_server(cairn: CairnUnderTest, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--worker-class",
            "config.gunicorn_sync.SyncWorker",  # as scripts/run.sh
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env=cairn.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so SIGKILL takes master and workers
    )
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    os.killpg(server.pid, signal.SIGKILL)
    raise AssertionError("gunicorn did not start")


def test_every_acknowledged_write_survives_kill_9_of_the_whole_server(cairn):
    port = free_port()
    acknowledged: list[str] = []
    server_errors: list[int] = []
    browsers = [Browser(port) for _ in range(WRITERS)]
    for trial in range(TRIALS):
        server = start_server(cairn, port)
        if trial == 0:
            for n, browser in enumerate(browsers):
                browser.sign_in(f"writer{n}@example.test")
        stop = threading.Event()

        def write(
            browser: Browser, writer: int, trial: int = trial, stop: threading.Event = stop
        ) -> None:
            n = 0
            while not stop.is_set():
                body = (
                    f"trial {trial} writer {writer} entry {n}: "
                    + "steady words " * 20
                    + "and the end."
                )
                try:
                    status, _, _ = browser.request(
                        "POST",
                        reverse("journal:entry_create"),
                        {"body": body, "once": str(uuid.uuid4())},
                    )
                except OSError:
                    return  # the server is gone; this write was never acknowledged
                if status == 302:
                    acknowledged.append(body)
                elif status >= 500:
                    server_errors.append(status)
                n += 1

        writers = [threading.Thread(target=write, args=(b, n)) for n, b in enumerate(browsers)]
        for thread in writers:
            thread.start()
        time.sleep(3)
        os.killpg(server.pid, signal.SIGKILL)  # the whole server, mid-write
        server.wait()
        stop.set()
        for thread in writers:
            thread.join()

        assert cairn.integrity_ok()
        saved = {row[0] for row in cairn.query("SELECT body FROM journal_journalentry")}
        missing = [body for body in acknowledged if body not in saved]
        assert missing == [], f"trial {trial}: {len(missing)} acknowledged writes lost"
        # No half-written record: every saved entry has its audit event, from the same transaction.
        entries = {
            str(uuid.UUID(str(row[0])))
            for row in cairn.query("SELECT id FROM journal_journalentry")
        }
        audited = {
            row[0]
            for row in cairn.query(
                "SELECT object_id FROM core_auditevent WHERE object_type = 'journal_entry'"
            )
        }
        assert entries <= audited, f"trial {trial}: entries without their audit event"
    assert len(acknowledged) >= TRIALS * WRITERS, "too few writes to prove anything"
    assert server_errors == []


class SlowMailServer:
    """Answers RCPT slowly the first time, so a worker can be killed mid-send."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []
        self.first_rcpt = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if not self.first_rcpt.is_set():
            self.first_rcpt.set()
            await asyncio.sleep(5)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope.content)
        return "250 OK"


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def test_a_worker_killed_mid_send_finishes_the_mail_after_restart_once(cairn):
    port = free_port()
    mail_server = SlowMailServer()
    controller = Controller(mail_server, hostname="127.0.0.1", port=port)
    controller.start()
    env = {"EMAIL_URL": f"smtp://127.0.0.1:{port}", "CAIRN_EMAIL_CLAIM_SECONDS": "2"}
    try:
        cairn.manage(
            "shell",
            "-c",
            "from cairn.core.email import email_queue; email_queue(key='crash:mail', "
            "subject='Cairn: hello', body='Once only', to=['orla@example.test'])",
        )

        def worker() -> subprocess.Popen[bytes]:
            return subprocess.Popen(
                [sys.executable, "manage.py", "worker", "--stale-after", "2", "--interval", "0.2"],
                cwd=ROOT,
                env={**cairn.env, **env},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )

        first = worker()
        assert mail_server.first_rcpt.wait(60), "the worker never started sending"
        os.killpg(first.pid, signal.SIGKILL)  # mid-send: the server has not taken the mail
        first.wait()
        assert mail_server.messages == []

        second = worker()
        try:
            assert wait_for(lambda: len(mail_server.messages) == 1, 60), "the mail never came"
            time.sleep(3)  # time enough for a second copy, if there were going to be one
        finally:
            os.killpg(second.pid, signal.SIGTERM)
            second.wait()
        assert len(mail_server.messages) == 1
        assert cairn.query("SELECT status FROM core_outgoingemail WHERE key = 'crash:mail'") == [
            ("sent",)
        ]
    finally:
        controller.stop()
