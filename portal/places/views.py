"""The admin's pages for places: list, add a village, rename."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.auth.models import Role
from portal.db import get_session
from portal.errors import Conflict, ValidationFailed
from portal.places import services
from portal.places.forms import RenameForm, VillageForm
from portal.places.models import Place
from portal.web import get_or_404, options, role_required, show_error_on_form

bp = Blueprint("places", __name__, url_prefix="/admin/places")


@bp.route("/")
@role_required(Role.ADMIN)
def admin_list():
    session = get_session()
    return render_template("places/admin_list.html", county=services.get_county(session),
                           groups=services.villages_by_township(session))


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def admin_new():
    session = get_session()
    form = VillageForm()
    form.township.choices = options([("", _("Choose…"))] + [(t.id, t.name) for t in services.townships(session)])
    if form.validate_on_submit():
        try:
            village = services.add_village(session, township_id=form.township.data,
                                           name=form.name.data, kind=form.kind.data)
        except ValidationFailed as error:
            show_error_on_form(form, error)
        else:
            session.commit()
            flash(_("%(name)s has been added.", name=village.name), "success")
            return redirect(url_for("places.admin_list"))
    return render_template("places/admin_new.html", form=form)


@bp.route("/<int:place_id>/rename", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def admin_rename(place_id: int):
    place = get_or_404(Place, place_id)
    form = RenameForm(data={"name": place.name, "seen_name": place.name})
    if form.validate_on_submit():
        try:
            services.rename_place(get_session(), place, new_name=form.name.data,
                                  seen_name=form.seen_name.data)
        except ValidationFailed as error:
            show_error_on_form(form, error)
        except Conflict as error:
            form.seen_name.data = place.name  # resubmitting now means "yes, rename it anyway"
            form.form_errors.append(error.message)
        else:
            get_session().commit()
            flash(_("The place is now called %(name)s.", name=place.name), "success")
            return redirect(url_for("places.admin_list"))
    return render_template("places/admin_rename.html", form=form, place=place)
