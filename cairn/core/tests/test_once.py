"""Save pressed again after a lost answer creates nothing twice."""

import re

import pytest
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from cairn.goals.models import Goal, GoalComment
from cairn.goals.tests.factories import new_goal_answers
from cairn.journal.models import JournalEntry
from cairn.progress.models import Win
from cairn.sessions.models import AgendaItem

TODAY = timezone.localdate()


def goal_form(f):
    return new_goal_answers()


# name: (form page, where it posts, the answers, what it creates)
FORMS = {
    "journal entry": (
        reverse_lazy("journal:entry_create"),
        reverse_lazy("journal:entry_create"),
        lambda f: {"body": "A calm day"},
        JournalEntry,
    ),
    "win": (
        reverse_lazy("progress:win_create"),
        reverse_lazy("progress:win_create"),
        lambda f: {"text": "Went for a swim", "happened_on": TODAY.isoformat()},
        Win,
    ),
    "agenda item": (
        reverse_lazy("sessions:agenda_create"),
        reverse_lazy("sessions:agenda_create"),
        lambda f: {"text": "Work deadlines"},
        AgendaItem,
    ),
    "comment": (
        lambda f: reverse("goals:goal_detail", args=[f.pk]),
        lambda f: reverse("goals:comment_create", args=[f.pk]),
        lambda f: {"text": "Proud of this one"},
        GoalComment,
    ),
    "goal": (
        lambda f: reverse("goals:goal_create", args=[f.client_id]),
        lambda f: reverse("goals:goal_create", args=[f.client_id]),
        goal_form,
        Goal,
    ),
}


def resolve(value, goal):
    return value(goal) if callable(value) else value


@pytest.mark.parametrize("name", sorted(FORMS))
def test_a_repeated_create_with_the_same_key_creates_one_record(client, ben, goal, name):
    page, action, answers, model = FORMS[name]
    client.force_login(ben)
    form_page = client.get(resolve(page, goal)).content.decode()
    key = re.search(r'name="once" value="([0-9a-f-]{36})"', form_page).group(1)
    before = model.objects.count()
    data = {**answers(goal), "once": key}

    first = client.post(resolve(action, goal), data)
    assert first.status_code == 302
    # The answer was lost; the person presses Save again with the same form.
    again = client.post(resolve(action, goal), data)
    assert again.status_code == 302
    assert again["Location"] == first["Location"]  # to what the first press made
    assert model.objects.count() == before + 1

    # A fresh form (a new key) creates a second one, as it should.
    client.post(
        resolve(action, goal), {**answers(goal), "once": "8b0e7c1e-34b5-4f35-9a32-5a0f1d7e6c11"}
    )
    assert model.objects.count() == before + 2


def test_someone_elses_key_does_not_lead_to_their_record(client, ben, dana, goal):
    client.force_login(ben)
    key = "0f5a4f1c-6d62-4a53-8d1e-3b7a5c2d9e10"
    client.post(reverse("journal:entry_create"), {"body": "Ben's words", "once": key})
    client.force_login(dana)
    response = client.post(reverse("journal:entry_create"), {"body": "Dana's words", "once": key})
    assert response.status_code == 302
    assert JournalEntry.objects.filter(client=dana).count() == 1
    assert str(JournalEntry.objects.get(client=ben).pk) not in response["Location"]
