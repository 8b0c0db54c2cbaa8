"""SENDcase settings. Everything an operator may change comes from the environment (see README).

Local runs need nothing set: DEBUG is on, the database is an SQLite file under var/.
Production sets SENDCASE_DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL, and
refuses to start without them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dj_database_url

from config.env import ImproperlyConfiguredEnv, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("SENDCASE_VAR_DIR", str(BASE_DIR / "var")))
# The embedded SQLite file and collected static files live here; a fresh clone has neither.
(VAR_DIR / "staticfiles").mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("SENDCASE_DEBUG", True)

# A fixed key is only acceptable for local runs on synthetic data.
SECRET_KEY = env_str("SECRET_KEY", "sendcase-local-development-only" if DEBUG else None)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "govuk_frontend_django",
    "rest_framework",
    "drf_spectacular",
    "sendcase.core",
    "sendcase.accounts",
    "sendcase.organisations",
    "sendcase.people",
    "sendcase.cases",
    "sendcase.audit",
    "sendcase.demo",
    "sendcase.staff",
    "sendcase.teams",
    "sendcase.notifications",
    "sendcase.plainenglish",
    "sendcase.api",
    "sendcase.sen2",
    "sendcase.statistics",
    "sendcase.scorecard",
    "sendcase.plans",
    "sendcase.appeals",
    "sendcase.reviews",
    "sendcase.portal",
    # Sign-in security (docs/sign-in.md): TOTP second factor and lockout. After sendcase.accounts,
    # so SENDcase's sign-in receivers run before axes' and the audit trail reads in order.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sendcase.core.middleware.RequestContextMiddleware",
    "sendcase.accounts.middleware.SessionLimitsMiddleware",
    "sendcase.accounts.middleware.SecondFactorRequiredMiddleware",
    # Last, as django-axes asks: it turns a lockout flagged during the view into the locked page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "sendcase.staff.context.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sendcase.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the background worker read while a web request writes; IMMEDIATE avoids
    # "database is locked" upgrades in the middle of a service transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        # A writer waits this many seconds for another's transaction before "database is locked".
        "timeout": env_int("SENDCASE_SQLITE_TIMEOUT_SECONDS", 30),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# The languages the family portal offers in its language switcher (docs/portal.md). Staff pages
# stay in English: only the portal activates the language a family picks.
LANGUAGES = [("en-gb", "English"), ("pl", "Polski")]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    BASE_DIR / "build" / "frontend",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Idle timeout: every request pushes the session's expiry SENDCASE_SESSION_IDLE_MINUTES ahead.
# The absolute limit (SENDCASE_SESSION_MAX_HOURS) is enforced by sendcase.accounts.middleware.
SENDCASE_SESSION_IDLE_MINUTES = env_int("SENDCASE_SESSION_IDLE_MINUTES", 30)
SENDCASE_SESSION_MAX_HOURS = env_int("SENDCASE_SESSION_MAX_HOURS", 10)
SESSION_COOKIE_AGE = SENDCASE_SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Periodic jobs (sendcase/core/schedule.py, docs/schedule.md) run when `sendcase run_schedule` runs,
# every few minutes from one cron line or systemd timer. Jobs named here are listed but not run,
# e.g. SENDCASE_SCHEDULE_PAUSED=review_lists while a council sends its term lists another way.
SENDCASE_SCHEDULE_PAUSED = env_list("SENDCASE_SCHEDULE_PAUSED", [])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("SENDCASE_LOG_LEVEL", "INFO")},
    # WeasyPrint logs every rendering step at INFO: a line per page of every PDF produced.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}

# Notifications (docs/notifications.md): "outbox" keeps every message in SENDcase for staff to read
# and sends nothing; "notify" sends through GOV.UK Notify with NOTIFY_API_KEY.
SENDCASE_NOTIFY_BACKEND = env_str("SENDCASE_NOTIFY_BACKEND", "outbox")
NOTIFY_API_KEY = env_str("NOTIFY_API_KEY", "" if SENDCASE_NOTIFY_BACKEND == "outbox" else None)
NOTIFY_BASE_URL = env_str("NOTIFY_BASE_URL", "")
# GOV.UK Notify template ids per SENDcase message, as name=id pairs separated by commas, e.g.
# "advice_reminder=0f4c...,generic_email=9a1b...".
NOTIFY_TEMPLATE_IDS = dict(item.split("=", 1) for item in env_list("NOTIFY_TEMPLATE_IDS", []) if "=" in item)
# Languages the council writes to families in (docs/notifications.md, family notices), as codes
# like "en,cy". SENDcase ships its notices in English only: list another code once its catalogue
# is supplied. Another language gets the English notice flagged "interpreter needed".
SENDCASE_FAMILY_LANGUAGES = [code.lower() for code in env_list("SENDCASE_FAMILY_LANGUAGES", ["en"])]
# Links in messages point here: the address staff use to reach SENDcase.
SENDCASE_BASE_URL = env_str("SENDCASE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Documents contributors upload with their advice (docs/advice.md). They are stored outside the
# web root and only ever served through a view that checks access and audits the download.
SENDCASE_UPLOAD_DIR = Path(env_str("SENDCASE_UPLOAD_DIR", str(VAR_DIR / "uploads")))
SENDCASE_UPLOAD_MAX_BYTES = env_int("SENDCASE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
# A virus scanner run on each stored upload, e.g. "clamdscan --no-summary --fdpass"; a non-zero
# exit rejects the file. Empty (the default) means uploads are NOT scanned.
SENDCASE_UPLOAD_SCAN_COMMAND = env_str("SENDCASE_UPLOAD_SCAN_COMMAND", "")

# Sign-in security: see docs/sign-in.md and docs/adr/0006-sign-in-security-libraries.md.
AUTHENTICATION_BACKENDS = [
    # First: refuses every sign-in to a locked account before a password is even checked.
    "sendcase.accounts.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
SENDCASE_REQUIRE_SECOND_FACTOR = env_bool("SENDCASE_REQUIRE_SECOND_FACTOR", True)
OTP_TOTP_ISSUER = "SENDcase"
# Wrong codes count towards the account's lockout instead (sendcase/accounts/lockout.py), so
# django-otp's own back-off would only refuse a right code typed quickly after a wrong one.
OTP_TOTP_THROTTLE_FACTOR = 0
SENDCASE_LOCKOUT_FAILURES = env_int("SENDCASE_LOCKOUT_FAILURES", 5)
SENDCASE_LOCKOUT_MINUTES = env_int("SENDCASE_LOCKOUT_MINUTES", 30)
AXES_FAILURE_LIMIT = SENDCASE_LOCKOUT_FAILURES
AXES_COOLOFF_TIME = dt.timedelta(minutes=SENDCASE_LOCKOUT_MINUTES)
# By account only: a council's staff often share one outgoing (NAT) address, so locking by IP
# would lock a whole office out. Axes warns (W006) that this leaves guessing across many accounts
# from one address unthrottled: rate-limit by IP at the proxy instead (docs/sign-in.md).
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "sendcase.accounts.lockout.lockout_username"
AXES_LOCKOUT_CALLABLE = "sendcase.accounts.lockout.locked_response"
# Attempts while locked neither extend the lock nor count, so the time on the locked page holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Reset only when the whole sign-in (password and code) succeeds: see sendcase/accounts/lockout.py.
AXES_RESET_ON_SUCCESS = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code", "csrfmiddlewaretoken"]
AXES_VERBOSE = False

# Single sign-on through OIDC (e.g. Microsoft Entra ID), only when a client id is configured.
SENDCASE_OIDC_CLIENT_ID = env_str("SENDCASE_OIDC_CLIENT_ID", "")
SENDCASE_OIDC_ENABLED = bool(SENDCASE_OIDC_CLIENT_ID)
# The council's decision: the identity provider's own MFA stands in for SENDcase's TOTP code.
SENDCASE_OIDC_TRUSTED_MFA = env_bool("SENDCASE_OIDC_TRUSTED_MFA", True)
SENDCASE_OIDC_REQUIRE_VERIFIED_EMAIL = env_bool("SENDCASE_OIDC_REQUIRE_VERIFIED_EMAIL", True)
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc-callback"
LOGIN_REDIRECT_URL_FAILURE = "/accounts/sign-in/?sso=refused"
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_RP_SCOPES = "openid email profile"
if SENDCASE_OIDC_ENABLED:
    OIDC_RP_CLIENT_ID = SENDCASE_OIDC_CLIENT_ID
    OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
    OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
    AUTHENTICATION_BACKENDS.append("sendcase.accounts.oidc.CouncilOIDCBackend")

# Annual reviews (docs/reviews.md). The weeks of notice the council's own policy asks for before a
# review meeting (the law's minimum is 2 weeks, reg 20(2), and is always enforced); and, if set,
# how many months between reviews for children under 5 (Code of Practice 9.178: "should consider"
# every 3 to 6 months). Empty or 0 leaves under-5s on the statutory 12 months.
SENDCASE_REVIEW_NOTICE_WEEKS = env_int("SENDCASE_REVIEW_NOTICE_WEEKS", 8)
SENDCASE_UNDER5_REVIEW_MONTHS = env_int("SENDCASE_UNDER5_REVIEW_MONTHS", 0) or None
if SENDCASE_REVIEW_NOTICE_WEEKS < 2:
    raise ImproperlyConfiguredEnv("SENDCASE_REVIEW_NOTICE_WEEKS must be at least 2, the statutory notice (reg 20(2)).")
if SENDCASE_UNDER5_REVIEW_MONTHS is not None and not 1 <= SENDCASE_UNDER5_REVIEW_MONTHS <= 12:
    raise ImproperlyConfiguredEnv("SENDCASE_UNDER5_REVIEW_MONTHS must be between 1 and 12 months, or empty.")

# The "today" SENDcase measures statutory clocks against. Only tests and demos set it, so that a
# screenshot or a benchmark is reproducible; production always uses the real date.
SENDCASE_TODAY = env_str("SENDCASE_TODAY", "")

# REST API v1 (sendcase/api, docs/api.md): bearer tokens for systems, read-only sessions for staff.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "sendcase.api.authentication.BearerTokenAuthentication",
        "sendcase.api.authentication.ReadOnlySessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "sendcase.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SENDcase API",
    "VERSION": "1",
    "DESCRIPTION": "Read children, caseloads, requests for EHC needs assessment, advice requests, plans and a "
    "change feed; change a child's details. The same access rules and audit as the staff pages. "
    "See docs/api.md.",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # A change to a child must carry `version`: keep the change body's required fields as declared.
    "COMPONENT_SPLIT_PATCH": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "sendcase.api.schema.forbid_unknown_change_fields",
    ],
    "ENUM_NAME_OVERRIDES": {
        "StageEnum": "sendcase.people.models.Stage",
        "SENTypeEnum": "sendcase.api.serializers.children.NEEDS",
    },
}

# Family portal (docs/portal.md): parents, carers and young people sign in with their own
# accounts, separate from staff: password, then a 6-digit code sent by email.
SENDCASE_FAMILY_INVITATION_DAYS = env_int("SENDCASE_FAMILY_INVITATION_DAYS", 7)
SENDCASE_FAMILY_CODE_MINUTES = env_int("SENDCASE_FAMILY_CODE_MINUTES", 10)
# GOV.UK One Login (OIDC) for families, only when a client id is configured. It matches the
# verified email to an existing family account and never creates one.
SENDCASE_FAMILY_OIDC_CLIENT_ID = env_str("SENDCASE_FAMILY_OIDC_CLIENT_ID", "")
SENDCASE_FAMILY_OIDC_ENABLED = bool(SENDCASE_FAMILY_OIDC_CLIENT_ID)
_ONE_LOGIN = env_str("SENDCASE_FAMILY_OIDC_ISSUER", "https://oidc.account.gov.uk").rstrip("/")
SENDCASE_FAMILY_OIDC_AUTHORIZATION_ENDPOINT = env_str(
    "SENDCASE_FAMILY_OIDC_AUTHORIZATION_ENDPOINT", f"{_ONE_LOGIN}/authorize"
)
SENDCASE_FAMILY_OIDC_TOKEN_ENDPOINT = env_str("SENDCASE_FAMILY_OIDC_TOKEN_ENDPOINT", f"{_ONE_LOGIN}/token")
SENDCASE_FAMILY_OIDC_USERINFO_ENDPOINT = env_str("SENDCASE_FAMILY_OIDC_USERINFO_ENDPOINT", f"{_ONE_LOGIN}/userinfo")
SENDCASE_FAMILY_OIDC_JWKS_ENDPOINT = env_str(
    "SENDCASE_FAMILY_OIDC_JWKS_ENDPOINT", f"{_ONE_LOGIN}/.well-known/jwks.json"
)
SENDCASE_FAMILY_OIDC_SIGN_ALGO = env_str("SENDCASE_FAMILY_OIDC_SIGN_ALGO", "ES256")
# GOV.UK One Login authenticates clients with private_key_jwt: the PEM private key whose public
# half was registered with it (use SENDCASE_FAMILY_OIDC_PRIVATE_KEY_FILE). Other providers may
# use a client secret instead.
SENDCASE_FAMILY_OIDC_PRIVATE_KEY = env_str("SENDCASE_FAMILY_OIDC_PRIVATE_KEY", "")
SENDCASE_FAMILY_OIDC_CLIENT_SECRET = env_str("SENDCASE_FAMILY_OIDC_CLIENT_SECRET", "")
# "Cl.Cm": GOV.UK One Login's medium level of authentication, with its own second factor.
SENDCASE_FAMILY_OIDC_VTR = env_str("SENDCASE_FAMILY_OIDC_VTR", '["Cl.Cm"]')
