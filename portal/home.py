"""The home page and the language switcher."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_login import current_user

from portal.db import get_session
from portal.i18n import LOCALES

bp = Blueprint("home", __name__)


@bp.route("/")
def index():
    return render_template("home/index.html")


@bp.route("/language", methods=["POST"])
def set_language():
    """Remember an explicit language choice: in the session, and in the profile when logged in."""
    locale = request.form.get("locale", "")
    if locale in LOCALES:
        session["locale"] = locale
        if current_user.is_authenticated:
            current_user.locale = locale
            get_session().commit()
    target = request.form.get("next", "")
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("home.index")
    return redirect(target)
