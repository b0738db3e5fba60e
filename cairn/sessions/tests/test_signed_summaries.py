"""A shared summary is its author's: drafts, signing, every version kept, and after
signing only dated, attributed addenda."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cairn.sessions import services
from cairn.sessions.models import SummaryAddendum, SummaryVersion
from cairn.sessions.tests.factories import TherapySessionFactory
from tests.factories import care
from tests.page import words


def summary(client, session, text, *, sign=False, homework=""):
    data = {"summary": text, "homework": homework, "version": session.version}
    if sign:
        data["sign"] = "1"
    response = client.post(reverse("sessions:session_summary", args=[session.pk]), data)
    session.refresh_from_db()
    return response


def reads_table_of(queries, model):
    """Whether any of the queries captured reads or writes `model`'s table."""
    return any(model._meta.db_table in query["sql"] for query in queries.captured_queries)


def test_the_client_sees_a_summary_only_once_it_is_signed(client, ana, ben, therapy_session):
    client.force_login(ana)
    summary(client, therapy_session, "A draft about Sundays")
    client.force_login(ben)
    assert "A draft about Sundays" not in client.get(reverse("home:home")).content.decode()
    assert (
        "A draft about Sundays"
        not in client.get(
            reverse("sessions:session_detail", args=[therapy_session.pk])
        ).content.decode()
    )
    client.force_login(ana)
    summary(client, therapy_session, "We talked about Sundays", sign=True)
    client.force_login(ben)
    home = client.get(reverse("home:home")).content.decode()
    assert "We talked about Sundays" in home and "Signed by Ana Thornbury" in home


def test_every_version_is_kept_and_shown(client, ana, therapy_session):
    client.force_login(ana)
    summary(client, therapy_session, "First try")
    summary(client, therapy_session, "Second try")
    summary(client, therapy_session, "Final words", sign=True)
    versions = list(SummaryVersion.objects.order_by("number").values_list("summary", "signed"))
    assert versions == [("First try", False), ("Second try", False), ("Final words", True)]
    page = client.get(
        reverse("sessions:session_detail", args=[therapy_session.pk])
    ).content.decode()
    assert "First try" in page and "Second try" in page and "Version 3, signed" in page


def test_the_client_reads_the_signed_summary_not_its_drafts(client, ana, ben, therapy_session):
    client.force_login(ana)
    summary(client, therapy_session, "First try")
    summary(client, therapy_session, "Final words", sign=True)
    client.force_login(ben)
    page = client.get(
        reverse("sessions:session_detail", args=[therapy_session.pk])
    ).content.decode()
    assert "Final words" in page
    assert "First try" not in page and "Every version of the summary" not in page


def test_a_signed_summary_cannot_be_edited_even_by_its_author(client, ana, therapy_session):
    client.force_login(ana)
    summary(client, therapy_session, "Final words", sign=True)
    response = summary(client, therapy_session, "Rewritten")
    assert response.status_code == 403
    assert therapy_session.summary == "Final words"


def test_a_second_therapist_cannot_edit_and_adds_a_dated_addendum(
    client, ana, cara, ben, therapy_session
):
    care(cara, ben)  # Cara joins as a co-therapist who may treat
    client.force_login(ana)
    summary(client, therapy_session, "Final words", sign=True)
    client.force_login(cara)
    assert (
        client.get(reverse("sessions:session_summary", args=[therapy_session.pk])).status_code
        == 403
    )
    assert summary(client, therapy_session, "Cara's version").status_code == 403
    assert therapy_session.summary == "Final words"
    response = client.post(
        reverse("sessions:session_addendum", args=[therapy_session.pk]),
        {"text": "Ben phoned: the walk went well."},
    )
    assert response.status_code == 302
    addendum = SummaryAddendum.objects.get()
    assert addendum.author == cara
    client.force_login(ben)
    page = client.get(
        reverse("sessions:session_detail", args=[therapy_session.pk])
    ).content.decode()
    day = addendum.created_at
    assert f"Addendum, {day.day} {day:%B %Y}, by Cara Delacourt" in page
    assert "Ben phoned: the walk went well." in page


def test_a_second_therapist_cannot_edit_an_unsigned_summary_either(
    client, ana, cara, ben, therapy_session
):
    care(cara, ben)
    client.force_login(ana)
    summary(client, therapy_session, "Draft words")
    client.force_login(cara)
    assert summary(client, therapy_session, "Overwritten").status_code == 403
    assert therapy_session.summary == "Draft words"


def test_an_addendum_to_an_unsigned_summary_is_refused(client, ana, therapy_session):
    client.force_login(ana)
    summary(client, therapy_session, "Draft words")
    response = client.post(
        reverse("sessions:session_addendum", args=[therapy_session.pk]), {"text": "More"}
    )
    assert response.status_code == 400
    assert "isn&#x27;t signed yet" in response.content.decode()
    assert not SummaryAddendum.objects.exists()


def test_signing_an_empty_summary_is_refused(client, ana, therapy_session):
    client.force_login(ana)
    response = summary(client, therapy_session, "", sign=True)
    assert "Please write the summary before signing it." in response.content.decode()
    assert therapy_session.summary_signed_at is None
    assert not SummaryVersion.objects.exists()


def test_the_client_s_page_does_not_read_the_summary_s_versions(
    client, ana, ben, therapy_session, django_assert_max_num_queries
):
    client.force_login(ana)
    summary(client, therapy_session, "First try")
    summary(client, therapy_session, "Final words", sign=True)
    client.force_login(ben)
    # The versions are the therapists' to read: the client's page does not load them.
    # The summary's author comes with the session, not in a query of its own.
    with django_assert_max_num_queries(9) as queries:
        page = client.get(reverse("sessions:session_detail", args=[therapy_session.pk]))
    assert "Final words" in page.content.decode()
    assert not reads_table_of(queries, SummaryVersion)


def test_an_unsigned_session_s_page_does_not_read_addenda(
    client, ana, ben, django_assert_num_queries
):
    session = TherapySessionFactory(
        client=ben, therapist=ana, status="held", summary="Sundays", summary_author=ana
    )
    client.force_login(ana)
    # Addenda go below a signed summary only: before it is signed, the page reads none.
    # Thirteen: the login's four, the session with the draft's author, its access check
    # and audit (four), the versions, the private note, the agenda discussed, the unread
    # notifications' count and the practice's crisis settings (the footer's words).
    with django_assert_num_queries(13) as queries:
        page = client.get(reverse("sessions:session_detail", args=[session.pk]))
    assert "A draft by Ana Thornbury, not signed yet" in page.content.decode()
    assert not reads_table_of(queries, SummaryAddendum)


def test_a_page_without_a_summary_costs_what_a_draft_s_page_costs(
    client, ana, therapy_session, django_assert_num_queries
):
    client.force_login(ana)
    # The author's join finds nobody; it adds no query: the same thirteen as a draft's page.
    with django_assert_num_queries(13):
        page = client.get(reverse("sessions:session_detail", args=[therapy_session.pk]))
    assert "Not written yet." in page.content.decode()


def test_only_the_therapist_who_holds_the_session_changes_its_time(
    client, ana, ben, cara, therapy_session
):
    care(cara, ben)  # Cara treats Ben too, but the session is Ana's
    page = reverse("sessions:session_detail", args=[therapy_session.pk])
    client.force_login(cara)
    assert not client.get(page).context["is_author"]
    client.force_login(ana)
    assert client.get(page).context["is_author"]


def test_the_services_refuse_a_session_to_another_treating_therapist(
    ana, ben, cara, therapy_session
):
    # A caller that skips the pages (a script, a later page) is refused all the same.
    care(cara, ben)  # Cara treats Ben too, but the session is Ana's
    with pytest.raises(PermissionDenied):
        services.summary_save(
            session=therapy_session,
            by=cara,
            summary="Overwritten",
            homework="",
            version=therapy_session.version,
        )
    with pytest.raises(PermissionDenied):
        services.session_update(
            session=therapy_session, by=cara, version=therapy_session.version, length_minutes=90
        )
    therapy_session.refresh_from_db()
    assert therapy_session.summary == "" and therapy_session.length_minutes == 50


def test_the_holder_is_offered_the_summary_until_they_sign_it(
    client, ana, ben, cara, therapy_session
):
    care(cara, ben)  # Cara treats Ben too, but the session is Ana's
    page = reverse("sessions:session_detail", args=[therapy_session.pk])
    client.force_login(cara)
    assert "summary for" not in words(client.get(page), within="main")
    client.force_login(ana)
    assert "Write a summary for Ben Marchetti" in words(client.get(page), within="main")
    summary(client, therapy_session, "A draft about Sundays")
    assert "Edit the draft summary" in words(client.get(page), within="main")
    summary(client, therapy_session, "We talked about Sundays", sign=True)
    # Signed: what follows is an addendum.
    offered = words(client.get(page), within="main")
    assert "Edit the draft summary" not in offered and "Add the addendum" in offered
