"""Small view helpers shared by every area: access guard, loading, pagination, form errors."""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import wraps
from typing import Any, Callable, Generic, TypeVar

from flask import abort, current_app, request
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session
from wtforms.fields.choices import SelectChoice

from portal.auth.models import Role
from portal.db import get_session
from portal.errors import ValidationFailed

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


def role_required(*roles: Role) -> Callable[[F], F]:
    """Guard a view: anonymous users go to log in (and come back), other roles get 403."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()
            if roles and current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


def get_or_404(model: type[T], ident: Any) -> T:
    """The row with this primary key, or a 404 page."""
    obj = get_session().get(model, ident)
    if obj is None:
        abort(404)
    return obj


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list, with what a pager needs to draw itself."""

    items: list[T]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def page_number() -> int:
    """The ?page= argument; anything that is not a positive number means page 1."""
    value = request.args.get("page", "1")
    return int(value) if value.isdigit() and int(value) > 0 else 1


def paginate(session: Session, stmt: Select, page: int, per_page: int = 20) -> Page:
    """Run one page of a select, plus one count query."""
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    rows = session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)).all()
    return Page(items=list(rows), page=page, per_page=per_page, total=total)


def show_error_on_form(form: FlaskForm, error: ValidationFailed) -> None:
    """Attach a service's refusal to the form field it concerns (or to the form as a whole)."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


def options(pairs, optgroup: str | None = None) -> list[SelectChoice]:
    """Select options from (value, label) pairs, optionally under one <optgroup>."""
    return [SelectChoice(value="" if value is None else str(value), label=label, optgroup=optgroup)
            for value, label in pairs]
