"""What each benchmarked page costs in-process, as a ratio of /healthz.

A noisy, shared machine cannot time a server honestly, but it can time one request
many times in this process and keep the fastest: the minimum is the cost of the
work itself, what the machine's other load adds only ever makes it slower. Each
page is timed through Django's test client (every middleware, the session, the
audit insert and the template), interleaved with /healthz in the same loop, so the
ratio compares like with like.

Run against a seeded database (the benchmark's, or `seed_demo --clients 200`):

    CAIRN_VAR_DIR=var/bench CAIRN_HTTPS=false CAIRN_TESTING=false \\
        .venv/bin/python scripts/page_cost.py [ROUNDS] [--profile PAGE] [--queries PAGE]

--profile prints where one page spends its CPU time (cProfile, sorted by
cumulative time); --queries prints the SQL one request of the page runs; --pages
"client home,goal page" times only those (with /healthz): a write in the loop (the
API's mark done) gives the client's record a new version, so their kept pages are
drawn again each round, as they would be after every write.
"""

import cProfile
import io
import json
import os
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("CAIRN_HTTPS", "false")
os.environ.setdefault("CAIRN_TESTING", "false")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from cairn.accounts.models import User  # noqa: E402
from cairn.api.models import ApiToken  # noqa: E402
from cairn.goals.models import Goal  # noqa: E402
from cairn.routines.models import Routine, RoutineLog  # noqa: E402
from cairn.sessions.models import TherapySession  # noqa: E402

HOST = {"HTTP_HOST": "127.0.0.1"}


def signed_in(email: str) -> Client:
    browser = Client(**HOST)
    browser.force_login(User.objects.get(email=email))
    return browser


def api_token(client: User) -> str:
    from cairn.api.services import api_token_create

    token = ApiToken.objects.filter(user=client, name="page_cost").first()
    if token is not None:
        token.delete()
    _, secret = api_token_create(user=client, name="page_cost", scope="write", days=30)
    return secret


def pages() -> dict[str, Callable[[], int]]:
    # A scheduler tick and an empty queue, so /healthz (the baseline) answers 200.
    call_command("reminders_scheduler", "--once", stdout=io.StringIO())
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
    client = User.objects.get(email="client@example.org")
    routine = Routine.objects.filter(client=client).first()
    if routine is None:
        # As the benchmark does: one routine with three months of days.
        routine = Routine.objects.create(client=client, name="A ten-minute walk after lunch")
        today = timezone.localdate()
        RoutineLog.objects.bulk_create(
            RoutineLog(routine=routine, date=today - timezone.timedelta(days=d), status="done")
            for d in range(1, 90)
            if d % 3
        )
    goal = Goal.objects.filter(client=client, lifecycle_status="active").first()
    assert goal is not None
    session = TherapySession.objects.filter(client=client).order_by("-held_on").first()
    assert session is not None
    anonymous = Client(**HOST)
    ben = signed_in("client@example.org")
    ana = signed_in("therapist@example.org")
    api = Client(**HOST, HTTP_AUTHORIZATION=f"Bearer {api_token(client)}")
    mark = json.dumps({"date": str(timezone.localdate()), "status": "done"})

    def get(browser: Client, path: str) -> Callable[[], int]:
        return lambda: browser.get(path).status_code

    return {
        "/healthz": get(anonymous, "/healthz"),
        "client home": get(ben, "/"),
        "goal page": get(ben, f"/goals/{goal.pk}/"),
        "progress page": get(ben, f"/goals/{goal.pk}/progress/"),
        "routines page": get(ben, f"/clients/{client.pk}/routines/"),
        "caseload": get(ana, "/"),
        "session preparation": get(ana, f"/sessions/{session.pk}/prep/"),
        "API routine list": get(api, "/api/v1/routines"),
        "API mark done": lambda: (
            api.post(
                f"/api/v1/routines/{routine.pk}/marks", mark, content_type="application/json"
            ).status_code
        ),
    }


def timed(request: Callable[[], int]) -> tuple[float, float]:
    """Wall time and this thread's CPU time of one request."""
    wall, cpu = time.perf_counter(), time.thread_time()
    status = request()
    cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
    assert status < 300, status
    return wall, cpu


def main() -> None:
    args = sys.argv[1:]
    table = pages()
    if "--profile" in args:
        name = args[args.index("--profile") + 1]
        for _ in range(5):
            table[name]()
        # CPU time, not wall time: another process's load does not land in the profile.
        profiler = cProfile.Profile(time.thread_time)
        profiler.enable()
        for _ in range(20):
            table[name]()
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
        return
    if "--queries" in args:
        name = args[args.index("--queries") + 1]
        table[name]()
        with CaptureQueriesContext(connection) as queries:
            table[name]()
        for query in queries.captured_queries:
            print(query["sql"][:300])
        print(f"{len(queries)} queries")
        return
    if "--pages" in args:
        wanted = {"/healthz", *args[args.index("--pages") + 1].split(",")}
        table = {name: request for name, request in table.items() if name in wanted}
    rounds = int(args[0]) if args and args[0].isdigit() else 30
    wall = {name: float("inf") for name in table}
    cpu = dict(wall)
    for _ in range(rounds):
        for name, request in table.items():
            took, used = timed(request)
            wall[name], cpu[name] = min(wall[name], took), min(cpu[name], used)
    print(f"{'page':22} {'wall ms':>8} {'× healthz':>10} {'cpu ms':>8} {'× healthz':>10}")
    for name in table:
        print(
            f"{name:22} {wall[name] * 1000:8.2f} {wall[name] / wall['/healthz']:10.1f} "
            f"{cpu[name] * 1000:8.2f} {cpu[name] / cpu['/healthz']:10.1f}"
        )


if __name__ == "__main__":
    main()
