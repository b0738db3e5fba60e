from django.urls import reverse

from cairn.sessions import crypto
from cairn.sessions.models import SessionNote


def saved_note() -> str:
    return crypto.decrypt(SessionNote.objects.get().ciphertext)


def test_a_first_note_from_a_second_window_does_not_overwrite_the_first(
    client, ana, therapy_session
):
    url = reverse("sessions:session_note", args=[therapy_session.pk])
    client.force_login(ana)
    client.post(url, {"text": "From the first window"})
    response = client.post(url, {"text": "From the second window"})
    assert response.status_code == 409
    assert "From the first window" in response.content.decode()  # shown to merge by hand
    assert saved_note() == "From the first window"
    version = SessionNote.objects.get().version
    client.post(url, {"text": "Both, merged", "version": str(version)})
    assert saved_note() == "Both, merged"
