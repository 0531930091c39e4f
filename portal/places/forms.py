"""Place forms and the place pickers other areas' forms use."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session
from wtforms import HiddenField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from portal.places.models import Place, PlaceKind
from portal.places.services import get_county, villages_by_township
from portal.web import options

REQUIRED = _l("This field is required.")
KIND_LABELS = {
    PlaceKind.COUNTY: _l("County"),
    PlaceKind.TOWNSHIP: _l("Township"),
    PlaceKind.VILLAGE: _l("Village committee"),
    PlaceKind.COMMUNITY: _l("Community committee"),
}


def place_label(place: Place) -> str:
    """A place's name as a picker shows it, with demo places marked as such."""
    return _("%(name)s (demo)", name=place.name) if place.is_demo else place.name


def village_choices(session: Session) -> list:
    """Villages grouped by township (optgroups), after an empty 'choose' entry."""
    choices = options([("", _("Choose…"))])
    for township, villages in villages_by_township(session):
        choices += options(((v.id, place_label(v)) for v in villages), optgroup=township.name)
    return choices


def place_choices(session: Session) -> list:
    """The county, each township and its villages, for staff accounts."""
    county = get_county(session)
    choices = options([("", _("Choose…"))] + ([(county.id, county.name)] if county else []))
    for township, villages in villages_by_township(session):
        choices += options([(township.id, township.name)], optgroup=township.name)
        choices += options(((v.id, place_label(v)) for v in villages), optgroup=township.name)
    return choices


class VillageForm(FlaskForm):
    township = SelectField(_l("Township"), coerce=lambda v: int(v) if str(v).isdigit() else None,
                           validate_choice=False)
    name = StringField(_l("Name"), validators=[DataRequired(REQUIRED), Length(max=80)])
    kind = SelectField(_l("Kind"), choices=options((k.value, KIND_LABELS[k])
                                                   for k in (PlaceKind.VILLAGE, PlaceKind.COMMUNITY)),
                       validate_choice=False)
    submit = SubmitField(_l("Add"))


class RenameForm(FlaskForm):
    name = StringField(_l("New name"), validators=[DataRequired(REQUIRED), Length(max=80)])
    seen_name = HiddenField()
    submit = SubmitField(_l("Rename"))
