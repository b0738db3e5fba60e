from django.urls import reverse

from cairn.care.models import Practice
from tests.page import words

FIELDS = {
    "name": "Willowbank Therapy",
    "address": "3 Millpond Lane",
    "phone": "01632 960 733",
    "opening_hours": "Weekdays 9 to 6",
    "former_therapist_read_years": "7",
}


def test_the_admin_edits_the_practice_profile(client, ed, practice):
    client.force_login(ed)
    response = client.post(
        reverse("care:practice_edit"),
        FIELDS | {"phone": "01632 960 999", "version": practice.version},
    )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.phone == "01632 960 999"


def test_members_see_the_profile_with_what_to_do_in_urgent_need(client, ben, practice, urgent_help):
    client.force_login(ben)
    # The profile itself, not the footer that names the practice and its words on every page.
    page = words(client.get(reverse("care:practice_detail")), within="main")
    assert "Willowbank Therapy" in page
    assert f"If you need urgent help {urgent_help}" in page


def test_the_form_leaves_crisis_help_to_the_crisis_settings_page(client, ed):
    client.force_login(ed)
    response = client.get(reverse("care:practice_edit"))
    # One home for what to do in urgent need: the practice form points there.
    labels = " ".join(str(field.label) for field in response.context["form"]).lower()
    assert "crisis" not in labels and "urgent" not in labels
    assert "if they need urgent help" in words(response, within="main")
    assert f'href="{reverse("safety:crisis_settings")}"' in response.content.decode()


def test_a_second_save_from_an_old_page_is_refused_and_shows_both(client, ed, practice):
    client.force_login(ed)
    seen_version = practice.version
    client.post(
        reverse("care:practice_edit"), FIELDS | {"phone": "01632 960 111", "version": seen_version}
    )
    response = client.post(
        reverse("care:practice_edit"), FIELDS | {"phone": "01632 960 222", "version": seen_version}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved these details" in page
    assert "01632 960 111" in page and "01632 960 222" in page
    practice.refresh_from_db()
    assert practice.phone == "01632 960 111"


def test_a_missing_name_names_the_field_and_saves_nothing(client, ed, practice):
    client.force_login(ed)
    response = client.post(
        reverse("care:practice_edit"), FIELDS | {"name": "", "version": practice.version}
    )
    assert response.status_code == 200
    assert "Please give the practice's name." in words(response, within="main")
    assert Practice.objects.get(pk=practice.pk).name == "Willowbank Therapy"


def test_script_in_a_field_is_shown_escaped(client, ed, ben, practice):
    client.force_login(ed)
    client.post(
        reverse("care:practice_edit"),
        FIELDS | {"opening_hours": "<script>alert(1)</script>", "version": practice.version},
    )
    client.force_login(ben)
    page = client.get(reverse("care:practice_detail")).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_only_the_admin_may_edit(client, ana, ben, fay):
    # A page one may not use answers 403, to a supporter of no practice too: it hides
    # nothing, as the people page and the audit log do not.
    for person, status in ((ana, 403), (ben, 403), (fay, 403)):
        client.force_login(person)
        assert client.get(reverse("care:practice_edit")).status_code == status


def test_only_the_admin_is_offered_the_edit_link(client, ed, ana, ben):
    for person, offered in ((ed, True), (ana, False), (ben, False)):
        client.force_login(person)
        page = client.get(reverse("care:practice_detail")).content.decode()
        assert (f'"{reverse("care:practice_edit")}"' in page) is offered
