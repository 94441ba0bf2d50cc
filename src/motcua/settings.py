"""Settings, read from ``MOTCUA_*`` environment variables only.

Every variable is listed in the README's configuration table; nothing here
branches on "test mode": tests set the same variables an operator would.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url

from motcua.core.storage_url import storage_from_url


def env(name: str, default: str = "") -> str:
    return os.environ.get(f"MOTCUA_{name}", default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name, "1" if default else "0").strip().lower()
    return value in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(env(name, str(default)))


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env("DATA_DIR", str(Path.cwd() / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """An explicit key wins; otherwise one is generated once and kept in the data directory."""
    if env("SECRET_KEY"):
        return env("SECRET_KEY")
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()


def _audit_key() -> str:
    """The key of the audit log's MACs: kept outside the database, so whoever can write the
    database alone cannot rewrite the log and recompute a chain that verifies."""
    if env("AUDIT_KEY"):
        return env("AUDIT_KEY")
    key_file = DATA_DIR / "audit_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


AUDIT_KEY = _audit_key()
# The key backups are encrypted with (`motcua backup`); keep it apart from the backups themselves.
BACKUP_KEY = env("BACKUP_KEY", "")
# Signed checkpoints of the audit chain (head hash and length), written outside the database:
# a folder (a WORM mount at best); empty: the file storage (MOTCUA_STORAGE_URL) under audit-checkpoints/.
AUDIT_CHECKPOINT_DIR = env("AUDIT_CHECKPOINT_DIR", "")
AUDIT_CHECKPOINT_SECONDS = env_int("AUDIT_CHECKPOINT_SECONDS", 300)
# Where an entry gets its place in the chain (audit/chain.py): "inline", in the transaction that
# writes it (one writer at a time: SQLite's default), or "sequencer", afterwards, in batches, by the
# periodic job every AUDIT_CHAIN_SECONDS (PostgreSQL's default: commits never queue on the log).
AUDIT_CHAIN = env("AUDIT_CHAIN", "") or (
    "sequencer" if env("DATABASE_URL").startswith("postgres") else "inline"
)
AUDIT_CHAIN_SECONDS = float(env("AUDIT_CHAIN_SECONDS", "2"))
# `motcua audit verify` fails when an entry has waited longer than this for its place in the chain.
AUDIT_CHAIN_LAG_SECONDS = env_int("AUDIT_CHAIN_LAG_SECONDS", 300)
# Processes `motcua audit verify` checks a large log with (0: one per core).
AUDIT_VERIFY_WORKERS = env_int("AUDIT_VERIFY_WORKERS", 0)
# An RFC 3161 timestamp authority that also dates each checkpoint (empty: none).
AUDIT_TSA_URL = env("AUDIT_TSA_URL", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = [h.strip() for h in env("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in env("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
# Unset, the address `motcua serve` listens on (MOTCUA_BIND): the demo's sandbox providers are
# reached there, so a server on another port must not point them at :8000.
_BIND = env("BIND", "127.0.0.1:8000").replace("0.0.0.0:", "127.0.0.1:")
SITE_URL = (env("SITE_URL", "") or f"http://{_BIND}").rstrip("/")
# The portal's name and emblem in every page's header (core/context_processors.py).
SITE_NAME = env("SITE_NAME", "Cổng dịch vụ công")
SITE_NAME_EN = env("SITE_NAME_EN", "Public service portal" if SITE_NAME == "Cổng dịch vụ công" else SITE_NAME)
SITE_LOGO = env("SITE_LOGO", "")  # a PNG, JPEG or SVG file; empty: the placeholder emblem

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "motcua.core",
    "motcua.org",
    "motcua.accounts",
    "motcua.catalogue",
    "motcua.dossiers",
    "motcua.documents",
    "motcua.paperwork",
    "motcua.feedback",
    "motcua.api",
    "motcua.demo",
    "motcua.portal",
    "motcua.backoffice",
    "motcua.signing",
    "motcua.jobs",
    "motcua.integration",
    "motcua.audit",
    "motcua.workspace",
    "motcua.privacy",
    "motcua.search",
    "motcua.assistant",
    "motcua.opendata",
    "motcua.payments",
    "motcua.reports",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "motcua.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Has this session proved a second factor (django-otp); officials must, before /can-bo/ and /admin/.
    "django_otp.middleware.OTPMiddleware",
    "motcua.accounts.second_step.SecondFactorMiddleware",
    "motcua.audit.middleware.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "motcua.accounts.sessions.IdleTimeoutMiddleware",
    # Pages over their rate (django-ratelimit) get RATELIMIT_VIEW's 429 instead of a 403.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Sign-in lockout per account and per address (accounts/lockout.py); last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "motcua.core.context_processors.site",
            ],
        },
    },
]


def _databases() -> dict:
    url = env("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))
        if config["ENGINE"] == "django.db.backends.postgresql":
            # Server-side binding lets psycopg prepare the statements a process repeats.
            config.setdefault("OPTIONS", {}).setdefault(
                "server_side_binding", env_bool("DATABASE_SERVER_SIDE_BINDING", True)
            )
            # A health check costs a round trip per request; enable it where the database restarts under load.
            config["CONN_HEALTH_CHECKS"] = env_bool("DATABASE_HEALTH_CHECKS", False)
            # Per connection, for this application's short queries (docs: README, PostgreSQL settings):
            # JIT compiles a plan whose estimated cost is high, 0.1-1.5 s of compiling for a list that
            # runs in milliseconds; work_mem lets a list's sort or hash stay in memory.
            config["OPTIONS"].setdefault("options", _postgresql_options())
        if config["ENGINE"] == "django.db.backends.sqlite3":
            config["OPTIONS"] = _sqlite_options()
            config["TEST"] = _sqlite_test_database()
        return {"default": config}
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "motcua.sqlite3",
            "OPTIONS": _sqlite_options(),
            # Keep the connection: opening one re-runs the PRAGMAs on every request.
            "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 600),
            "TEST": _sqlite_test_database(),
        }
    }


def _postgresql_options() -> str:
    jit = "on" if env_bool("DATABASE_JIT", False) else "off"
    work_mem = env("DATABASE_WORK_MEM", "32MB")
    return f"-c jit={jit} -c work_mem={work_mem}"


def _sqlite_test_database() -> dict:
    """Test databases on SQLite are files, not Django's default in-memory database: with memory,
    the live server's threads share one connection, so two requests at once (a double click)
    collide inside one transaction, which never happens to the real server."""
    return {"NAME": str(DATA_DIR / "test-motcua.sqlite3")}


def _sqlite_options() -> dict:
    # WAL lets readers run beside the single writer; IMMEDIATE transactions take
    # the write lock up front so two writers queue instead of dead-locking.
    return {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }


DATABASES = _databases()


def _caches() -> dict:
    url = env("CACHE_URL")
    if url.startswith("redis://") or url.startswith("rediss://"):
        return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


CACHES = _caches()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "motcua.accounts.lockout.LockoutBackend",
    # The province's LDAP / Active Directory for officials (org/directory.py): only when MOTCUA_LDAP_URL is set.
    "motcua.org.directory.DirectoryBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LDAP_URL = env("LDAP_URL", "")
LDAP_BIND_DN = env("LDAP_BIND_DN", "")
LDAP_BIND_PASSWORD = env("LDAP_BIND_PASSWORD", "")
LDAP_START_TLS = env_bool("LDAP_START_TLS", False)
LDAP_USER_BASE = env("LDAP_USER_BASE", "")
LDAP_USER_FILTER = env("LDAP_USER_FILTER", "(uid=%(user)s)")  # Active Directory: (sAMAccountName=%(user)s)
LDAP_NAME_ATTRIBUTE = env("LDAP_NAME_ATTRIBUTE", "cn")  # Active Directory: displayName
LDAP_GROUP_BASE = env("LDAP_GROUP_BASE", "")
LDAP_GROUP_TYPE = env("LDAP_GROUP_TYPE", "group_of_names")  # or active_directory (nested groups)
LDAP_GROUPS = env("LDAP_GROUPS", "{}")  # JSON: {"<group DN>": {"agency": "<code>", "roles": ["receiver"]}}
LDAP_TIMEOUT_SECONDS = env_int("LDAP_TIMEOUT_SECONDS", 5)
AXES_FAILURE_LIMIT = env_int("SIGNIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SIGNIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "motcua.accounts.lockout.hashed_identifier"
AXES_CLIENT_IP_CALLABLE = "motcua.accounts.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "motcua.accounts.lockout.locked_out"
AXES_SENSITIVE_PARAMETERS = ["username", "password", "ip_address"]
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are in the audit log
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_HANDLER = (
    "axes.handlers.cache.AxesCacheHandler"
    if CACHES["default"]["BACKEND"].endswith("RedisCache")
    else "axes.handlers.database.AxesDatabaseHandler"
)

# Two factors (accounts/two_factor.py): on in production and in the demo.
TWO_FACTOR = env_bool("TWO_FACTOR", True)
TWO_FACTOR_ROLES = [r.strip() for r in env("TWO_FACTOR_ROLES", "official,admin").split(",") if r.strip()]
# Wrong codes are counted and locked by motcua (MOTCUA_SIGNIN_FAILURE_LIMIT), not delayed by django-otp.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
OTP_TOTP_ISSUER = SITE_NAME
# WebAuthn passkeys (accounts/passkeys.py): the relying party's id (a passkey is bound to it) and the
# origins whose signed answers are accepted; by default the host and origin of the request.
WEBAUTHN_RP_ID = env("WEBAUTHN_RP_ID", "")
WEBAUTHN_ORIGINS = [o.strip().rstrip("/") for o in env("WEBAUTHN_ORIGINS", "").split(",") if o.strip()]
# The sandbox identity and data providers served by motcua itself (the demo; `make run` sets it).
OIDC_SANDBOX = env_bool("OIDC_SANDBOX", False)
# Verified data for e-forms from national databases (accounts/national_data.py, docs/lgsp-population.yaml).
PREFILL_PROVIDER = env("PREFILL_PROVIDER", "lgsp-population")
PREFILL_BUSINESS_PROVIDER = env("PREFILL_BUSINESS_PROVIDER", "lgsp-business")  # docs/lgsp-business.yaml
PREFILL_LAND_PROVIDER = env("PREFILL_LAND_PROVIDER", "lgsp-land")  # docs/lgsp-land.yaml
LGSP_URL = env("LGSP_URL", "").rstrip("/")
LGSP_TOKEN = env("LGSP_TOKEN", "")
LGSP_TIMEOUT_SECONDS = env_int("LGSP_TIMEOUT_SECONDS", 10)
# Password reset and contact verification codes (accounts/recovery.py).
RECOVERY_CODE_MINUTES = env_int("RECOVERY_CODE_MINUTES", 10)
RECOVERY_CODES_PER_HOUR = env_int("RECOVERY_CODES_PER_HOUR", 5)
# Dossier notifications only to an applicant's e-mail and phone verified by a code (off: the
# addresses on the account or given at the counter are used as they are).
NOTIFY_VERIFIED_CONTACTS_ONLY = env_bool("NOTIFY_VERIFIED_CONTACTS_ONLY", False)
# Citizens' sign-in with the national identity (accounts/oidc.py): any OpenID Connect provider.
OIDC_ISSUER = env("OIDC_ISSUER", "").rstrip("/")
OIDC_CLIENT_ID = env("OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = env("OIDC_CLIENT_SECRET", "")
OIDC_SCOPES = env("OIDC_SCOPES", "openid profile email phone address")
OIDC_PROVIDER_NAME = env("OIDC_PROVIDER_NAME", "VNeID")
# motcua's field=the provider's claim (dots reach into objects), e.g. personal_id=cccd,full_name=name
OIDC_CLAIMS = dict(
    pair.split("=", 1) for pair in (p.strip() for p in env("OIDC_CLAIMS", "").split(",")) if "=" in pair
)

AUTH_PASSWORD_VALIDATORS = [
    # A password close to one's own name, identifier, e-mail or phone is refused.
    {
        "NAME": "motcua.accounts.passwords.UserAttributeSimilarityValidator",
        "OPTIONS": {
            "user_attributes": ["username", "full_name", "email", "phone", "personal_id", "tax_code"]
        },
    },
    {"NAME": "motcua.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "motcua.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "motcua.accounts.passwords.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = DATA_DIR / "files"
MEDIA_URL = "/files/"
STORAGES = {
    # Uploaded files, scans and results: MOTCUA_STORAGE_URL (core/storage_url.py) or MEDIA_ROOT.
    "default": storage_from_url(env("STORAGE_URL")),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

LOGIN_URL = "/dang-nhap/"

# Public look-up pages and sign-in/registration pages share the API's rates (per client address).
LOOKUP_RATE = env("LOOKUP_RATE", "60/min")
# Anonymous feedback costs the sender's browser about 2^bits hashes (core/proof_of_work.py).
PROOF_OF_WORK_BITS = env_int("PROOF_OF_WORK_BITS", 16)
SIGNIN_RATE = env("SIGNIN_RATE", "20/min")
# Accounts opened at the counter: days to activate them, minutes a one-time code lives, wrong tries before a lock.
ACTIVATION_DAYS = env_int("ACTIVATION_DAYS", 30)
ACTIVATION_CODE_MINUTES = env_int("ACTIVATION_CODE_MINUTES", 10)
ACTIVATION_MAX_ATTEMPTS = env_int("ACTIVATION_MAX_ATTEMPTS", 5)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "motcua.accounts.tokens.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PARSER_CLASSES": [
        "motcua.core.json_bodies.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "motcua.core.pagination.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "motcua.api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "lookup": LOOKUP_RATE,
        "signin": SIGNIN_RATE,
    },
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}

# API tokens (django-rest-knox, api/tokens.py): hashed, expiring, revocable.
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env_int("API_TOKEN_HOURS", 12)),
    "AUTO_REFRESH": False,
    "AUTH_HEADER_PREFIX": "Token",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "motcua API",
    "DESCRIPTION": "REST API v1 của hệ thống giải quyết thủ tục hành chính motcua.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "DossierStatusEnum": "motcua.dossiers.states.Status",
        "ResultKindEnum": "motcua.signing.models.ResultTemplate.Kind",
        "ChannelEnum": "motcua.dossiers.models.Channel",
        "PaymentChannelEnum": "motcua.payments.models.Channel",
        "PaymentStatusEnum": "motcua.payments.models.Payment.Status",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "motcua.api.schema.document_errors",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# The demo province (a code of the current two-level map, from vietnam-provinces).
DEMO_PROVINCE_CODE = env_int("DEMO_PROVINCE", 42)
# Upper bound of a dossier's attachments, in bytes.
MAX_DOSSIER_BYTES = env_int("MAX_DOSSIER_BYTES", 100 * 1024 * 1024)
# Upper bound of one attached file, in bytes.
MAX_FILE_BYTES = env_int("MAX_FILE_BYTES", 20 * 1024 * 1024)
# One folder per counter (<agency code>-<counter number>/) that `motcua scan-inbox` watches.
SCAN_INBOX_DIR = env("SCAN_INBOX_DIR") or str(DATA_DIR / "scan-inbox")
# Images (and images inside PDFs) above this many pixels are refused: decompression bombs.
MAX_IMAGE_PIXELS = env_int("MAX_IMAGE_PIXELS", 150_000_000)
# A file past MAX_FILE_BYTES is dropped while it arrives, before Django stores it (core/uploads.py).
FILE_UPLOAD_HANDLERS = [
    "motcua.core.uploads.FileSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# django-ratelimit answers a page over its rate with 429 (see core.views.rate_limited).
RATELIMIT_VIEW = "motcua.core.views.rate_limited"
CSRF_FAILURE_VIEW = "motcua.core.views.csrf_failure"
# The in-process cache counts per process; MOTCUA_CACHE_URL=redis://… shares the counts (README).
SILENCED_SYSTEM_CHECKS = [
    "django_ratelimit.E003",
    "django_ratelimit.W001",
    # A few list indexes hold extra columns (``include``) so that PostgreSQL answers from the index
    # alone; SQLite builds them without those columns, which is all it needs.
    "models.W040",
]
# How long an Idempotency-Key is remembered, in hours (at least 24).
IDEMPOTENCY_KEY_HOURS = max(24, env_int("IDEMPOTENCY_KEY_HOURS", 48))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint and fontTools narrate every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Behind HTTPS (MOTCUA_SECURE_COOKIES=1): secure cookies, HTTP redirected to HTTPS, HSTS for a year.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31_536_000) if SESSION_COOKIE_SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SESSION_COOKIE_SECURE
SECURE_HSTS_PRELOAD = SESSION_COOKIE_SECURE and env_bool("HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# A TLS-terminating proxy in front: MOTCUA_PROXY_SSL_HEADER=X-Forwarded-Proto (only if the proxy sets it always).
if env("PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + env("PROXY_SSL_HEADER").upper().replace("-", "_"), "https")
# /healthz answers the load balancer over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SAMESITE = "Lax"
# Idle sessions end (accounts/sessions.py): officials after 30 minutes, applicants after MOTCUA_CITIZEN_SESSION_MINUTES.
OFFICIAL_SESSION_MINUTES = env_int("OFFICIAL_SESSION_MINUTES", 30)
CITIZEN_SESSION_MINUTES = env_int("CITIZEN_SESSION_MINUTES", 120)

# Fees paid online (issue 14). The gateway speaks the VNPay protocol 2.1.0; MOTCUA_PAYMENTS_SANDBOX=1
# (on in `make run`, off by default) serves a sandbox bank at /sandbox/vnpay/ speaking the same
# protocol, and the gateway URLs default to it. For the real VNPay set the four VNPAY_* variables.
PAYMENTS_SANDBOX = env_bool("PAYMENTS_SANDBOX", False)
PAYMENT_GATEWAY = env("PAYMENT_GATEWAY", "vnpay")
VNPAY_TMN_CODE = env("VNPAY_TMN_CODE", "MOTCUA01" if PAYMENTS_SANDBOX else "")
VNPAY_HASH_SECRET = env("VNPAY_HASH_SECRET", "sandbox-secret-not-for-production" if PAYMENTS_SANDBOX else "")
VNPAY_PAYMENT_URL = env(
    "VNPAY_PAYMENT_URL", "/sandbox/vnpay/paymentv2/vpcpay.html" if PAYMENTS_SANDBOX else ""
)
VNPAY_API_URL = env(
    "VNPAY_API_URL", f"{SITE_URL}/sandbox/vnpay/merchant_webapi/api/transaction" if PAYMENTS_SANDBOX else ""
)
PAYMENT_EXPIRY_MINUTES = env_int("PAYMENT_EXPIRY_MINUTES", 15)


def _origin_of(url: str) -> list[str]:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


# Content-Security-Policy (django-csp): only this site's own scripts, styles and images; no inline
# code, no eval (htmx is configured for it in base.html). The API's Swagger and ReDoc pages, which
# inline their start-up code, are exempt in api/urls.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        # The pay button's answer redirects to the payment gateway: Chromium checks form-action on it.
        "form-action": ["'self'", *_origin_of(VNPAY_PAYMENT_URL)],
        "frame-ancestors": ["'none'"],
    }
}

# Electronic results and digital signatures.
# Extra certificate authorities a signature may chain to (PEM files, comma-separated);
# the demo CA in MOTCUA_DATA_DIR/ca/ is trusted when present.
TRUSTED_CA_FILES = [p.strip() for p in env("TRUSTED_CA_FILES", "").split(",") if p.strip()]
# RFC 3161 timestamp authority: signatures are PAdES B-T with it, B-B without.
TSA_URL = env("TSA_URL", "")
# A running unoserver (host:port) for Word → PDF conversions; empty: start LibreOffice per conversion.
UNOSERVER = env("UNOSERVER", "")
# Wrong signing PINs in a row before a leader's signing is locked, and for how long.
SIGNING_PIN_ATTEMPTS = env_int("SIGNING_PIN_ATTEMPTS", 5)
SIGNING_PIN_LOCK_MINUTES = env_int("SIGNING_PIN_LOCK_MINUTES", 15)
# PKCS#11 module for keys on tokens or HSMs (e.g. /usr/lib/softhsm/libsofthsm2.so).
PKCS11_LIBRARY = env("PKCS11_LIBRARY", "")

# Background jobs (Celery). Embedded default: a broker kept in files under MOTCUA_DATA_DIR/broker/,
# which needs no server and keeps queued jobs across restarts; at scale amqp://… or redis://….
BROKER_DIR = DATA_DIR / "broker"
CELERY_BROKER_URL = env("BROKER_URL", "") or "filesystem://"
if CELERY_BROKER_URL == "filesystem://":
    for folder in ("processed", "control"):
        (BROKER_DIR / folder).mkdir(parents=True, exist_ok=True)
    # kombu's filesystem transport with messages written whole (jobs/broker.py, kombu issue #1551).
    CELERY_BROKER_TRANSPORT = "motcua.jobs.broker:Transport"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR),
        "data_folder_out": str(BROKER_DIR),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
        # Checked every 0.2 s instead of 1 s: jobs start sooner and a stop is noticed at once.
        "polling_interval": 0.2,
    }
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_RESULT_BACKEND = env("RESULT_BACKEND", "") or None
CELERY_TASK_IGNORE_RESULT = CELERY_RESULT_BACKEND is None
# Run every job inline in the process that queues it (no worker): for tests and tiny installations.
CELERY_TASK_ALWAYS_EAGER = env_bool("JOBS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
# A job is acknowledged when it has finished, so a worker killed in the middle hands it back to the broker.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
# Periodic jobs (run by `motcua worker --beat` or `motcua beat`): name → task and period in seconds.
CELERY_BEAT_SCHEDULE = {
    "signing-resume-renderings": {"task": "motcua.signing.resume_renderings", "schedule": 300.0},
    "integration-relay": {
        "task": "motcua.integration.relay",
        "schedule": float(env_int("RELAY_EVERY_SECONDS", 5)),
    },
    "integration-deliver": {"task": "motcua.integration.deliver", "schedule": 15.0},
    "integration-deadline-warnings": {"task": "motcua.integration.deadline_warnings", "schedule": 600.0},
    "integration-overdue": {"task": "motcua.integration.mark_overdue", "schedule": 600.0},
    "documents-digitize-received": {"task": "motcua.documents.digitize_received", "schedule": 300.0},
    "documents-sweep-orphans": {"task": "motcua.documents.sweep_orphans", "schedule": 3600.0},
    "audit-chain": {"task": "motcua.audit.chain", "schedule": AUDIT_CHAIN_SECONDS},
    "audit-checkpoint": {"task": "motcua.audit.checkpoint", "schedule": float(AUDIT_CHECKPOINT_SECONDS)},
    "core-forget-expired-keys": {"task": "motcua.core.forget_expired_keys", "schedule": 3600.0},
    "payments-expire": {"task": "motcua.payments.expire_unpaid", "schedule": 60.0},
    "payments-reconcile": {"task": "motcua.payments.reconcile_pending", "schedule": 300.0},
    "payments-refunds": {"task": "motcua.payments.send_refunds", "schedule": 300.0},
    # The dashboard's figures: events' contributions folded in (pages fold before reading anyway).
    "reports-fold": {"task": "motcua.reports.fold", "schedule": float(env_int("REPORTS_FOLD_SECONDS", 20))},
}
WORKER_CONCURRENCY = env_int("WORKER_CONCURRENCY", 2)


# Outbound events (transactional outbox → AMQP, webhooks, national portal, notifications).
# RabbitMQ the relay publishes every dossier event to (topic exchange motcua.events); empty: no AMQP.
EVENTS_AMQP_URL = env("EVENTS_AMQP_URL", "")
EVENTS_EXCHANGE = env("EVENTS_EXCHANGE", "motcua.events")
RELAY_BATCH_SIZE = env_int("RELAY_BATCH_SIZE", 200)
# Deliveries (webhooks, national portal, e-mail, SMS): retried after RETRY_SECONDS × 2^(attempt-1),
# at most 6 hours apart, then dead (admin → Gửi đi, "Gửi lại") after MAX_ATTEMPTS.
DELIVERY_MAX_ATTEMPTS = env_int("DELIVERY_MAX_ATTEMPTS", 10)
DELIVERY_RETRY_SECONDS = env_int("DELIVERY_RETRY_SECONDS", 30)
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 10)
# National public service portal sync: "log" (write the payloads to the log) or "http".
NATIONAL_PORTAL_PROVIDER = env("NATIONAL_PORTAL_PROVIDER", "log")
NATIONAL_PORTAL_URL = env("NATIONAL_PORTAL_URL", "")
NATIONAL_PORTAL_TOKEN = env("NATIONAL_PORTAL_TOKEN", "")
# Notifications. E-mail through Django's mail backends: MOTCUA_EMAIL_URL (smtp://user:pass@host:587/?tls=True,
# console://, file://...); default: one file per message under MOTCUA_DATA_DIR/mail/.
EMAIL_URL = env("EMAIL_URL", "")
if EMAIL_URL:
    import dj_email_url

    globals().update(dj_email_url.parse(EMAIL_URL))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "mail")
DEFAULT_FROM_EMAIL = env("EMAIL_FROM", "Dịch vụ công <no-reply@dichvucong.localhost>")
# SMS: "log" (writes each message to the log) or a provider registered in motcua.integration.sms.
SMS_PROVIDER = env("SMS_PROVIDER", "log")
