"""The client's record as one page shows it: their own home, or their therapist's
overview of them. The caller has already checked who may see it."""

from dataclasses import dataclass

from cairn.accounts.models import User
from cairn.accounts.time import local_today
from cairn.care import care_team
from cairn.care import selectors as care_selectors
from cairn.care.models import CareRelationship
from cairn.core.page_cache import part_for
from cairn.goals import history
from cairn.goals import selectors as goal_selectors
from cairn.goals.models import Goal, Milestone
from cairn.journal import selectors as journal_selectors
from cairn.measures import selectors as measure_selectors
from cairn.progress import selectors as progress_selectors
from cairn.progress.series import GoalSeries, recent_series_for
from cairn.safety import selectors as safety_selectors
from cairn.sessions import dates as session_dates
from cairn.sessions import selectors as session_selectors
from cairn.sharing import selectors as sharing_selectors


def _care_has_ended(relationships: list[CareRelationship]) -> bool:
    return bool(relationships) and not any(r.is_active for r in relationships)


@dataclass(frozen=True)
class OpenGoal:
    """A goal still in play as the record page shows it: its recent ratings and the
    first step not yet done."""

    goal: Goal
    series: GoalSeries
    next_step: Milestone | None


def client_home_page(client: User) -> dict[str, object]:
    """The client's own home: their record as last drawn, unless it has changed since
    (cairn.core.page_cache); gathered and drawn again only then."""
    part = part_for(
        "client home", client_id=client.pk, viewer_id=client.pk, today=local_today(client)
    )
    context: dict[str, object] = {"client": client, "record": part}
    if part.missing:
        # Read again after the record's version, so the page kept is no older than it.
        client = care_selectors.client_as_now(client)
        context |= record_page(client, is_own=True)
        # A former therapist's reading time runs out by the clock, not by a write.
        relationships = context["relationships"]
        reading = context["read_on_after_care"]
        assert isinstance(relationships, list) and isinstance(reading, set)
        part.until = min(
            (r.read_until for r in relationships if r.pk in reading and r.read_until),
            default=None,
        )
    return context


def record_page(client: User, *, is_own: bool) -> dict[str, object]:
    """What the client's home (is_own) or their therapist's overview of them shows."""
    goals = goal_selectors.goals_of(client)
    in_play = [g for g in goals if g.is_open]
    series = recent_series_for(in_play)
    open_goals = [
        OpenGoal(
            goal=goal,
            series=series[goal.pk],
            next_step=next((m for m in goal.milestones.all() if not m.is_done), None),
        )
        for goal in in_play
    ]
    today = local_today(client)
    relationships = list(care_team.care_relationships_of_client(client))
    return {
        "client": client,
        "is_own": is_own,
        "today": today,
        "relationships": relationships,
        "no_lead_therapist": care_team.has_no_lead_therapist(relationships),
        "read_on_after_care": care_team.read_on_after_care(relationships),
        "sessions": session_dates.session_dates_of(client, today),
        "vision": goal_selectors.vision_current(client),
        "open_goals": open_goals,
        "finished_count": len(goals) - len(in_play),
        "rhythm": progress_selectors.rhythm_of(client, today),
        "wins": progress_selectors.wins_of(client, limit=5),
        "shared_entries": [] if is_own else list(journal_selectors.shared_entries_of(client)[:5]),
        "latest_summary": session_selectors.latest_shared_summary(client),
        "open_agenda": session_selectors.open_agenda(client),
        "revisions": []
        if is_own
        else history.describe(goal_selectors.revisions_of_client(client, limit=10)),
        "cheers": sharing_selectors.cheers_for(client) if is_own else [],
        "supporters": [] if is_own else sharing_selectors.supporters_of(client),
        "after_therapy": is_own and _care_has_ended(relationships),
        # A client can support someone too: what others share with them.
        "shared_with_me": sharing_selectors.grants_received(client) if is_own else [],
        "measures_due": session_dates.measures_due_of(client, today) if is_own else [],
        "measure_scores": None if is_own else measure_selectors.scores_of(client),
        # The therapist's: open flags first, reviewed ones kept in the record.
        "risk_flags": [] if is_own else safety_selectors.risk_flags_of(client),
    }
