"""The therapist's caseload, ordered by real need, in tiers (issue 11):

risk › worsening or reliable deterioration › quiet › stuck › waiting on the therapist › none.

A client sits in the highest tier any of their reasons reaches; within a tier, whoever
has waited longest comes first. Every reason is said in words. Something waiting on
the client is shown, but is no flag.

The page reads each client's summary (home.models.CaseloadSummary, kept up to date
with every write), never their history: the tier and the order are worked out in SQL
from the summary's dates and today, and only the 50 cards of the page are built. The
query count is the same for 3 clients or 2,000.

Here the page as the home page asks for it; the tiers and the row of each client in
caseload_rows.py, the order worked out in SQL in caseload_ranking.py.
"""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.paginator import Page
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from cairn.accounts.models import User
from cairn.core.audit import audit_listing
from cairn.core.page_cache import Key, key_for, parts_for
from cairn.home.caseload_ranking import CARD_INPUTS, SUMMARY, page_of, ranked_page
from cairn.home.caseload_rows import CaseloadRow, rows_of
from cairn.home.summary import TREND_WINDOW
from cairn.home.tiers import TIERS


@dataclass
class Caseload[T]:
    """One page of a therapist's caseload (each client's row, or its card in HTML) and
    how many clients are in each tier."""

    page: Page[T]
    counts: dict[str, int]
    # Asked for a tier there is not: the page lists nobody and says so.
    unknown_tier: bool = False

    @property
    def on_page(self) -> list[T]:
        return list(self.page.object_list)

    @property
    def listed(self) -> list[T]:
        """Who the page lists: those on it, or nobody for a tier there is not."""
        return [] if self.unknown_tier else self.on_page


def caseload_for(
    therapist: User, *, today: date, query: str = "", tier: str = "", page: str | None = None
) -> Caseload[CaseloadRow]:
    """One page of the current clients of `therapist`, with tier and reasons, in the
    order of attention, and how many are in each tier. Reads the summaries, so it
    costs the same for 20 or 2,000 clients. `tier` narrows to one tier (the caller
    checks it is one of TIERS); a `page` that is not a page there is gives the first."""
    shown, counts = ranked_page(therapist, today=today, query=query, tier=tier, page=page)
    found = shown.object_list
    rows = rows_of(found, today=today)
    return Caseload(page=page_of(shown, [rows[values["pk"]] for values in found]), counts=counts)


@dataclass(frozen=True)
class Card:
    client_id: uuid.UUID
    html: SafeString


def caseload_cards_listed_for(
    therapist: User, *, today: date, query: str = "", tier: str = "", page: str | None = None
) -> Caseload[Card]:
    """The page `caseload_for` gives, as each client's card in HTML. A card is drawn
    again only when something it shows has changed (its client's summary, name,
    reference or care, or the day); otherwise this process's copy is shown. A `tier`
    that is not one of TIERS lists nobody.

    The list is audited as one read naming every client it lists (nobody, too)."""
    unknown_tier = bool(tier) and tier not in TIERS
    shown, counts = ranked_page(
        therapist, today=today, query=query, tier="" if unknown_tier else tier, page=page
    )
    inputs = list(shown.object_list)
    fresh_after = timezone.now() - TREND_WINDOW
    keys: dict[Key, dict[str, Any]] = {
        key_for(
            "caseload card",
            *(values[name] for name in CARD_INPUTS),
            # The one thing on a card that moves within a day: a newly shared entry.
            (shared := values[SUMMARY + "last_shared_at"]) is not None and shared >= fresh_after,
            viewer_id=therapist.pk,
            today=today,
        ): values
        for values in inputs
    }

    def draw(missing: list[Key]) -> dict[Key, str]:
        rows = rows_of([keys[key] for key in missing], today=today)
        return {
            key: render_to_string(CARD_TEMPLATE, {"row": rows[keys[key]["pk"]]}) for key in missing
        }

    html = parts_for(keys, draw)
    caseload = Caseload(
        page=page_of(shown, [Card(values["client_id"], html[key]) for key, values in keys.items()]),
        counts=counts,
        unknown_tier=unknown_tier,
    )
    audit_listing(
        actor=therapist,
        object_type="caseload",
        client_ids=[card.client_id for card in caseload.listed],
    )
    return caseload


CARD_TEMPLATE = "home/therapist_home.html#caseload-card"
