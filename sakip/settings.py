"""Setelan Django sakip.

Basis data: ``DATABASE_URL`` (mis. ``postgres://postgres@127.0.0.1:5432/sakip``)
atau, bila kosong, SQLite di ``$SAKIP_HOME/sakip.sqlite3``.
"""

from __future__ import annotations

import os
from urllib.parse import unquote, urlparse

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
            "OPTIONS": {"timeout": 20},
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
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": unquote(parsed.path) or ":memory:"}
    raise ValueError(
        f"DATABASE_URL dengan skema '{parsed.scheme}' tidak didukung (pakai postgres:// atau sqlite://)"
    )


SECRET_KEY = os.environ.get("SAKIP_SECRET_KEY", "sakip-demo-bukan-untuk-produksi")
DEBUG = _env_bool("SAKIP_DEBUG", True)
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
    "sakip.planning",
    "sakip.measurement",
    "sakip.budget",
    "sakip.review",
    "sakip.reporting",
    "sakip.interchange",
    "sakip.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
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
            ],
        },
    }
]

DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
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
MEDIA_URL = "/media/"
MEDIA_ROOT = str(SAKIP_HOME / "media")

LOGIN_URL = "/masuk/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Setelan kinerja bawaan; Pemda dapat menimpanya pada datanya sendiri.
SAKIP_DEFAULT_PREDIKAT = "permendagri-86-2017"
SAKIP_DEFAULT_METODE_TURUN = "permenpan"
