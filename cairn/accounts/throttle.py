"""Sign-in throttling that slows an attacker down without locking the practice out.

Failures are counted per account, per client address (the real one, behind
CAIRN_TRUSTED_PROXIES proxies) and, for authenticator codes, per account apart
from passwords. A few failures cost nothing; after that each further try must
wait twice as long as the last, up to a cap, and failures older than the window
are forgotten. Nothing is a hard lock: the right password after the wait works,
and a password reset lifts an account's wait at once. When an account starts
waiting, its owner hears by e-mail how to get back in.

The counters live in the shared cache (the database or Redis), so they hold
across worker processes.
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse

from cairn.accounts.models import User
from cairn.core.tasks import send_email


@dataclass(frozen=True)
class Policy:
    name: str
    free: int  # failures within the window that cost nothing
    first_wait: int  # seconds, after the first failure past the free ones
    longest_wait: int
    window: int  # seconds after which a failure is forgotten

    def wait_after(self, failures: int) -> float:
        if failures < self.free:
            return 0
        return min(self.first_wait * 2 ** (failures - self.free), self.longest_wait)


ACCOUNT = Policy("account", free=5, first_wait=30, longest_wait=15 * 60, window=60 * 60)
# Generous: a practice's staff may share one address, and typos add up.
ADDRESS = Policy("address", free=30, first_wait=30, longest_wait=15 * 60, window=60 * 60)
CODE = Policy("code", free=5, first_wait=30, longest_wait=15 * 60, window=60 * 60)


def _key(policy: Policy, subject: str) -> str:
    digest = hashlib.sha256(subject.strip().lower().encode()).hexdigest()
    return f"cairn:throttle:{policy.name}:{digest}"


def _recent(policy: Policy, subject: str, now: float) -> list[float]:
    return [t for t in cache.get(_key(policy, subject), []) if t > now - policy.window]


def seconds_to_wait(policy: Policy, subject: str) -> int:
    """How long `subject` must still wait before its next try (0: it may try now)."""
    if not subject:
        return 0
    now = time.time()
    failures = _recent(policy, subject, now)
    if not failures:
        return 0
    remaining = policy.wait_after(len(failures)) - (now - max(failures))
    return max(0, math.ceil(remaining))


def failure_record(policy: Policy, subject: str) -> int:
    """Counts one failure; returns how many are within the window now."""
    if not subject:
        return 0
    now = time.time()
    failures = [*_recent(policy, subject, now), now][-100:]
    cache.set(_key(policy, subject), failures, policy.window)
    return len(failures)


def failures_clear(policy: Policy, subject: str) -> None:
    cache.delete(_key(policy, subject))


def wait_in_words(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} seconds"
    minutes = math.ceil(seconds / 60)
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def owner_tell(*, user: User, policy: Policy) -> None:
    """Tells the owner, once as their account starts waiting, what happened and how
    to get back in. The mail holds no clinical words and no link that signs in."""
    site = settings.CAIRN_SITE_URL.rstrip("/")
    send_email.enqueue(
        subject="Cairn: sign-in to your account is slowed down for a while",
        body=render_to_string(
            "accounts/email/sign_in_slowed.txt",
            {
                "user": user,
                "codes": policy is CODE,
                "tries": policy.free,
                "wait": wait_in_words(policy.first_wait),
                "reset_link": site + reverse("account_reset_password"),
            },
        ),
        to=[user.email],
    )
