"""The header navigation: one list, filtered by the user's role."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.auth.models import Role

EVERYONE: frozenset[Role] = frozenset(Role)
CASELOAD_ROLES: frozenset[Role] = frozenset({Role.MEDIATOR, Role.SUPERVISOR})


@dataclass(frozen=True)
class NavItem:
    """A link in the header: `roles` (empty: every role) when logged in, `anonymous` when not."""

    endpoint: str
    label: object
    roles: frozenset[Role] = frozenset()
    anonymous: bool = True
    signed_in: bool = True  # False: only for visitors who are not logged in


# Areas add their entries here; an entry whose endpoint is not registered is left out.
NAV_ITEMS: list[NavItem] = [
    NavItem("home.index", _l("Home")),
    NavItem("kb.index", _l("Law and guides")),
    # Mediators and supervisors land on their queue; everyone else on their own cases.
    NavItem("disputes.queue_page", _l("My queue"), CASELOAD_ROLES, anonymous=False),
    NavItem("disputes.supervision_page", _l("Supervision"), frozenset({Role.SUPERVISOR}), anonymous=False),
    NavItem("disputes.case_list", _l("Disputes"), EVERYONE - CASELOAD_ROLES, anonymous=False),
    NavItem("disputes.invitation", _l("Invitation code"), signed_in=False),
    NavItem("advice.index", _l("Legal advice"), EVERYONE, anonymous=False),
    NavItem("advice.faq_list", _l("Answered questions"), anonymous=True),
    NavItem("places.admin_list", _l("Places"), frozenset({Role.ADMIN}), anonymous=False),
    NavItem("auth.admin_users", _l("Staff accounts"), frozenset({Role.ADMIN}), anonymous=False),
]


def items_for_current_user() -> list[NavItem]:
    """The entries the current user may see."""
    registered = current_app.view_functions
    if current_user.is_authenticated:
        visible = [i for i in NAV_ITEMS
                   if i.signed_in and (not i.roles or current_user.role in i.roles)]
    else:
        visible = [i for i in NAV_ITEMS if i.anonymous]
    return [i for i in visible if i.endpoint in registered]


def init_app(app: Flask) -> None:
    """Make the navigation available to every template."""
    app.context_processor(lambda: {"nav_items": items_for_current_user()})
