"""Disputes forms. Fields are loose on purpose: the services check the rules and say what is wrong."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, DecimalField, FieldList, Form, FormField, HiddenField,
                     IntegerField, MultipleFileField, RadioField, SelectField, SelectMultipleField, StringField,
                     SubmitField, TextAreaField, TimeField)
from wtforms.widgets import CheckboxInput, ListWidget
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from portal.disputes import labels
from portal.disputes.workflow import Action
from portal.web import options

REQUIRED = _l("This field is required.")


def _optional_int(value: object) -> int | None:
    return int(value) if str(value).isdigit() else None


def _choices(mapping: dict) -> list:
    return options((code.value, title) for code, title in mapping.items())


class RespondentForm(Form):
    """One other party (a sub-form: the outer form carries the CSRF token)."""

    name = StringField(_l("Name"), validators=[Length(max=60)])
    phone = StringField(_l("Mobile number (if known)"), validators=[Length(max=20)],
                        render_kw={"inputmode": "tel", "autocomplete": "off"})
    place_id = SelectField(_l("Their village"), coerce=_optional_int, validate_choice=False)
    relation = StringField(_l("How you are related (neighbour, relative …)"), validators=[Length(max=60)])


class FilingForm(FlaskForm):
    """A dispute as a resident, a grid worker or a mediator files it."""

    dispute_type = HiddenField()
    facts = TextAreaField(_l("What happened?"), validators=[DataRequired(REQUIRED), Length(max=4000)])
    claims = TextAreaField(_l("What would you like to happen?"),
                           validators=[DataRequired(REQUIRED), Length(max=2000)])
    occurred_on = DateField(_l("When did it happen? (if you know)"), validators=[Optional()])
    place_id = SelectField(_l("Where did it happen?"), coerce=_optional_int, validate_choice=False)
    respondents = FieldList(FormField(RespondentForm), min_entries=3, max_entries=5)
    language = SelectField(_l("Language for the mediation"), choices=_choices(labels.LANGUAGES))
    language_note = StringField(_l("Other language, or anything about language"), validators=[Length(max=60)])
    privacy = RadioField(_l("Session"), choices=_choices(labels.PRIVACY), default="private")
    source = SelectField(_l("How the case came to you"), choices=_choices(labels.SOURCES))
    applicant_name = StringField(_l("Applicant's name"), validators=[Length(max=60)])
    applicant_phone = StringField(_l("Applicant's mobile number"), validators=[Length(max=20)],
                                  render_kw={"inputmode": "tel"})
    applicant_place = SelectField(_l("Applicant's village"), coerce=_optional_int, validate_choice=False)
    files = MultipleFileField(_l("Photos or PDF files (optional)"),
                              render_kw={"accept": "image/jpeg,image/png,image/webp,application/pdf"})
    submit = SubmitField(_l("Send the application"))


class VersionedForm(FlaskForm):
    """A form on a case page: carries the version of the case it was built on."""

    version = HiddenField()

    def version_number(self) -> int | None:
        """The version the form was built on (None when missing)."""
        return _optional_int(self.version.data)


class ActionForm(VersionedForm):
    """One form for every workflow action; each action shows only the fields it uses."""

    reason = TextAreaField(_l("Reason"), validators=[Length(max=2000)])
    note = TextAreaField(_l("Note"), validators=[Length(max=4000)])
    referral_route = SelectField(_l("Where the parties can go"), validate_choice=False,
                                 choices=options([("", "—")]) + _choices(labels.REFERRAL_ROUTES))
    not_civil = BooleanField(_l("This is not a civil dispute"))
    party = SelectField(_l("Party"), coerce=_optional_int, validate_choice=False)
    channel = RadioField(_l("How they told you"), choices=_choices(labels.CONSENT_CHANNELS),
                         validate_choice=False)
    signed_on = DateField(_l("Date of signing"), validators=[Optional()])
    risk_level = SelectField(_l("Level of risk"), choices=_choices(labels.RISK_LEVELS), validate_choice=False)
    on = DateField(_l("Date"), validators=[Optional()])
    method = RadioField(_l("How"), choices=_choices(labels.VISIT_METHODS), validate_choice=False)
    term = SelectField(_l("Term"), coerce=_optional_int, validate_choice=False)
    performance = RadioField(_l("Performed?"), choices=_choices(labels.PERFORMANCE), validate_choice=False)
    rating = RadioField(_l("Score"), choices=options((n, str(n)) for n in range(5, 0, -1)),
                        coerce=_optional_int, validate_choice=False)
    submit = SubmitField(_l("Confirm"))


# The ActionForm fields each action shows (the rest stay hidden).
ACTION_FIELDS: dict[Action, tuple[str, ...]] = {
    Action.DECLINE: ("reason", "not_civil", "referral_route"),
    Action.RECORD_CONSENT: ("party", "channel", "note"),
    Action.RECORD_REFUSAL: ("party", "channel", "note"),
    Action.REFUSE_CONSENT: ("note",),
    Action.RECORD_ORAL_AGREEMENT: ("note",),
    Action.SIGN_AGREEMENT: ("signed_on",),
    Action.FAIL: ("reason",),
    Action.ESCALATE: ("reason",),
    Action.REFER: ("referral_route", "note"),
    Action.WITHDRAW: ("reason",),
    Action.ADD_INFORMATION: ("note",),
    Action.SET_RISK: ("risk_level", "reason"),
    Action.CLEAR_RISK: ("reason",),
    Action.PAUSE_CLOCK: ("reason",),
    Action.REQUEST_OTHER_MEDIATOR: ("reason",),
    Action.SUPERVISE: ("note",),
    Action.RECORD_PERFORMANCE: ("term", "performance", "note"),
    Action.SCHEDULE_RETURN_VISIT: ("on",),
    Action.RECORD_RETURN_VISIT: ("on", "method", "note"),
    Action.RATE: ("rating", "note"),
    Action.CLOSE: ("note",),
}
# Actions with a page of their own rather than a button on the case page.
OWN_PAGE_ACTIONS = {Action.SCHEDULE_SESSION: "disputes.schedule_session",
                    Action.RECORD_SESSION: "disputes.record_session",
                    Action.DRAFT_AGREEMENT: "disputes.agreement_form",
                    Action.ASSIGN: "disputes.assign"}


class SessionForm(VersionedForm):
    """Schedule a mediation session."""

    day = DateField(_l("Date"), validators=[DataRequired(REQUIRED)])
    time = TimeField(_l("Time"), validators=[DataRequired(REQUIRED)])
    location = StringField(_l("Place"), validators=[DataRequired(REQUIRED), Length(max=120)])
    privacy = RadioField(_l("Session"), choices=_choices(labels.PRIVACY), default="private")
    submit = SubmitField(_l("Schedule"))


class SessionRecordForm(VersionedForm):
    """The record of a session that took place."""

    session_id = SelectField(_l("Session"), coerce=_optional_int, validate_choice=False)
    attendees = TextAreaField(_l("Who attended"), validators=[Length(max=1000)])
    record = TextAreaField(_l("What was said"), validators=[DataRequired(REQUIRED), Length(max=8000)])
    outcome = TextAreaField(_l("Outcome"), validators=[Length(max=2000)])
    submit = SubmitField(_l("Save the record"))


class TermForm(Form):
    """One agreed term."""

    text = TextAreaField(_l("What is agreed"), validators=[Length(max=1000)])
    method = StringField(_l("How it is carried out"), validators=[Length(max=200)])
    due_on = DateField(_l("By when"), validators=[Optional()])


class PartyDetailsForm(Form):
    """A party's details as the agreement states them (PML 28)."""

    party_id = HiddenField()
    sex = SelectField(_l("Sex"), choices=options([("", "—"), ("female", _l("Female")), ("male", _l("Male"))]))
    age = IntegerField(_l("Age"), validators=[Optional(), NumberRange(min=0, max=130)])
    ethnicity = StringField(_l("Ethnicity"), validators=[Length(max=20)])
    occupation = StringField(_l("Occupation"), validators=[Length(max=40)])
    address = StringField(_l("Address"), validators=[Length(max=120)])


class AgreementForm(VersionedForm):
    """The mediation agreement (调解协议书)."""

    parties = FieldList(FormField(PartyDetailsForm), min_entries=0, max_entries=10)
    facts = TextAreaField(_l("Main facts"), validators=[DataRequired(REQUIRED), Length(max=8000)])
    issues = TextAreaField(_l("Issues in dispute"), validators=[DataRequired(REQUIRED), Length(max=4000)])
    responsibilities = TextAreaField(_l("Each side's responsibility"),
                                     validators=[DataRequired(REQUIRED), Length(max=4000)])
    terms = FieldList(FormField(TermForm), min_entries=4, max_entries=10)
    amount = DecimalField(_l("Amount involved, in yuan (if any)"), places=2,
                          validators=[Optional(), NumberRange(min=0, max=10**9)])
    submit = SubmitField(_l("Save the agreement"))


class AssignForm(VersionedForm):
    """A supervisor chooses the case's mediators (PML 19)."""

    mediators = SelectMultipleField(_l("Mediators"), coerce=int, validate_choice=False,
                                    widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())
    reason = TextAreaField(_l("Reason (required when reassigning)"), validators=[Length(max=2000)])
    submit = SubmitField(_l("Assign"))


class EvidenceForm(FlaskForm):
    """Add photos or PDFs to a case."""

    files = MultipleFileField(_l("Photos or PDF files"), validators=[DataRequired(REQUIRED)],
                              render_kw={"accept": "image/jpeg,image/png,image/webp,application/pdf"})
    submit = SubmitField(_l("Upload"))


class InvitationForm(FlaskForm):
    """A respondent opens a case with the code the mediator gave them."""

    code = StringField(_l("Invitation code"), validators=[DataRequired(REQUIRED), Length(max=20)],
                       render_kw={"autocomplete": "off", "autocapitalize": "characters"})
    submit = SubmitField(_l("Open the case"))
