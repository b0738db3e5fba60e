from django.urls import reverse

from tests.page import headings


def coach(client, answers: dict[str, str]):
    """What the coach says as the person types these answers (an htmx request)."""
    return client.post(reverse("goals:smart_coach"), answers, HTTP_HX_REQUEST="true")


def test_the_coach_answers_as_the_person_types(client, ben):
    client.force_login(ben)
    vague = coach(client, {"title": "I want to feel better"})
    page = vague.content.decode()
    assert vague.status_code == 200
    for letter in ("specific", "measurable", "time_bound"):
        assert f'coach__item--not-yet" data-letter="{letter}"' in page
    assert 'coach__item--unknown" data-letter="achievable"' in page  # no confidence given yet
    assert "<html" not in page  # a fragment, not a page

    sharper = coach(
        client,
        {
            "title": "Walk round the park for 20 minutes three times a week",
            "why_it_matters": "For my kids",
            "confidence": "8",
        },
    ).content.decode()
    panel = sharper.split('id="coach-summary"')[0]  # the phone summary repeats the letters
    assert sharper.count("coach__item--not-yet") == 0
    assert panel.count("coach__item--met") == 5


def test_the_coach_stores_nothing(client, ben):
    from cairn.core.models import AuditEvent
    from cairn.goals.models import Goal

    client.force_login(ben)
    client.post(reverse("goals:smart_coach"), {"title": "Walk daily"})
    assert not Goal.objects.exists()
    assert not AuditEvent.objects.filter(object_type="goal").exists()


def test_the_phone_summary_sits_in_the_form_and_follows_the_typing(client, ben):
    client.force_login(ben)
    page = client.get(reverse("goals:goal_create", args=[ben.pk])).content.decode()
    start = page.index('id="goal-form"')
    form = page[start : page.index("</form>", start)]
    assert 'id="coach-summary"' in form  # inside the form, next to the fields
    live = coach(client, {"title": "Sort my life out", "confidence": ""}).content.decode()
    assert 'id="coach-summary" class="coach-summary" hx-swap-oob="true"' in live
    assert "Specific: not yet" in live
    assert "How sure are you, from 0 to 10" in live  # it asks for the confidence


def test_no_suggestion_under_a_met_letter_on_screen(client, ben):
    client.force_login(ben)
    page = coach(
        client,
        {
            "title": "Walk round the park for 20 minutes three times a week.",
            "why_it_matters": "So I can keep up with my kids.",
            "confidence": "8",
        },
    ).content.decode()
    assert page.count("coach__item--met") == 5 + 5  # the panel and the phone summary
    assert "coach__suggestion" not in page


def test_the_coach_is_on_the_page_where_a_goal_is_changed(client, ben, goal):
    client.force_login(ben)
    response = client.get(reverse("goals:goal_edit", args=[goal.pk]))
    page = response.content.decode()
    assert "Your SMART coach" in headings(response)
    assert 'id="smart-coach"' in page and 'id="goal-form"' in page  # the coach follows the form


def test_the_pages_that_explain_achievable_say_the_sureness_the_coach_judges_by(client, ben, goal):
    from cairn.goals.smart import CONFIDENT_FROM, check_goal
    from tests.page import words

    today = goal.start_date
    assert check_goal(text="Call my sister", confidence=CONFIDENT_FROM, today=today)[
        "achievable"
    ].met
    assert not check_goal(text="Call my sister", confidence=CONFIDENT_FROM - 1, today=today)[
        "achievable"
    ].met
    client.force_login(ben)
    said = f"at least {CONFIDENT_FROM} out of 10 sure"
    for page in (
        reverse("goals:help"),
        reverse("goals:goal_create", args=[ben.pk]),
        reverse("goals:goal_detail", args=[goal.pk]),
        reverse("goals:goal_edit", args=[goal.pk]),
    ):
        assert said in words(client.get(page)), page
