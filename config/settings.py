"""Cairn's settings: one file, read from the environment.

Without any environment variable Cairn runs locally on SQLite with a generated
secret key kept in `var/`. Production sets SECRET_KEY, ALLOWED_HOSTS and usually
DATABASE_URL, REDIS_URL and EMAIL_URL; see README.md.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import unquote, urlparse

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CAIRN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def private_file(path: Path, text: str = "") -> None:
    """Creates `path` readable by its owner only (0600) from the first byte on."""
    VAR_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(text)


def generated_secret_key() -> str:
    """A key generated once per checkout, so sessions survive restarts locally."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        private_file(path, secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or generated_secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Set by the test runner (the root conftest.py), never by `make run`: static files
# are served from the source tree (no collectstatic) and plain HTTP is fine.
TESTING = env_bool("CAIRN_TESTING", False)

# Behind TLS (every real deployment) these are on; `make run` serves plain HTTP
# on localhost and turns them off with CAIRN_HTTPS=false.
HTTPS = env_bool("CAIRN_HTTPS", not TESTING)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks_db",
    "ninja",
    # Cairn's apps come before allauth so that their templates override allauth's.
    "cairn.core",
    "cairn.accounts",
    "cairn.care",
    "cairn.goals",
    "cairn.progress",
    "cairn.journal",
    "cairn.routines",
    "cairn.measures",
    "cairn.sessions",
    "cairn.sharing",
    "cairn.safety",
    "cairn.reminders",
    "cairn.interop",
    "cairn.home",
    "cairn.api",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "cairn.core.middleware.RefuseNulMiddleware",
    # Outside the session middleware: the session's save and a read's audit events
    # share the request's one commit.
    "cairn.core.one_commit.OneCommitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "cairn.core.middleware.RequestContextMiddleware",
    "cairn.core.middleware.NoStoreMiddleware",
    "cairn.core.middleware.DraftSavedMiddleware",
    "cairn.accounts.middleware.SessionLifetimeMiddleware",
    "cairn.care.middleware.MfaEnrolmentMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cairn" / "core" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cairn.home.context_processors.navigation",
                "cairn.reminders.context_processors.bell",
                "cairn.safety.context_processors.support",
            ],
        },
    },
]

# Database: SQLite unless DATABASE_URL says otherwise.
# How long a request waits for SQLite's write lock before giving up: long enough
# that a page waits behind a backup or a burst of writes rather than failing,
# short enough to stay inside gunicorn's worker timeout (scripts/run.sh: 60 s).
CAIRN_DB_BUSY_SECONDS = int(os.environ.get("CAIRN_DB_BUSY_SECONDS", "30"))
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=600)}
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    SQLITE_PATH = Path(os.environ.get("CAIRN_SQLITE_PATH", str(VAR_DIR / "cairn.sqlite3")))
    if not SQLITE_PATH.exists():
        # An empty file is an empty database; SQLite gives its -wal and -shm files
        # the same mode, so nobody else on the machine can read any of them.
        SQLITE_PATH.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(SQLITE_PATH, os.O_WRONLY | os.O_CREAT, 0o600)
        os.close(descriptor)
    DATABASES = {
        "default": {
            "ENGINE": "cairn.core.sqlite3",
            "NAME": str(SQLITE_PATH),
            "OPTIONS": {
                # WAL lets readers work while one writer writes; FULL makes an
                # acknowledged write survive power loss, not only a crash. The
                # busy timeout is set only by "timeout" (a PRAGMA here would
                # override it).
                "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=FULL;PRAGMA foreign_keys=ON",
                # IMMEDIATE takes the write lock at BEGIN, so a writer waits for
                # it there instead of failing halfway through its transaction.
                "transaction_mode": "IMMEDIATE",
                "timeout": CAIRN_DB_BUSY_SECONDS,
            },
            # Kept open between requests, as on PostgreSQL: opening one runs the
            # PRAGMAs above and registers Django's SQL functions on every request.
            "CONN_MAX_AGE": int(os.environ.get("CAIRN_DB_CONN_MAX_AGE", "600")),
            "CONN_HEALTH_CHECKS": True,
            # A file, not memory, so the browser tests' live server uses its own
            # connection in its own thread, as the real server does.
            "TEST": {"NAME": str(VAR_DIR / "test.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: shared by every worker process, so rate-limit counters hold across them.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cairn_cache",
        }
    }

# Background work: a database-backed queue with its own worker (`db_worker`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["email", "name"]},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "account_login"

# Accounts (django-allauth). Nobody signs up on their own: people join through
# an invitation from their practice.
ACCOUNT_ADAPTER = "cairn.care.adapter.PracticeAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Cairn: "
ACCOUNT_RATE_LIMITS = {
    # Failed sign-ins and authenticator codes are throttled by cairn.accounts.throttle
    # (growing waits per account and per client address, codes apart), not by a
    # shared hard lock. The other counters live in the shared cache too.
    "login_failed": None,
    # Only a flood guard on the sign-in form; the throttle above does the real work.
    "login": "120/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Cairn"
# One 30-second step either side, for phones whose clocks drift a little (and for a
# code typed just as it changes).
MFA_TOTP_TOLERANCE = 1
MFA_ADAPTER = "allauth.mfa.adapter.DefaultMFAAdapter"
MFA_FORMS = {"authenticate": "cairn.accounts.forms.AuthenticatorCodeForm"}

# Sessions: 30 minutes idle (the cookie is renewed on each request) and
# 12 hours at most from sign-in (SessionLifetimeMiddleware).
SESSION_ENGINE = "cairn.accounts.session_store"
SESSION_COOKIE_AGE = 30 * 60
# The idle timer is renewed at most once a minute (accounts.middleware), not on
# every request, so a page that only reads writes nothing for the session.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CAIRN_SESSION_MAX_AGE = 12 * 60 * 60
# Flash messages stay on the server, never in a cookie (and hold no clinical words).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Security headers.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("CAIRN_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Static files, served by whitenoise with hashed names.
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING


# Email: console by default; SMTP from EMAIL_URL, like
# smtp+tls://user:password@mail.example.org:587 (smtps:// for implicit TLS).
def mailer_from_url(url: str) -> dict[str, object]:
    if not url:
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    parsed = urlparse(url)
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": parsed.hostname or "localhost",
            "port": parsed.port or (465 if parsed.scheme == "smtps" else 587),
            "username": unquote(parsed.username or ""),
            "password": unquote(parsed.password or ""),
            "use_tls": parsed.scheme == "smtp+tls",
            "use_ssl": parsed.scheme == "smtps",
            "timeout": 20,
        },
    }


MAILERS = {"default": mailer_from_url(os.environ.get("EMAIL_URL", ""))}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Cairn <cairn@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
# Cairn's own words for the sign-in library's (sentence case, plain words).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

# Product settings.


CAIRN_NOTE_KEY_FILE = VAR_DIR / "note_keys"


def note_keys_file() -> Path | None:
    """Where the note keys are read from: the file CAIRN_NOTE_KEYS names (a path,
    since Fernet keys never hold a "/"), the demo's file in var/ when it is unset, or
    nowhere when it holds the keys themselves. The demo's file is written by
    cairn.sessions.crypto when the first note is saved, and never while encrypted
    notes exist (a new key could read none of them). Production keeps the keys away
    from the database and its backups (`check --deploy` fails otherwise)."""
    value = os.environ.get("CAIRN_NOTE_KEYS", "").strip()
    if "/" in value:
        return Path(value)
    if value:
        return None
    return CAIRN_NOTE_KEY_FILE


def keys_in(path: Path | None) -> list[str]:
    if path is None or not path.exists():
        return []
    return [k.strip() for k in path.read_text().split(",") if k.strip()]


CAIRN_NOTE_KEYS_FILE = note_keys_file()
CAIRN_NOTE_KEYS_GENERATED = not os.environ.get("CAIRN_NOTE_KEYS", "").strip()
CAIRN_NOTE_KEYS = (
    keys_in(CAIRN_NOTE_KEYS_FILE)
    if CAIRN_NOTE_KEYS_FILE is not None
    else env_list("CAIRN_NOTE_KEYS", "")
)
# How many proxies (Caddy, nginx, a load balancer) stand between the internet and
# Cairn: each adds the address it saw to X-Forwarded-For, and Cairn takes the
# client's address that many entries from the right. 0 ignores the header.
CAIRN_TRUSTED_PROXIES = int(os.environ.get("CAIRN_TRUSTED_PROXIES", "0") or "0")
CAIRN_INVITATION_DAYS = int(os.environ.get("CAIRN_INVITATION_DAYS", "7"))
CAIRN_SITE_URL = os.environ.get("CAIRN_SITE_URL", "http://127.0.0.1:8000")
# Calls a minute per personal access token.
CAIRN_API_RATE_PER_MINUTE = int(os.environ.get("CAIRN_API_RATE_PER_MINUTE", "120"))
# The Chromium that prints reports to PDF (found on PATH when unset).
CAIRN_CHROMIUM = os.environ.get("CAIRN_CHROMIUM", "")
# A task still marked running after this long lost its worker and runs again.
CAIRN_TASK_STALE_SECONDS = int(os.environ.get("CAIRN_TASK_STALE_SECONDS", "900"))
# An e-mail being sent this long without an answer lost its worker: it is sent again.
CAIRN_EMAIL_CLAIM_SECONDS = int(os.environ.get("CAIRN_EMAIL_CLAIM_SECONDS", "300"))
# How many backups `manage.py backup` keeps in its folder.
CAIRN_BACKUP_KEEP = int(os.environ.get("CAIRN_BACKUP_KEEP", "14"))
CAIRN_BACKUP_DIR = Path(os.environ.get("CAIRN_BACKUP_DIR", VAR_DIR / "backups"))

# Calendar, unsubscribe and invitation tokens are masked in every log line
# (cairn.core also masks the access logs of gunicorn and runserver).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_tokens": {"()": "cairn.core.masking.MaskTokens"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_tokens"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
