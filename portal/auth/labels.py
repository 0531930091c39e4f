"""Translated names of roles, written once for forms, pages and lists."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.auth.models import Role

ROLE_LABELS = {
    Role.RESIDENT: _l("Resident"),
    Role.GRID_WORKER: _l("Grid worker"),
    Role.MEDIATOR: _l("Mediator"),
    Role.SUPERVISOR: _l("Supervisor"),
    Role.ADVISER: _l("Legal adviser"),
    Role.ADMIN: _l("Administrator"),
}


def role_label(role: Role | str) -> object:
    """The role's name in the user's language."""
    return ROLE_LABELS.get(Role(role), role)
