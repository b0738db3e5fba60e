"""Every group of radios or checkboxes is a fieldset whose legend asks the question."""

import re

import pytest
from django.urls import reverse


def group_of(page: str, name: str) -> str:
    """The fieldset around the inputs called `name`."""
    at = page.index(f'name="{name}"')
    start = page.rindex("<fieldset", 0, at)
    assert page.find("</fieldset>", start) > at, f"{name} is not inside a fieldset"
    return page[start : page.find("</fieldset>", start)]


@pytest.mark.parametrize(
    ("url_name", "args", "name", "legend"),
    [
        ("goals:vision_edit", [4], "focus_areas", "Focus areas"),
        ("goals:barrier_create", ["goal"], "kind", ""),
        ("goals:goal_edit", ["goal"], "reason", ""),
        ("journal:entry_create", [], "goals", "Is it about any of your goals?"),
        ("progress:checkin", [], "mood", "How are you feeling today?"),
    ],
)
def test_grouped_choices_have_a_fieldset_and_a_legend(
    client, ben, goal, url_name, args, name, legend
):
    client.force_login(ben)
    args = [goal.pk if arg == "goal" else arg for arg in args]
    page = client.get(reverse(url_name, args=args)).content.decode()
    group = group_of(page, name)
    found = re.search(r"<legend[^>]*>(.*?)</legend>", group, re.S)
    assert found and found.group(1).strip(), f"no legend for {name}"
    if legend:
        assert legend in found.group(1)


def test_a_groups_error_is_tied_to_it(client, ben, goal):
    client.force_login(ben)
    page = client.post(
        reverse("goals:barrier_create", args=[goal.pk]), {"kind": "nonsense"}
    ).content.decode()
    group = page[page.rindex("<fieldset", 0, page.index('name="kind"')) :]
    opening = group[: group.index(">")]
    assert re.search(r'aria-describedby="[^"]*id_kind_error', opening)
    assert 'id="id_kind_error"' in group
    assert 'class="form-errors"' in page  # the summary the script moves focus to


@pytest.mark.parametrize(
    ("url_name", "for_ben"),
    [
        ("goals:goal_create", True),
        ("journal:entry_create", False),
        ("progress:checkin", False),
        ("sharing:invite_create", False),
        ("progress:win_create", False),
    ],
)
def test_a_field_says_optional_once(client, ben, goal, url_name, for_ben):
    client.force_login(ben)
    page = client.get(reverse(url_name, args=[ben.pk] if for_ben else [])).content.decode()
    # One block per field or group heading, so each label is judged alone.
    blocks = re.split(r'<(?:div class="field|fieldset|legend)', page)[1:]
    assert blocks
    for block in blocks:
        words = re.sub(r"<[^>]+>", " ", block)  # what a person reads, not the markup
        assert words.lower().count("optional") <= 1, words[:300]
