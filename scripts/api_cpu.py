"""The API's CPU per call, in this process: mark done and the routine list.

Signs a token for the demo client, then calls each endpoint N times through Django's
test client (every middleware, the token check, the audit and the commit) and prints
time.process_time per call, the median of several batches: CPU time, not wall time,
so the machine's other load barely moves it.

    CAIRN_VAR_DIR=var/cpu CAIRN_HTTPS=false CAIRN_TESTING=false \\
        .venv/bin/python scripts/api_cpu.py [N] [BATCHES] [--only "mark done"]

On a loaded machine even CPU time wanders; instructions do not. The instructions of
100 calls are the difference between two runs under valgrind:

    valgrind --tool=callgrind --callgrind-out-file=/dev/null .venv/bin/python \
        scripts/api_cpu.py 0 1 --only "mark done"      # and then with 100 1

Where the time goes: scripts/page_cost.py --profile "API mark done".
"""

import json
import os
import statistics
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

from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from cairn.accounts.models import User  # noqa: E402
from cairn.api.models import ApiToken  # noqa: E402
from cairn.api.services import api_token_create  # noqa: E402
from cairn.routines.models import Routine  # noqa: E402


def calls() -> dict[str, Callable[[], int]]:
    client = User.objects.get(email="client@example.org")
    routine = Routine.objects.filter(client=client, archived_at=None, paused_at=None).first()
    if routine is None:
        routine = Routine.objects.create(client=client, name="A ten-minute walk after lunch")
    # A token of this run's own: runs side by side (under valgrind) must not revoke
    # each other's.
    name = f"api_cpu {os.getpid()}"
    ApiToken.objects.filter(user=client, name__startswith="api_cpu").exclude(
        created_at__gt=timezone.now() - timezone.timedelta(hours=1)
    ).delete()
    _, secret = api_token_create(user=client, name=name, scope="write", days=1)
    api = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {secret}")
    mark = json.dumps({"date": str(timezone.localdate()), "status": "done"})
    path = f"/api/v1/routines/{routine.pk}/marks"
    return {
        "mark done": lambda: api.post(path, mark, content_type="application/json").status_code,
        "routine list": lambda: api.get("/api/v1/routines").status_code,
    }


def batch(call: Callable[[], int], n: int) -> float:
    """CPU seconds per call over n calls."""
    start = time.process_time()
    for _ in range(n):
        status = call()
        assert status < 300, status
    return (time.process_time() - start) / max(n, 1)


def main() -> None:
    args = sys.argv[1:]
    table = calls()
    # The limit counts every call; this measures the work, not the refusal.
    with override_settings(CAIRN_API_RATE_PER_MINUTE=10**9):
        numbers = [a for a in args if a.isdigit()]
        n = int(numbers[0]) if numbers else 500
        batches = int(numbers[1]) if len(numbers) > 1 else 5
        if "--only" in args:
            wanted = args[args.index("--only") + 1]
            table = {name: call for name, call in table.items() if name == wanted}
        for name, call in table.items():
            batch(call, 50)  # warm up
            per_call = [batch(call, n) for _ in range(batches)]
            print(
                f"{name:14} median {statistics.median(per_call) * 1000:.3f} ms CPU/call "
                f"(batches: {', '.join(f'{p * 1000:.3f}' for p in per_call)}; N={n})"
            )


if __name__ == "__main__":
    main()
