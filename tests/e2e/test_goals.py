"""A client and their therapist take a vague wish to an agreed SMART goal."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import check_page

pytestmark = pytest.mark.e2e


def coach_item(page, letter):
    return page.locator(f'#smart-coach [data-letter="{letter}"]')


def test_from_a_vague_wish_to_an_agreed_smart_goal_with_a_plan_and_a_celebration(new_page):
    client = new_page("client2@example.org")
    client.get_by_role("link", name="My goals").first.click()
    client.get_by_role("link", name="Write a new goal").click()

    # The coach watches as the goal is written.
    client.get_by_label("Your goal in a sentence").fill("I want to feel better")
    for letter in ("specific", "measurable", "time_bound"):
        expect(coach_item(client, letter)).to_have_class(re.compile("coach__item--not-yet"))
    check_page(client, "goal-form-vague")

    client.get_by_label("Your goal in a sentence").fill(
        "Walk round the park for 20 minutes three times a week"
    )
    client.get_by_label("Why does this matter to you?").fill(
        "Walking clears my head before the week starts"
    )
    client.get_by_label(re.compile("How confident")).fill("8")
    client.get_by_label("Target date").fill((date.today() + timedelta(days=80)).isoformat())
    for letter in ("specific", "measurable", "achievable", "relevant", "time_bound"):
        expect(coach_item(client, letter)).to_have_class(re.compile("coach__item--met"))
    check_page(client, "goal-form-smart")
    client.get_by_role("button", name="Save my goal").click()
    expect(client.get_by_role("heading", level=1)).to_have_text(
        "Walk round the park for 20 minutes three times a week"
    )
    expect(client.get_by_text("It becomes active once the therapist agrees.")).to_be_visible()
    goal_url = client.url

    # The therapist agrees in their own browser.
    therapist = new_page("therapist@example.org", totp=True)
    therapist.goto(goal_url)
    therapist.get_by_role("button", name="I agree to this goal").click()
    expect(therapist.get_by_text("agreed by Dr Idris Fenwick")).to_be_visible()

    # A barrier, and a plan that answers it.
    client.reload()
    client.get_by_role("link", name="Add something that might get in the way").click()
    client.get_by_label("A place, time or trigger").check()
    client.get_by_label("What might get in the way").fill("Dark evenings in winter")
    client.get_by_role("button", name="Save").click()
    expect(client.get_by_text("No plan for this one yet")).to_be_visible()
    client.get_by_role("link", name=re.compile("Write an if-then plan for")).click()
    check_page(client, "plan-form")
    client.get_by_label("If…").fill("it's already dark when I get home")
    client.get_by_label("…then I will").fill("walk the lit path along the high street")
    client.get_by_role("button", name="Save the plan").click()
    expect(client.get_by_text("No plan for this one yet")).to_have_count(0)

    # A step on the way, done and celebrated.
    client.get_by_role("link", name="Add a step").click()
    client.get_by_label("Step").fill("Walk once this week")
    client.get_by_label("My reward when I get there").fill("A film on Friday")
    client.get_by_role("button", name="Save the step").click()
    client.get_by_role("button", name=re.compile("Mark done")).click()
    celebration = client.get_by_role("status").filter(has_text="You did it")
    expect(celebration).to_contain_text("A film on Friday")
    expect(celebration).to_contain_text("1 of 1 step")
    check_page(client, "goal-detail-celebration")

    # Revise with a reason, then read the history. (Why it matters is the client's own:
    # it changes at once; a new wording of an agreed goal would wait for the therapist.)
    client.get_by_role("link", name="Change this goal").click()
    client.get_by_label("Why does this matter to you?").fill(
        "I want to sleep better and enjoy weekends twice a week with my family"
    )
    client.get_by_label("Life changed").check()
    client.get_by_role("button", name="Save the change").click()
    client.get_by_role("link", name="History of changes").click()
    expect(client.get_by_text("Life changed").first).to_be_visible()
    expect(client.locator("ins").filter(has_text="twice a week").first).to_be_visible()
    check_page(client, "goal-history")


def test_two_people_editing_at_once_see_a_conflict_and_lose_nothing(new_page):
    client = new_page("client@example.org")
    therapist = new_page("therapist@example.org", totp=True)

    client.get_by_role("link", name="My goals").first.click()
    client.get_by_role("link", name=re.compile("Speak up once")).click()
    goal_url = client.url
    client.get_by_role("link", name="Change this goal").click()
    therapist.goto(goal_url)
    therapist.get_by_role("link", name="Change this goal").click()

    # Why it matters changes at once (the wording of an agreed goal waits for agreement).
    therapist.get_by_label("Why does this matter to you?").fill("To be heard at work")
    therapist.get_by_label("Life changed").check()  # no reason is chosen for anyone
    therapist.get_by_role("button", name="Save the change").click()
    expect(therapist.get_by_text("To be heard at work")).to_be_visible()

    client.get_by_label("Why does this matter to you?").fill("So my ideas count at work")
    client.get_by_label("Life changed").check()
    client.get_by_role("button", name="Save the change").click()
    expect(
        client.get_by_role("alert").filter(has_text="Someone else changed this goal")
    ).to_be_visible()
    # Saved now beside theirs, and again in what the last save changed.
    expect(client.get_by_role("cell", name="To be heard at work")).to_have_count(2)
    expect(client.locator("#conflict-last-save")).to_contain_text("To be heard at work")
    expect(client.get_by_label("Why does this matter to you?")).to_have_value(
        "So my ideas count at work"
    )
    check_page(client, "goal-conflict")

    client.get_by_role("button", name="Save the change").click()
    expect(client.get_by_text("So my ideas count at work")).to_be_visible()
