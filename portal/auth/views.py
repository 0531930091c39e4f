"""Registration, log-in and -out, password and profile; the admin's staff accounts."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from portal.auth import services
from portal.auth.forms import (ChangePasswordForm, LoginForm, ProfileForm, RegisterForm,
                               StaffForm)
from portal.auth.models import Role, User
from portal.db import get_session, utcnow
from portal.errors import DomainError, ValidationFailed
from portal.places.forms import place_choices, village_choices
from portal.web import page_number, paginate, role_required, show_error_on_form

bp = Blueprint("auth", __name__)


def _policy() -> services.PasswordPolicy:
    return services.policy_from_config(current_app.config)


def _safe_next(target: str | None) -> str:
    """Only same-site paths: never bounce a user to another site after log-in."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("home.index")


@bp.route("/register", methods=["GET", "POST"])
def register():
    form = RegisterForm()
    form.village.choices = village_choices(get_session())
    if form.validate_on_submit():
        try:
            user = services.register_resident(
                get_session(), phone=form.phone.data, name=form.name.data,
                village_id=form.village.data, password=form.password.data, policy=_policy(),
            )
        except ValidationFailed as error:
            show_error_on_form(form, error)
        else:
            get_session().commit()
            login_user(user)
            flash(_("Welcome, %(name)s. Your account is ready.", name=user.name), "success")
            return redirect(url_for("home.index"))
    return render_template("auth/register.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(get_session(), phone=form.phone.data,
                                         password=form.password.data, now=utcnow(), policy=_policy())
        except DomainError as error:
            get_session().commit()  # keep the failure count
            form.form_errors.append(error.message)
        else:
            get_session().commit()
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for("home.index"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(get_session(), current_user, current=form.current_password.data,
                                     new=form.new_password.data, policy=_policy())
        except ValidationFailed as error:
            show_error_on_form(form, error)
        else:
            get_session().commit()
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("auth.profile"))
    return render_template("auth/change_password.html", form=form)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(data={"name": current_user.name, "village": current_user.place_id,
                             "locale": current_user.locale or "", "email": current_user.email or ""})
    form.village.choices = village_choices(get_session())
    if form.validate_on_submit():
        try:
            services.update_profile(get_session(), current_user, name=form.name.data,
                                    village_id=form.village.data, locale=form.locale.data or None,
                                    email=form.email.data or "")
        except ValidationFailed as error:
            show_error_on_form(form, error)
        else:
            get_session().commit()
            session.pop("locale", None)  # the saved setting is now the choice
            flash(_("Your profile has been saved."), "success")
            return redirect(url_for("auth.profile"))
    return render_template("auth/profile.html", form=form)


@bp.route("/admin/users")
@role_required(Role.ADMIN)
def admin_users():
    stmt = select(User).where(User.role != Role.RESIDENT).order_by(User.role, User.name)
    page = paginate(get_session(), stmt, page_number(), per_page=50)
    return render_template("auth/admin_users.html", page=page)


@bp.route("/admin/users/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def admin_new_user():
    form = StaffForm()
    form.place.choices = place_choices(get_session())
    if form.validate_on_submit():
        try:
            user = services.create_staff(
                get_session(), phone=form.phone.data, name=form.name.data,
                role=_role_or_none(form.role.data), place_id=form.place.data,
                password=form.password.data, policy=_policy(),
            )
        except ValidationFailed as error:
            show_error_on_form(form, error)
        else:
            get_session().commit()
            flash(_("Account created for %(name)s.", name=user.name), "success")
            return redirect(url_for("auth.admin_users"))
    return render_template("auth/admin_new_user.html", form=form)


def _role_or_none(value: str) -> Role | None:
    return Role(value) if value in Role._value2member_map_ else None
