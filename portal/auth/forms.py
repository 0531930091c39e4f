"""Account forms. Choices are checked by the services, which say what is wrong in plain words."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from portal.auth.labels import ROLE_LABELS
from portal.auth.models import Role
from portal.i18n import LANGUAGE_NAMES
from portal.web import options

REQUIRED = _l("This field is required.")


def _optional_int(value: object) -> int | None:
    return int(value) if str(value).isdigit() else None


class PhoneField(StringField):
    """A mobile number input with the phone keyboard on a phone."""

    def __init__(self, label: object = None, **kwargs) -> None:
        render_kw = {"inputmode": "numeric", "autocomplete": "tel", "maxlength": 13}
        super().__init__(label, validators=[DataRequired(REQUIRED)], render_kw=render_kw, **kwargs)


class RegisterForm(FlaskForm):
    phone = PhoneField(_l("Mobile number"))
    name = StringField(_l("Your name"), validators=[DataRequired(REQUIRED), Length(max=60)])
    village = SelectField(_l("Your village"), coerce=_optional_int, validate_choice=False)
    password = PasswordField(_l("Password"), validators=[DataRequired(REQUIRED)],
                             render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(
        _l("Password again"),
        validators=[DataRequired(REQUIRED), EqualTo("password", _l("The two passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Register"))


class LoginForm(FlaskForm):
    phone = PhoneField(_l("Mobile number"))
    password = PasswordField(_l("Password"), validators=[DataRequired(REQUIRED)],
                             render_kw={"autocomplete": "current-password"})
    submit = SubmitField(_l("Log in"))


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired(REQUIRED)])
    new_password = PasswordField(_l("New password"), validators=[DataRequired(REQUIRED)])
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(REQUIRED), EqualTo("new_password", _l("The two passwords differ."))],
    )
    submit = SubmitField(_l("Change password"))


class ProfileForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[DataRequired(REQUIRED), Length(max=60)])
    village = SelectField(_l("Your village"), coerce=_optional_int, validate_choice=False)
    locale = SelectField(_l("Language"), choices=options([("", _l("Automatic")), *LANGUAGE_NAMES.items()]),
                         validate_choice=False)
    # Checked by the service, which says what is wrong in the user's language.
    email = StringField(_l("Email (optional)"), render_kw={"autocomplete": "email", "inputmode": "email"})
    submit = SubmitField(_l("Save"))




class StaffForm(FlaskForm):
    phone = PhoneField(_l("Mobile number (login)"))
    name = StringField(_l("Name"), validators=[DataRequired(REQUIRED), Length(max=60)])
    role = SelectField(_l("Role"), choices=options((r.value, ROLE_LABELS[r]) for r in Role if r is not Role.RESIDENT),
                       validate_choice=False)
    place = SelectField(_l("Place"), coerce=_optional_int, validate_choice=False)
    password = PasswordField(_l("First password"), validators=[DataRequired(REQUIRED)])
    submit = SubmitField(_l("Create account"))
