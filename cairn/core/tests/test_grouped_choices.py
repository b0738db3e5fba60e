"""Every group of radios or checkboxes is a fieldset whose legend asks the question."""

import re

import pytest


def group_of(page: str, name: str) -> str:
    """The fieldset around the inputs called `name`."""
    at = page.index(f'name="{name}"')
    start = page.rindex("<fieldset", 0, at)
    assert page.find("</fieldset>", start) > at, f"{name} is not inside a fieldset"
    return page[start : page.find("</fieldset>", start)]


@pytest.mark.parametrize(
    ("path", "name", "legend"),
    [
        ("/vision/edit/4/", "focus_areas", "Focus areas"),
        ("/goals/{goal}/barriers/new/", "kind", ""),
        ("/goals/{goal}/edit/", "reason", ""),
        ("/journal/new/", "goals", "Is it about any of your goals?"),
        ("/checkin/", "mood", "How are you feeling today?"),
    ],
)
def test_grouped_choices_have_a_fieldset_and_a_legend(client, ben, goal, path, name, legend):
    client.force_login(ben)
    page = client.get(path.format(goal=goal.pk)).content.decode()
    group = group_of(page, name)
    found = re.search(r"<legend[^>]*>(.*?)</legend>", group, re.S)
    assert found and found.group(1).strip(), f"no legend for {name}"
    if legend:
        assert legend in found.group(1)


def test_a_groups_error_is_tied_to_it(client, ben, goal):
    client.force_login(ben)
    page = client.post(f"/goals/{goal.pk}/barriers/new/", {"kind": "nonsense"}).content.decode()
    group = page[page.rindex("<fieldset", 0, page.index('name="kind"')) :]
    opening = group[: group.index(">")]
    assert re.search(r'aria-describedby="[^"]*id_kind_error', opening)
    assert 'id="id_kind_error"' in group
    assert 'class="form-errors"' in page  # the summary the script moves focus to


@pytest.mark.parametrize(
    "path",
    ["/clients/{ben}/goals/new/", "/journal/new/", "/checkin/", "/sharing/invite/", "/wins/new/"],
)
def test_a_field_says_optional_once(client, ben, goal, path):
    client.force_login(ben)
    page = client.get(path.format(ben=ben.pk)).content.decode()
    # One block per field or group heading, so each label is judged alone.
    blocks = re.split(r'<(?:div class="field|fieldset|legend)', page)[1:]
    assert blocks
    for block in blocks:
        words = re.sub(r"<[^>]+>", " ", block)  # what a person reads, not the markup
        assert words.lower().count("optional") <= 1, words[:300]
