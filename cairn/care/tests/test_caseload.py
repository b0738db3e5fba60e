from cairn.care.models import Role
from tests.factories import care, member


def add_clients(practice, therapist, count: int, batch: str) -> None:
    for number in range(count):
        care(therapist, member(practice, Role.CLIENT, email=f"{batch}{number}@example.test"))


def test_the_therapist_sees_their_clients_only(client, ana, ben, dana):
    client.force_login(ana)
    page = client.get("/").content.decode()
    assert "Ben Marchetti" in page
    assert "Dana Okonkwo-Reyes" not in page


def test_the_home_page_queries_do_not_grow_with_the_caseload(
    client, practice, ana, django_assert_num_queries
):
    add_clients(practice, ana, 3, batch="few")
    client.force_login(ana)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/")
    add_clients(practice, ana, 40, batch="many")
    with CaptureQueriesContext(connection) as many:
        page = client.get("/").content.decode()
    assert page.count("/clients/") >= 43
    assert len(many) == len(few)
