"""Locale selection: explicit choice, then the user's setting, then Accept-Language by script."""
from __future__ import annotations

from flask import current_app, has_request_context, request, session
from flask_login import current_user

LOCALES = ("zh_Hans", "en", "zh_Hant")
DEFAULT_LOCALE = "zh_Hans"
HTML_LANG = {"zh_Hans": "zh-Hans", "zh_Hant": "zh-Hant", "en": "en"}
LANGUAGE_NAMES = {"zh_Hans": "简体中文", "en": "English", "zh_Hant": "繁體中文"}

# Traditional script regions; every other Chinese tag is read as Simplified.
_HANT_REGIONS = {"tw", "hk", "mo"}


def locale_for_tag(tag: str) -> str | None:
    """Map one BCP 47 tag to a portal locale by script (zh-TW → zh_Hant, zh-SG → zh_Hans)."""
    parts = tag.replace("_", "-").lower().split("-")
    if parts[0] == "en":
        return "en"
    if parts[0] != "zh":
        return None
    subtags = set(parts[1:])
    if "hant" in subtags:
        return "zh_Hant"
    if "hans" in subtags:
        return "zh_Hans"
    return "zh_Hant" if subtags & _HANT_REGIONS else "zh_Hans"


def locale_from_header() -> str | None:
    """The first supported locale in the Accept-Language header, best quality first."""
    for tag, _quality in request.accept_languages:
        locale = locale_for_tag(tag)
        if locale:
            return locale
    return None


def select_locale() -> str:
    """Flask-Babel's locale selector (commands outside a request use the default)."""
    if not has_request_context():
        return current_app.config.get("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    chosen = session.get("locale")
    if chosen in LOCALES:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in LOCALES:
        return current_user.locale
    return locale_from_header() or current_app.config.get("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)


def init_app(app) -> None:
    """Expose the page language and the switcher's choices to templates."""
    from flask_babel import get_locale

    @app.context_processor
    def language_context() -> dict:
        locale = str(get_locale() or DEFAULT_LOCALE)
        return {"html_lang": HTML_LANG.get(locale, "zh-Hans"), "current_locale": locale,
                "language_names": LANGUAGE_NAMES}
