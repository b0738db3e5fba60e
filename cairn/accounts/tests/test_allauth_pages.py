"""Every page and e-mail of the sign-in library speaks in Cairn's voice and layout."""

import re
from pathlib import Path

import allauth
import pytest
from django.core import mail
from django.template.loader import get_template
from django.template.loader_tags import ExtendsNode
from django.urls import reverse

from cairn.accounts.devices import device_name
from tests.factories import TEST_PASSWORD

ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"
CAIRN_BASE = Path(__file__).resolve().parents[2] / "core" / "templates" / "base.html"
# Parts of the library Cairn does not use (social sign-in, OpenID, passkeys, being an
# identity provider, phone numbers), and pieces that are not pages.
UNUSED = (
    "socialaccount/",
    "openid/",
    "idp/",
    "mfa/webauthn/",
    "/snippets/",
    "/email/",
    "/messages/",
)
PAGES = sorted(
    str(path.relative_to(ALLAUTH_TEMPLATES))
    for path in ALLAUTH_TEMPLATES.rglob("*.html")
    if not any(part in f"/{path.relative_to(ALLAUTH_TEMPLATES)}" for part in UNUSED)
    and not path.name.startswith("base")
    and "/elements/" not in str(path)
    and "/layouts/" not in str(path)
    and "phone" not in path.name
)
STOCK_TITLE_CASE = re.compile(
    r"Reset My Password|Sign In\b|Sign Out\b|Forgot Your Password|Change Password|"
    r"Email Addresses|Two-Factor Authentication|Started At|Remember Me|Sign Up\b"
)


def chain(name: str) -> list[Path]:
    """The files a template extends, itself first, as Django resolves them."""
    files = []
    template = get_template(name).template
    while True:
        files.append(Path(template.origin.name))
        extends = [node for node in template.nodelist if isinstance(node, ExtendsNode)]
        if not extends:
            return files
        template = get_template(extends[0].parent_name.resolve({})).template


def test_there_are_allauth_pages_to_check():
    assert len(PAGES) > 25 and "account/login.html" in PAGES


@pytest.mark.parametrize("name", PAGES)
def test_every_allauth_page_is_drawn_in_cairns_layout(name):
    assert CAIRN_BASE in chain(name)


@pytest.mark.parametrize(
    "url_name",
    [
        "account_login",
        "account_reset_password",
        "account_reset_password_done",
        "account_signup",
        "account_inactive",
    ],
)
def test_signed_out_pages_speak_in_sentence_case(client, url_name, practice):
    page = client.get(reverse(url_name), follow=True).content.decode()
    assert 'class="brand"' in page  # Cairn's header
    assert not STOCK_TITLE_CASE.search(page), STOCK_TITLE_CASE.search(page)
    assert not re.search(r"\w:\s*</label>", page)  # "Email", not "Email:"


@pytest.mark.parametrize(
    "url_name",
    [
        "account_change_password",
        "account_email",
        "usersessions_list",
        "account_logout",
    ],
)
def test_signed_in_account_pages_speak_in_sentence_case(client, ben, url_name):
    client.force_login(ben)
    page = client.get(reverse(url_name)).content.decode()
    assert 'class="brand"' in page
    assert not STOCK_TITLE_CASE.search(page), STOCK_TITLE_CASE.search(page)


def test_the_sign_in_page_shows_the_urgent_help_line(client, urgent_help):
    page = client.get(reverse("account_login")).content.decode()
    assert "If you need urgent help" in page
    assert urgent_help in page


def test_the_sessions_page_names_devices_not_user_agents(client, ben):
    agent = (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
    )
    client.post(
        reverse("account_login"),
        {"login": ben.email, "password": TEST_PASSWORD},
        HTTP_USER_AGENT=agent,
    )
    page = client.get(reverse("usersessions_list"), HTTP_USER_AGENT=agent).content.decode()
    assert "Chrome on Windows" in page
    assert "AppleWebKit" not in page


@pytest.mark.parametrize(
    ("agent", "name"),
    [
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
            "Safari on an iPhone",
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/124.0 Mobile Safari/537.36",
            "Chrome on Android",
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0",
            "Firefox on a Mac",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/124.0 Safari/537.36 Edg/124.0",
            "Edge on Windows",
        ),
        ("", "An unknown browser"),
        (None, "An unknown browser"),
    ],
)
def test_device_names(agent, name):
    assert device_name(agent) == name


def test_the_password_reset_email_names_cairn_and_the_practice(client, ben, practice):
    client.post(reverse("account_reset_password"), {"email": ben.email})
    message = mail.outbox[0]
    assert message.subject == "Cairn: Resetting your password"
    assert message.body.startswith(f"Hello from Cairn at {practice.name},")
    assert f"Cairn, for {practice.name}" in message.body
    assert "from !" not in message.body and "using !" not in message.body


def test_the_compiled_words_match_their_source():
    # locale/en_GB/LC_MESSAGES/django.mo is built from django.po with msgfmt; a change
    # to one without the other would show the library's stock words again.
    from django.conf import settings
    from django.utils.translation import gettext, pgettext

    po = (Path(settings.BASE_DIR) / "locale" / "en_GB" / "LC_MESSAGES" / "django.po").read_text()
    entries = re.findall(r'(?:msgctxt "(.*)"\n)?msgid "(.+)"\nmsgstr "(.+)"', po)
    assert len(entries) > 50
    for context, source, ours in entries:
        said = pgettext(context, source) if context else gettext(source)
        assert said == ours, source
