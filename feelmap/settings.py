"""One settings module, read from the environment.

Local mode (the default): one person on their own machine, SQLite in the data directory,
served on 127.0.0.1 over plain http. Clinic mode (FEELMAP_MODE=clinic, the default when
DATABASE_URL is set): PostgreSQL, no open sign-up, HTTPS-only cookies and HSTS.
"""

from __future__ import annotations

from datetime import timedelta

import dj_database_url
from cryptography.fernet import Fernet
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from feelmap.lib.env import (
    data_dir,
    env_bool,
    env_int,
    env_list,
    env_str,
    new_secret_key,
    private_sqlite,
    read_or_create_secret,
)

DATA_DIR = data_dir()
DATABASE_URL = env_str("DATABASE_URL")
FEELMAP_MODE = env_str("FEELMAP_MODE", "clinic" if DATABASE_URL else "local")
if FEELMAP_MODE not in {"local", "clinic"}:
    raise ImproperlyConfigured("FEELMAP_MODE must be 'local' or 'clinic'.")
CLINIC = FEELMAP_MODE == "clinic"

DEBUG = env_bool("FEELMAP_DEBUG", False)


# Which file each secret was read from, for `check --deploy` (feelmap/core/checks.py).
FEELMAP_SECRET_FILES: dict[str, str] = {}


def _secret(env_name: str, file_env_name: str, default_file: str, make) -> str:
    """A secret from the environment, a named file, or (local mode only) a generated file."""
    value = env_str(env_name)
    if value:
        return value
    path = env_str(file_env_name)
    if path:
        FEELMAP_SECRET_FILES[env_name] = path
        with open(path) as handle:
            return handle.read().strip()
    if CLINIC:
        # Several app processes must share one secret: a file made by one of them would not do.
        raise ImproperlyConfigured(f"Clinic mode needs {env_name} or {file_env_name}.")
    FEELMAP_SECRET_FILES[env_name] = str(DATA_DIR / default_file)
    return read_or_create_secret(DATA_DIR / default_file, make)


SECRET_KEY = _secret("FEELMAP_SECRET_KEY", "FEELMAP_SECRET_KEY_FILE", "secret_key", new_secret_key)
# Comma-separated Fernet keys, newest first; older keys still decrypt during a rotation.
FEELMAP_ENCRYPTION_KEYS = [
    key.strip()
    for key in _secret(
        "FEELMAP_ENCRYPTION_KEYS",
        "FEELMAP_ENCRYPTION_KEY_FILE",
        "encryption_key",
        lambda: Fernet.generate_key().decode(),
    ).replace("\n", ",").split(",")
    if key.strip()
]

ALLOWED_HOSTS = env_list("FEELMAP_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("FEELMAP_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "feelmap.core",
    "feelmap.accounts",
    "feelmap.api",
    "feelmap.lexicon",
    "feelmap.checkins",
    "feelmap.journal",
    "feelmap.practices",
    "feelmap.heartbeat",
    "feelmap.saying",
    "feelmap.assessments",
    "feelmap.safety",
    "feelmap.program",
    "feelmap.insights",
    "feelmap.care",
    "feelmap.portability",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "feelmap.accounts.middleware.SessionCookieShapeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "feelmap.accounts.middleware.PersonTimeZoneMiddleware",
    "feelmap.accounts.middleware.SessionLimitsMiddleware",
    "feelmap.accounts.middleware.TwoStepRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "feelmap.core.middleware.PrivateByDefaultMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "feelmap.urls"
WSGI_APPLICATION = "feelmap.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "feelmap.core.context.feelmap",
            ],
        },
    },
]

if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60,
                                                  conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            # Folder 0700, database (and so its -wal/-shm) 0600 on POSIX.
            "NAME": str(private_sqlite(DATA_DIR / "feelmap.sqlite3")),
            # Keep each server thread's connection: opening one and running the PRAGMAs
            # cost more than the rest of a small signed-in page.
            "CONN_MAX_AGE": None,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                # WAL lets readers work during a write; FULL makes a commit survive power loss.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
                # IMMEDIATE takes the write lock at BEGIN, so two writers wait instead of failing.
                "transaction_mode": "IMMEDIATE",
                # How long a write waits for another one before the person is told it was not
                # saved (feelmap/core/faults.py); the fault tests shorten it.
                "timeout": env_int("FEELMAP_SQLITE_TIMEOUT", 20),
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Length and a common-password check; no composition rules, long passphrases welcome.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "feelmap.accounts.validators.MaximumLengthValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login throttling: five failures per username and address, then a pause that ends by itself
# (axes would otherwise lock for ever, which lets anyone lock a person out).
AXES_FAILURE_LIMIT = env_int("FEELMAP_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("FEELMAP_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "feelmap/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env_int("FEELMAP_PROXY_COUNT", 0)

# Two-step sign-in (accounts/twofactor.py): clinicians must use it in clinic mode; anyone may
# turn it on. Not an environment switch: a clinic cannot run without it.
FEELMAP_TWO_STEP_FOR_CLINICIANS = CLINIC

# Sessions: a new id at login (Django does this), an idle limit renewed by activity,
# and an absolute limit, both enforced by SessionLimitsMiddleware.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 60 * env_int("FEELMAP_IDLE_MINUTES", 30 if CLINIC else 12 * 60)
SESSION_SAVE_EVERY_REQUEST = False  # SessionLimitsMiddleware renews it
FEELMAP_SESSION_ABSOLUTE_SECONDS = 3600 * env_int("FEELMAP_SESSION_HOURS", 12 if CLINIC else 24 * 14)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "feelmap_session"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "feelmap.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if CLINIC:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("FEELMAP_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("FEELMAP_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("FEELMAP_HSTS_PRELOAD", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_NAME = "__Host-feelmap_session"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# No inline script or style anywhere; every script is a file served from this origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "media-src": [SELF, "blob:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LANGUAGE_CODE = "en"
TIME_ZONE = env_str("FEELMAP_TIME_ZONE", "UTC")
USE_I18N = False  # English only for now; skips per-call language lookups (reverse, filters)
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env_str("FEELMAP_STATIC_ROOT") or None  # only collectstatic needs it
# Local mode serves static files straight from the package, so no collectstatic step is needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Crisis resources: which locale to show first, and an optional reviewed override file.
FEELMAP_CRISIS_LOCALE = env_str("FEELMAP_CRISIS_LOCALE", "")
FEELMAP_CRISIS_RESOURCES_FILE = env_str("FEELMAP_CRISIS_RESOURCES_FILE", "")

# Logs carry events and ids, never what a person wrote.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("FEELMAP_LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.request": {"level": "ERROR", "propagate": True},
        "axes": {"level": "WARNING", "propagate": True},
    },
}

NINJA_PAGINATION_PER_PAGE = 50

# E-mail reminders, sent by `feelmap worker` (README, "Configuration").
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("FEELMAP_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("FEELMAP_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("FEELMAP_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("FEELMAP_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("FEELMAP_EMAIL_STARTTLS", False)
EMAIL_USE_SSL = env_bool("FEELMAP_EMAIL_SSL", False)
EMAIL_TIMEOUT = env_int("FEELMAP_EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("FEELMAP_EMAIL_FROM", "Feelmap <feelmap@localhost>")
FEELMAP_EMAIL_DOMAIN = DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "feelmap.local"
