"""The notification centre: list, open one, mark all read; and the header's unread count."""
from __future__ import annotations

from flask import Blueprint, Flask, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.db import get_session, utcnow
from portal.errors import NotFoundError
from portal.notifications import mail, services
from portal.web import page_number, paginate, role_required

bp = Blueprint("notifications", __name__, url_prefix="/notifications")
PER_PAGE = 20


@bp.route("")
@role_required()
def centre():
    session = get_session()
    page = paginate(session, services.newest_first(current_user), page_number(), PER_PAGE)
    entries = services.describe(session, current_user, page.items)
    return render_template("notifications/centre.html", page=page, entries=entries)


@bp.route("/<int:notification_id>")
@role_required()
def open_one(notification_id: int):
    session = get_session()
    try:
        target = services.open_notification(session, current_user, notification_id, utcnow())
    except NotFoundError as error:
        flash(error.message, "error")
        return redirect(url_for("notifications.centre"))
    session.commit()
    if target is None:
        flash(_("This is no longer available to you."), "info")
        return redirect(url_for("notifications.centre"))
    return redirect(target)


@bp.route("/read-all", methods=["POST"])
@role_required()
def read_all():
    count = services.mark_all_read(get_session(), current_user, utcnow())
    get_session().commit()
    if count:
        flash(_("All notifications are marked read."), "success")
    return redirect(url_for("notifications.centre"))


def unread_for_header() -> int:
    """The current user's unread count, queried at most once per request."""
    if not current_user.is_authenticated:
        return 0
    if "unread_notifications" not in g:
        g.unread_notifications = services.unread_count(get_session(), current_user)
    return g.unread_notifications


def init_app(app: Flask) -> None:
    """Register the centre, the header count and the email hook."""
    app.register_blueprint(bp)
    app.jinja_env.globals["unread_notifications"] = unread_for_header
    mail.init_app(app)
