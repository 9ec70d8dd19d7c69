"""Settings for Liaison.

Everything that differs between a laptop and production comes from the environment, so the same
file serves both: ``DATABASE_URL`` picks the database (SQLite by default, PostgreSQL in CI and
production), ``LIAISON_STORAGE=s3`` with the ``AWS_*`` variables moves attachments to an
S3-compatible store, and ``LIAISON_TASKS=database`` sends notifications through the database queue.
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("LIAISON_VAR_DIR", BASE_DIR / "var"))
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)  # SQLite file, media, collected static


def env_flag(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("LIAISON_DEBUG", default=False)
SECRET_KEY = os.environ.get(
    "LIAISON_SECRET_KEY", "insecure-development-key-change-me-in-production"
)
ALLOWED_HOSTS = os.environ.get("LIAISON_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "axes",
    "django_ratelimit",
    "django_tasks",
    "django_tasks_db",
    "liaison.core",
    "liaison.accounts",
    "liaison.places",
    "liaison.orgs",
    "liaison.audit",
    "liaison.deadlines",
    "liaison.workflow",
    "liaison.identities",
    "liaison.notifications",
    "liaison.attachments",
    "liaison.notices",
    "liaison.recommendations",
    "liaison.publicinterest",
    "liaison.lawyers",
    "liaison.announcements",
    "liaison.hearings",
    "liaison.courts",
    "liaison.volunteers",
    "liaison.petitions",
    "liaison.agreements",
    "liaison.meetings",
    "liaison.committees",
    "liaison.publicity",
    "liaison.disputes",
    "liaison.retrials",
    "liaison.flags",
    "liaison.supportprosecution",
    "liaison.legalaid",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "liaison.core.middleware.AccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "liaison.urls"
WSGI_APPLICATION = "liaison.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "liaison" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "liaison.core.context_processors.workspace",
            ],
        },
    },
]

#: Django's form renderer, with select lists written in Python (``core/renderers.py``).
FORM_RENDERER = "liaison.core.renderers.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'liaison.sqlite3'}"),
        conn_max_age=int(os.environ.get("LIAISON_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the task worker share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Server-side binding: psycopg sends the parameters apart from the statement, so that it
    # can prepare a statement the connection has run five times (its ``prepare_threshold``) and
    # PostgreSQL stops parsing and planning it again: a third of the database's CPU on the
    # public clue submission (docs/benchmarks.md). Off (LIAISON_DB_PREPARED=0) behind a pooler
    # that cannot keep prepared statements (PgBouncer before 1.21 in transaction mode).
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = os.environ.get(
        "LIAISON_DB_PREPARED", "1"
    ) not in ("0", "false", "off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:my-work"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after eight idle hours and with the browser: shared office machines are common.
SESSION_COOKIE_AGE = int(os.environ.get("LIAISON_SESSION_SECONDS", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_flag("LIAISON_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_FAILURE_VIEW = "liaison.core.errors.csrf_failure"  # a refused form's page, translated

# Lockout after repeated failed logins (django-axes): five failures lock for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("LIAISON_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("LIAISON_LOCKOUT_HOURS", "0.5"))
# Failures count per account *from one address*: five wrong guesses from a stranger's address
# lock that address out of that account, never the official logging in from their office (nor
# the colleagues who share the office's NAT address: one person's typos lock only their own
# account from there). A guesser who spreads over many addresses meets the per-account limit
# on failures from all addresses together (LIAISON_RATE_LIMITS "accounts.login.account", 20 an
# hour, accounts/views.py): it takes four addresses to reach it, and it holds for at most the
# rest of the hour rather than locking the account until someone lifts the lock.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "liaison.core.ratelimits.client_ip"
AXES_RESET_ON_SUCCESS = True
# Our own answer (HTTP 429, how long the lockout lasts, in the reader's language).
AXES_LOCKOUT_CALLABLE = "liaison.accounts.lockout.locked_out"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# Caches: rate limits count in the default cache. LIAISON_CACHE_URL names it: redis://host:port/db
# (Django's RedisCache: one count shared by every app server, which production needs), or
# locmem:// (the default: this process's memory, right for `make run`'s single process).
LIAISON_CACHE_URL = os.environ.get("LIAISON_CACHE_URL", "locmem://")


def cache_from_url(url: str) -> dict[str, Any]:
    """The CACHES entry that ``LIAISON_CACHE_URL`` names."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url.startswith("locmem://"):
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": url.removeprefix("locmem://") or "liaison",
        }
    raise ValueError(f"LIAISON_CACHE_URL must start with redis://, rediss:// or locmem://: {url}")


CACHES = {"default": cache_from_url(LIAISON_CACHE_URL)}
SILENCED_SYSTEM_CHECKS: list[str] = []
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    # django-ratelimit refuses a cache that is not shared between processes (E003); one process
    # (`make run`, the tests) counts right in its own memory. Several app servers set
    # LIAISON_CACHE_URL to Redis, and then the check runs.
    # W001 says the same of local memory ("not officially supported"), for the same reason.
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003", "django_ratelimit.W001"]
elif CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # django-ratelimit 4.1 lists only django-redis's cache as supported (W001); Django's own
    # RedisCache (4.0+) adds and increments with Redis's atomic SET NX and INCR, which is all
    # the counting needs.
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.W001")
# Rate limits (django-ratelimit, liaison/core/ratelimits.py): counted per client address. Behind
# reverse proxies, LIAISON_TRUSTED_PROXIES says how many append the address they received the
# request from to LIAISON_CLIENT_IP_HEADER; with 0 (the default) the address is REMOTE_ADDR.
LIAISON_TRUSTED_PROXIES = int(os.environ.get("LIAISON_TRUSTED_PROXIES", "0"))
LIAISON_CLIENT_IP_HEADER = os.environ.get("LIAISON_CLIENT_IP_HEADER", "HTTP_X_FORWARDED_FOR")
RATELIMIT_IP_META_KEY = "liaison.core.ratelimits.client_ip"
# A deployment's own rates by group name, e.g. "publicinterest.report=20/h,publicinterest.nearby=
# 120/m" (where many reporters share one carrier-grade NAT address); the views name the defaults.
LIAISON_RATE_LIMITS = {
    group.strip(): rate.strip()
    for group, _, rate in (
        item.partition("=") for item in os.environ.get("LIAISON_RATE_LIMITS", "").split(",")
    )
    if rate.strip()
}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "liaison" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
# Amounts of money are grouped by thousands in both languages (869,000.00) by the ``money``
# filter; Chinese needs its own separator for that (liaison/formats/zh_Hans). Nothing else is
# grouped: USE_THOUSAND_SEPARATOR stays False for years, case numbers, ids and form inputs.
FORMAT_MODULE_PATH = ["liaison.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "liaison" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("LIAISON_MEDIA_ROOT", VAR_DIR / "media"))

STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
if os.environ.get("LIAISON_STORAGE") == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", "liaison"),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# Attachments: largest accepted upload, in bytes.
LIAISON_MAX_UPLOAD_BYTES = int(os.environ.get("LIAISON_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Maps. Tiles come from a server the deployment names (an intranet tile server), as a URL
# template such as https://tiles.example.gov.cn/{z}/{x}/{y}.png; none by default, and then the
# maps are coordinate pickers on a plain grid. Pages never load tiles from anywhere else.
LIAISON_MAP_TILES = os.environ.get("LIAISON_MAP_TILES", "")
# The coordinate system the tiles are drawn in: gcj02 for Chinese map services, wgs84 otherwise.
LIAISON_MAP_TILES_SYSTEM = os.environ.get("LIAISON_MAP_TILES_SYSTEM", "gcj02")
LIAISON_MAP_ATTRIBUTION = os.environ.get("LIAISON_MAP_ATTRIBUTION", "")
# Public-interest clues: how near an open clue of the same field must be (in metres) for a
# reporter to be offered to add to it instead of filing a new one.
LIAISON_NEARBY_RADIUS_M = int(os.environ.get("LIAISON_NEARBY_RADIUS_M", "1000"))

EMAIL_BACKEND = os.environ.get(
    "LIAISON_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("LIAISON_FROM_EMAIL", "liaison@localhost")
EMAIL_TIMEOUT = 10  # a hung mail server must not block a task worker
# The site's address, for absolute links in emails (e.g. https://liaison.example.gov.cn).
LIAISON_SITE_URL = os.environ.get("LIAISON_SITE_URL", "")
# The SMS gateway: a dotted path to a class with ``send(mobile, text)``.
LIAISON_SMS_BACKEND = os.environ.get(
    "LIAISON_SMS_BACKEND", "liaison.notifications.sms.ConsoleSMSBackend"
)

# Notifications and reminders leave the request through Django's task API (django-tasks).
# The database backend needs `manage.py db_worker` running; `make run` starts one.
if os.environ.get("LIAISON_TASKS", "database") == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {"TITLE": "Liaison API", "VERSION": "0.1.0"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LIAISON_LOG_LEVEL", "WARNING")},
}
