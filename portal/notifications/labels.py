"""Translated titles and messages of notification kinds: the one place they are worded."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask_babel import format_date, format_datetime
from flask_babel import lazy_gettext as _l

from portal.notifications.models import Kind

TITLES = {
    Kind.CASE_ACCEPTED: _l("Case accepted"),
    Kind.CONSENT_REQUESTED: _l("Your consent to mediation is requested"),
    Kind.SESSION_SCHEDULED: _l("Mediation session scheduled"),
    Kind.STAGE_CHANGED: _l("Case stage changed"),
    Kind.ASSIGNED_TO_YOU: _l("Case assigned to you"),
    Kind.ESCALATED_TO_YOU: _l("Case escalated to you"),
    Kind.DEADLINE_NEAR: _l("Deadline near"),
    Kind.OVERDUE: _l("Overdue"),
    Kind.RISK_RAISED: _l("Case marked at risk"),
    Kind.SUPERVISION_NOTE: _l("New supervision note"),
    Kind.AGREEMENT_TERM_DUE: _l("Agreement term due"),
    Kind.RETURN_VISIT_DUE: _l("Return visit due"),
    Kind.QUESTION_ANSWERED: _l("Your question has been answered"),
    Kind.INFO_REQUESTED: _l("The adviser needs more information from you"),
    Kind.QUESTION_EXPIRED: _l("Your question was closed without an answer"),
    Kind.MEDIATOR_CHANGE_REQUESTED: _l("A party asks for another mediator"),
}

# Optional details filled from the notification's params; shown only while the subject is visible.
MESSAGES = {
    Kind.SESSION_SCHEDULED: _l("On %(when)s."),
    Kind.DEADLINE_NEAR: _l("Due on %(due)s."),
    Kind.OVERDUE: _l("It was due on %(due)s."),
    Kind.AGREEMENT_TERM_DUE: _l("Due on %(due)s."),
    Kind.RETURN_VISIT_DUE: _l("Due on %(due)s."),
    Kind.QUESTION_EXPIRED: _l("Call the 12348 legal hotline or the county legal aid centre: "
                              "they will help you for free."),
}


def kind_title(kind: Kind | str) -> object:
    """The kind's title in the current language."""
    try:
        return TITLES.get(Kind(kind), str(kind))
    except ValueError:
        return str(kind)


def _shown(value: Any) -> Any:
    """ISO dates and times from params, written the reader's way; anything else as it is."""
    if isinstance(value, str):
        try:
            if len(value) == 10:
                return format_date(date.fromisoformat(value))
            return format_datetime(datetime.fromisoformat(value))
        except ValueError:
            return value
    return value


def kind_message(kind: Kind | str, params: dict[str, Any]) -> str | None:
    """The kind's detail line from params, or None when the kind has none or a param is missing."""
    template = MESSAGES.get(kind)  # type: ignore[call-overload]
    if template is None:
        return None
    try:
        return str(template) % {key: _shown(value) for key, value in params.items()}
    except (KeyError, TypeError, ValueError):
        return None
