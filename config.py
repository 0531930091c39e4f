"""Configuration classes; every secret and location comes from the environment."""
from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent
INSTANCE_PATH = Path(os.environ.get("PORTAL_INSTANCE_DIR", PROJECT_ROOT / "instance"))

# Refused in production: anyone can read it here.
DEVELOPMENT_SECRET_KEY = "dev-only-secret-key-do-not-deploy"


class Config:
    """Settings shared by every environment."""

    SECRET_KEY = os.environ.get("PORTAL_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
    DATABASE_URL = os.environ.get(
        "PORTAL_DATABASE_URL", f"sqlite:///{INSTANCE_PATH / 'portal.sqlite3'}"
    )
    INDEX_DIR = os.environ.get("PORTAL_INDEX_DIR", str(INSTANCE_PATH / "search-index"))
    UPLOAD_DIR = os.environ.get("PORTAL_UPLOAD_DIR", str(INSTANCE_PATH / "uploads"))
    MAX_CONTENT_LENGTH = 12 * 1024 * 1024

    BABEL_DEFAULT_LOCALE = "zh_Hans"
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"
    BABEL_TRANSLATION_DIRECTORIES = str(PROJECT_ROOT / "translations")
    LANGUAGES = ("zh_Hans", "en", "zh_Hant")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(days=14)
    WTF_CSRF_TIME_LIMIT = None  # a villager may take an hour to fill a form

    PASSWORD_MIN_LENGTH = 8
    LOGIN_MAX_FAILURES = 5
    LOGIN_LOCK_MINUTES = 15

    # Days a tier has to conclude a mediation (人民调解工作若干规定 33: normally one month).
    DISPUTES_TIER_DAYS = int(os.environ.get("PORTAL_DISPUTES_TIER_DAYS", "30"))

    MAIL_SERVER = os.environ.get("PORTAL_MAIL_SERVER", "")
    # Unset: the usual port of MAIL_SECURITY (25, 587 for starttls, 465 for ssl).
    MAIL_PORT = int(os.environ["PORTAL_MAIL_PORT"]) if os.environ.get("PORTAL_MAIL_PORT") else None
    MAIL_SENDER = os.environ.get("PORTAL_MAIL_SENDER", "noreply@baisha.example")
    # none | starttls | ssl; unset: starttls with a username, else none (portal/notifications/smtp.py).
    MAIL_SECURITY = os.environ.get("PORTAL_MAIL_SECURITY", "")
    MAIL_USERNAME = os.environ.get("PORTAL_MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("PORTAL_MAIL_PASSWORD", "")  # only ever from the environment

    TESTING = False
    DEBUG = False


class DevelopmentConfig(Config):
    """Local development: `make run`."""

    DEBUG = True


class TestConfig(Config):
    """The test suite; PORTAL_TEST_DATABASE_URL points it at PostgreSQL."""

    TESTING = True
    SECRET_KEY = "test-secret-key"
    DATABASE_URL = os.environ.get("PORTAL_TEST_DATABASE_URL", "sqlite://")
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # fast hashes keep the suite quick


class ProductionConfig(Config):
    """Production: secure cookies; refuses the development secret key."""

    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}
