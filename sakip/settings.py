"""Setelan Django sakip.

Basis data: ``DATABASE_URL`` (mis. ``postgres://postgres@127.0.0.1:5432/sakip``)
atau, bila kosong, SQLite di ``$SAKIP_HOME/sakip.sqlite3``.
"""

from __future__ import annotations

import os
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

from sakip.paths import PACKAGE_DIR, sakip_home

BASE_DIR = PACKAGE_DIR
SAKIP_HOME = sakip_home()


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "ya", "yes", "on"}


def database_from_url(url: str | None) -> dict:
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(SAKIP_HOME / "sakip.sqlite3"),
            # IMMEDIATE: transaksi tulis mengunci sejak awal, sehingga dua penyimpan yang
            # bersamaan antre (bukan gagal "database is locked") dan yang kedua membaca versi baru.
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    parsed = urlparse(url)
    if parsed.scheme in {"postgres", "postgresql", "pgsql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")) or "sakip",
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": 60,
        }
    if parsed.scheme == "sqlite":
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": unquote(parsed.path) or ":memory:",
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    raise ValueError(
        f"DATABASE_URL dengan skema '{parsed.scheme}' tidak didukung (pakai postgres:// atau sqlite://)"
    )


DEFAULT_SECRET_KEY = "sakip-demo-bukan-untuk-produksi"
SECRET_KEY = os.environ.get("SAKIP_SECRET_KEY", DEFAULT_SECRET_KEY)
PRODUCTION = _env_bool("SAKIP_PRODUCTION", False)
# DEBUG hanya bila diminta (SAKIP_DEBUG=1, untuk pengembang): pengguna tidak pernah melihat
# halaman traceback; kesalahan dicatat di $SAKIP_HOME/log/galat.log (LOGGING di bawah).
DEBUG = _env_bool("SAKIP_DEBUG", False)
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("SAKIP_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "sakip.organisations",
    "sakip.workflow",
    "sakip.rpjmd",
    "sakip.planning",
    "sakip.measurement",
    "sakip.budget",
    "sakip.review",
    "sakip.reporting",
    "sakip.evaluation",
    "sakip.interchange",
    "sakip.web",
    "sakip.commands",
    "sakip.audit",
    "sakip.tugas",
    "sakip.harian",
    "sakip.publikasi",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

AUTHENTICATION_BACKENDS = [
    "sakip.organisations.auth.AxesBackend",
    "sakip.organisations.auth.ModelBackend",
]

# Pembatasan percobaan masuk (django-axes): 5 kali gagal → terkunci 15 menit untuk nama pengguna +
# alamat klien itu saja; pemilik akun dari alamat lain tetap dapat masuk (docs/keamanan.md).
AXES_FAILURE_LIMIT = int(os.environ.get("SAKIP_LOGIN_GAGAL_MAKS", "5"))
AXES_COOLOFF_TIME = 0.25  # jam
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Di belakang reverse proxy: alamat proksi yang tepercaya (dipisah koma, mis. 127.0.0.1); alamat
# klien lalu dibaca dari X-Forwarded-For (sakip.organisations.auth.alamat_klien).
SAKIP_PROXY_TEPERCAYA = tuple(
    a.strip() for a in os.environ.get("SAKIP_PROXY_TEPERCAYA", "").split(",") if a.strip()
)
AXES_CLIENT_IP_CALLABLE = "sakip.organisations.auth.alamat_klien"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/terkunci.html"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sakip.web.middleware.ContentSecurityPolicyMiddleware",
    "sakip.web.middleware.TolakNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sakip.organisations.middleware.OTPMiddleware",
    "sakip.organisations.middleware.SesiTidakAktifMiddleware",
    "sakip.organisations.middleware.FaktorKeduaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "sakip.audit.middleware.CurrentUserMiddleware",
    "sakip.api.app.ETagMiddleware",
    "axes.middleware.AxesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "sakip.urls"
WSGI_APPLICATION = "sakip.wsgi.application"

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
                "sakip.web.menu.menu",
            ],
        },
    }
]

DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Tugas latar (django-tasks + django-tasks-db): antrean di basis data yang sama, tanpa layanan
# tambahan; pekerja: `sakip worker` (beberapa proses/mesin boleh, SELECT … FOR UPDATE SKIP LOCKED).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# Pekerja yang tidak berdetak selama sekian detik dianggap mati; tugasnya diulang pekerja lain.
SAKIP_TUGAS_BATAS_DETAK = int(os.environ.get("SAKIP_TUGAS_BATAS_DETAK", "60"))
# Tugas berkala yang diantrekan pekerja: {jalur tugas: selang detik}. Pengingat tenggat + surel.
SAKIP_TUGAS_BERKALA = {
    "sakip.harian.tasks.pengingat": int(os.environ.get("SAKIP_PENGINGAT_SELANG", "3600")),
}
# Pengingat dikirim sekian hari sebelum tenggat (sekali per pengguna per peristiwa).
SAKIP_PENGINGAT_HARI = int(os.environ.get("SAKIP_PENGINGAT_HARI", "7"))

# Surel pemberitahuan (kerangka surel Django). Tanpa SAKIP_SMTP_HOST surel dicetak ke konsol
# (demo, uji coba); produksi: SAKIP_SMTP_HOST, _PORT, _USER, _PASSWORD, _TLS, SAKIP_SUREL_DARI.
if os.environ.get("SAKIP_SMTP_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["SAKIP_SMTP_HOST"]
    EMAIL_PORT = int(os.environ.get("SAKIP_SMTP_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("SAKIP_SMTP_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("SAKIP_SMTP_PASSWORD", "")
    EMAIL_USE_TLS = _env_bool("SAKIP_SMTP_TLS", True)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("SAKIP_SUREL_DARI", "sakip <sakip@localhost>")
# Alamat situs untuk tautan di surel (mis. https://sakip.klungkungkab.go.id)
SAKIP_ALAMAT_SITUS = os.environ.get("SAKIP_ALAMAT_SITUS", "")

# Tembolok per proses (dasbor per versi data). Kunci memuat versi data, jadi beberapa proses/mesin
# dengan tembolok masing-masing tetap benar: perubahan data = kunci baru.
# "bersama": berkas di SAKIP_HOME, dipakai bersama semua proses satu mesin (worker gunicorn yang baru
# mulai tidak membangun ulang dasbor yang sudah dibangun worker lain); lihat sakip/web/tembolok.py.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "sakip",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    # halaman utuh per pengguna dan versi/tanda data (sakip.web.tembolok.halaman), termampatkan;
    # jumlah isinya berbatas per proses
    "halaman": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "sakip-halaman",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
    "bersama": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(SAKIP_HOME / "tembolok"),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

# Tembolok bersama jaringan (Redis), untuk beberapa mesin aplikasi: SAKIP_REDIS_URL, mis.
# redis://10.0.0.5:6379/0. Sesi lalu dibaca dari Redis (ditulis juga ke basis data: cached_db),
# pengguna dan dasbor disimpan di bawah tanda data yang diganti sesudah setiap commit
# (sakip/audit/tanda.py): halaman bersesi yang datanya tidak berubah tanpa satu kueri pun.
# Tanpa SAKIP_REDIS_URL (bawaan, satu mesin): tembolok berkas di atas, sesi di basis data.
SAKIP_REDIS_URL = os.environ.get("SAKIP_REDIS_URL", "").strip()
if SAKIP_REDIS_URL and not SAKIP_REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(
        f"SAKIP_REDIS_URL (awalan '{SAKIP_REDIS_URL.split('://')[0][:20]}') bukan alamat Redis: tulis mis. "
        "redis://10.0.0.5:6379/0 (rediss:// untuk TLS, unix:///run/redis.sock), atau kosongkan."
    )
SAKIP_TANDA_BERSAMA = bool(SAKIP_REDIS_URL)
if SAKIP_REDIS_URL:
    CACHES["bersama"] = {
        "BACKEND": "sakip.audit.tanda.RedisCache",
        "LOCATION": SAKIP_REDIS_URL,
        "KEY_PREFIX": os.environ.get("SAKIP_REDIS_AWALAN", "sakip"),
        "KEY_FUNCTION": "sakip.audit.tanda.kunci",
        "TIMEOUT": 6 * 3600,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
    }
    SESSION_ENGINE = "sakip.organisations.sesi"
    SESSION_CACHE_ALIAS = "bersama"

# Daftar API bernomor halaman (django-ninja): ?limit= 1–500 (bawaan 100) dan ?offset=.
NINJA_PAGINATION_PER_PAGE = 100
NINJA_PAGINATION_MAX_LIMIT = 500
NINJA_PAGINATION_CLASS = "sakip.api.halaman.Halaman"  # offset berbatas (sakip/api/halaman.py)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = os.environ.get("SAKIP_TIME_ZONE", "Asia/Makassar")
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False  # angka dicetak oleh sakip.core.numbers

STATIC_URL = "/static/"
STATIC_ROOT = str(SAKIP_HOME / "static")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
MEDIA_URL = "/media/"
MEDIA_ROOT = str(SAKIP_HOME / "media")

LOGIN_URL = "/masuk/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Setelan kinerja bawaan; Pemda dapat menimpanya pada datanya sendiri.
SAKIP_DEFAULT_PREDIKAT = "permendagri-86-2017"
SAKIP_DEFAULT_METODE_TURUN = "permenpan"


# Pengerasan sesi, CSRF dan header keamanan.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Sesi berakhir setelah tidak aktif selama SAKIP_SESI_MENIT menit (bawaan 30); batas mutlak 12 jam.
SAKIP_SESI_TIDAK_AKTIF = int(os.environ.get("SAKIP_SESI_MENIT", "30")) * 60
SESSION_COOKIE_AGE = 12 * 3600

# Masuk dua langkah (TOTP, django-otp). Wajib untuk superuser, Admin Pemda dan Inspektorat bila
# SAKIP_2FA_WAJIB menyala (bawaan: menyala dalam mode produksi); pilihan bagi peran lain, dan sekali
# didaftarkan selalu diminta.
SAKIP_2FA_WAJIB = _env_bool("SAKIP_2FA_WAJIB", PRODUCTION)
OTP_TOTP_ISSUER = os.environ.get("SAKIP_2FA_PENERBIT", "sakip")
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "sakip.web.views_akun.csrf_gagal"  # halaman berbahasa pengguna, jalan kembali
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("SAKIP_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
if PRODUCTION:
    SESSION_COOKIE_SECURE = _env_bool("SAKIP_HTTPS", True)
    CSRF_COOKIE_SECURE = _env_bool("SAKIP_HTTPS", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SAKIP_HSTS_SECONDS", "0"))

# Content-Security-Policy: tidak ada skrip sebaris; semua aset dari server ini sendiri.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
)


# Kesalahan tak terduga: traceback lengkap ke $SAKIP_HOME/log/galat.log (berputar 5 × 5 MB) dan
# ke stderr; pengguna hanya melihat halaman 500 berbahasa Indonesia.
LOG_DIR = SAKIP_HOME / "log"
try:
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    _log_file = os.access(LOG_DIR, os.W_OK)
except OSError:
    _log_file = False
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "lengkap": {
            "format": "=== {asctime} {levelname} {name} pid={process}\n{message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "level": "WARNING"},
        **(
            {
                "berkas": {
                    "class": "logging.handlers.RotatingFileHandler",
                    "filename": str(LOG_DIR / "galat.log"),
                    "maxBytes": 5 * 1024 * 1024,
                    "backupCount": 5,
                    "encoding": "utf-8",
                    "delay": True,
                    "level": "ERROR",
                    "formatter": "lengkap",
                }
            }
            if _log_file
            else {}
        ),
    },
    "loggers": {
        "django.request": {
            "handlers": ["console", *(["berkas"] if _log_file else [])],
            "level": "ERROR",
            "propagate": False,
        },
        "sakip": {
            "handlers": ["console", *(["berkas"] if _log_file else [])],
            "level": "WARNING",
            "propagate": False,
        },
        # tugas yang gagal: pesannya untuk pengguna ada di Tugas (halaman dan `sakip tugas`);
        # traceback-nya hanya ke galat.log
        "django_tasks": {
            "handlers": ["berkas"] if _log_file else [],
            "level": "ERROR",
            "propagate": False,
        },
    },
}
