"""The home page and the language switcher."""
from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.auth.models import Role
from portal.db import get_session
from portal.i18n import LOCALES

bp = Blueprint("home", __name__)

# What each role comes to do, first thing (endpoint, label, primary button?).
HOME_ACTIONS: dict[Role, list[tuple[str, object, bool]]] = {
    Role.RESIDENT: [("disputes.choose_type", _l("Ask for mediation"), True),
                    ("disputes.case_list", _l("My disputes"), False),
                    ("advice.index", _l("My legal questions"), False)],
    Role.GRID_WORKER: [("disputes.choose_type", _l("File a dispute for a resident"), True),
                       ("disputes.case_list", _l("Disputes I filed"), False)],
    Role.MEDIATOR: [("disputes.queue_page", _l("My queue"), True)],
    Role.SUPERVISOR: [("disputes.supervision_page", _l("Supervision"), True),
                      ("disputes.queue_page", _l("My queue"), False)],
    Role.ADVISER: [("advice.queue", _l("Questions to answer"), True)],
    Role.ADMIN: [("places.admin_list", _l("Places"), False), ("auth.admin_users", _l("Staff accounts"), False)],
}


def has_endpoint(endpoint: str) -> bool:
    """True when a view with this name is registered (areas can be left out of an installation)."""
    return endpoint in current_app.view_functions


def home_actions() -> list[tuple[str, object, bool]]:
    """The current user's first-thing buttons."""
    return [a for a in HOME_ACTIONS.get(current_user.role, []) if has_endpoint(a[0])]


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


@bp.app_context_processor
def home_helpers() -> dict:
    return {"has_endpoint": has_endpoint, "home_actions": home_actions}
