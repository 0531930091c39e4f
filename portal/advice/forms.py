"""Advice forms. Fields are loose on purpose: the services check the rules and say what is wrong."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, HiddenField, IntegerField, MultipleFileField, RadioField,
                     SelectField, StringField, SubmitField, TextAreaField, TimeField)
from wtforms.validators import DataRequired, Length, Optional

from portal.disputes.labels import DISPUTE_TYPES
from portal.kb.laws import LAWS
from portal.web import options

REQUIRED = _l("This field is required.")
FILE_TYPES = "image/jpeg,image/png,image/webp,application/pdf"


def _optional_int(value: object) -> int | None:
    return int(value) if str(value).isdigit() else None


def category_choices() -> list:
    """The dispute taxonomy, as the question categories."""
    return options([("", _l("Choose…"))] + [(code.value, title) for code, title in DISPUTE_TYPES.items()])


class StartForm(FlaskForm):
    """Step 1 of asking: the question; the next page shows what the knowledge base already says."""

    category = SelectField(_l("What is it about?"), choices=category_choices(), validate_choice=False)
    text = TextAreaField(_l("Your question"), render_kw={"rows": 6})
    submit = SubmitField(_l("Next step"))


class AskForm(StartForm):
    """Step 2 of asking: the question again, with publishing consent and files."""

    may_publish = BooleanField(_l("After it is answered, it may be published without my name "
                                  "or other personal details, to help others."))
    share_phone = BooleanField(_l("Show my mobile number to the adviser"))
    files = MultipleFileField(_l("Photos or PDF files (optional)"), render_kw={"accept": FILE_TYPES})
    preview = HiddenField()
    submit = SubmitField(_l("Send my question"))


class ClaimForm(FlaskForm):
    submit = SubmitField(_l("Take this question"))


class ReplyForm(FlaskForm):
    """An adviser's answer or request for more information, with an article inserter."""

    body = TextAreaField(_l("Your answer"), render_kw={"rows": 10})
    recommend_mediation = BooleanField(_l("Recommend mediation (the resident gets a button to apply)"))
    legal_aid = BooleanField(_l("Tell the resident about the right to apply for legal aid"))
    law = SelectField(_l("Law"), choices=options((law.slug, law.short_name) for law in LAWS))
    number = IntegerField(_l("Article number"), validators=[Optional()])
    insert = SubmitField(_l("Insert the article"))
    send_answer = SubmitField(_l("Send the answer"))
    ask_info = SubmitField(_l("Ask for more information"))


class FollowUpForm(FlaskForm):
    body = TextAreaField(_l("Write to the adviser"), render_kw={"rows": 4})
    submit = SubmitField(_l("Send"))


class ResolveForm(FlaskForm):
    rating = RadioField(_l("How helpful was the answer?"), coerce=_optional_int, validate_choice=False,
                        choices=options((n, "★" * n) for n in range(5, 0, -1)))
    submit = SubmitField(_l("My question is resolved"))


class PublishForm(FlaskForm):
    """The masked text, for the adviser to check and correct before it goes out."""

    title = StringField(_l("Title"), validators=[Length(max=120)])
    question_text = TextAreaField(_l("Question (personal details removed)"), render_kw={"rows": 6})
    answer_text = TextAreaField(_l("Answer (personal details removed)"), render_kw={"rows": 10})
    submit = SubmitField(_l("Publish as an FAQ"))


class AssignForm(FlaskForm):
    adviser_id = SelectField(_l("Legal adviser"), coerce=_optional_int, validate_choice=False)
    place_id = SelectField(_l("Village or community"), coerce=_optional_int, validate_choice=False)
    submit = SubmitField(_l("Assign"))


class RemoveForm(FlaskForm):
    submit = SubmitField(_l("Remove"))


class ProfileForm(FlaskForm):
    law_firm = StringField(_l("Law firm"), validators=[Length(max=120)])
    show_phone = BooleanField(_l("Show my mobile number to residents"))
    submit = SubmitField(_l("Save"))


class VisitForm(FlaskForm):
    place_id = SelectField(_l("Village"), coerce=_optional_int, validate_choice=False)
    day = DateField(_l("Day"), validators=[DataRequired(REQUIRED)])
    start = TimeField(_l("From"), validators=[DataRequired(REQUIRED)])
    end = TimeField(_l("Until"), validators=[DataRequired(REQUIRED)])
    submit = SubmitField(_l("Add office hours"))


class BookingForm(FlaskForm):
    reason = StringField(_l("What is it about? (a few words)"), validators=[Length(max=200)])
    share_phone = BooleanField(_l("Show my mobile number to the adviser"))
    submit = SubmitField(_l("Book a place"))


class CancelBookingForm(FlaskForm):
    message = StringField(_l("Message to the resident"), validators=[Length(max=300)])
    submit = SubmitField(_l("Cancel this booking"))
