"""Finding your adviser: village pages, office hours and bookings, the admin's assignments, figures."""
from __future__ import annotations

from datetime import time

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.advice import clocks, faq, office, stats
from portal.advice.forms import (AssignForm, BookingForm, CancelBookingForm, ProfileForm, RemoveForm,
                                 VisitForm)
from portal.advice.models import Assignment, Booking, Visit
from portal.advice.pages import bp, refuse
from portal.auth.models import Role, User
from portal.db import get_session
from portal.errors import Conflict, DomainError, ValidationFailed
from portal.places.forms import place_label, village_choices
from portal.places.models import Place
from portal.web import get_or_404, options, role_required, show_error_on_form


@bp.app_template_global()
def faqs_for_article(law: str, number: int) -> list:
    """Published FAQs citing an article (for the knowledge base's article page)."""
    return faq.faqs_citing(get_session(), law, number)


@bp.route("/village/<int:place_id>")
def village(place_id: int):
    """A village's legal advisers, their next office hours, and how to reach them."""
    place = get_or_404(Place, place_id)
    if place.kind not in office.VILLAGE_KINDS:
        abort(404)
    return _render_village(place)


def _render_village(place: Place, refused_form: BookingForm | None = None,
                    refused_visit_id: int | None = None):
    # After a refused booking, the refused visit shows the resident's form with the reason they
    # typed and why it failed; the other visits' forms start from that reason too.
    kept = {"reason": refused_form.reason.data, "share_phone": refused_form.share_phone.data} \
        if refused_form else None
    may_book = current_user.is_authenticated and current_user.role is Role.RESIDENT \
        and current_user.place_id == place.id
    visits = office.upcoming_visits(get_session(), place.id)[:6]
    forms = {v.id: _own_ids(refused_form if refused_form and v.id == refused_visit_id
                            else BookingForm(formdata=None, data=kept), v.id) for v in visits}
    return render_template("advice/village.html", place=place, visits=visits,
                           advisers=office.advisers_of(get_session(), place.id), forms=forms,
                           may_book=may_book, refused_form=refused_form, refused_visit_id=refused_visit_id)


def _own_ids(form: BookingForm, visit_id: int) -> BookingForm:
    """The form with ids of its own (reason-3, …): the page holds one booking form per visit, and a
    label must point at its own field. Names stay, so the POST reads them as before."""
    for field in form:
        field.id = field.label.field_id = f"{field.name}-{visit_id}"
    return form


@bp.route("/visit/<int:visit_id>/book", methods=["POST"])
@role_required(Role.RESIDENT)
def book(visit_id: int):
    """A resident books the first free place at a visit to their village."""
    visit = get_or_404(Visit, visit_id)
    form = BookingForm()
    if not form.validate_on_submit():
        return _render_village(visit.place, form, visit.id), 400
    try:
        booking = office.book(get_session(), current_user, visit, form.reason.data,
                              form.share_phone.data)
    except (Conflict, ValidationFailed) as error:
        get_session().rollback()
        show_error_on_form(form, error if isinstance(error, ValidationFailed)
                           else ValidationFailed(error.message))
        return _render_village(visit.place, form, visit.id), error.status_code
    except DomainError as error:
        return refuse(error)
    get_session().commit()
    flash(_("Booked: place %(n)d on %(day)s.", n=booking.slot + 1, day=format_date(visit.day)),
          "success")
    return redirect(url_for("advice.village", place_id=visit.place_id))


def _minutes(value: time | None) -> int:
    return value.hour * 60 + value.minute if value else -1


def _office_forms() -> tuple[ProfileForm, VisitForm]:
    profile = office.profile_of(get_session(), current_user)
    profile_form = ProfileForm(prefix="profile", data={"law_firm": profile.law_firm,
                                                       "show_phone": profile.show_phone})
    visit_form = VisitForm(prefix="visit")
    villages = get_session().scalars(select(Place).join(Assignment, Assignment.place_id == Place.id)
                                     .where(Assignment.adviser_id == current_user.id))
    visit_form.place_id.choices = options([(p.id, f"{p.parent.name} {place_label(p)}") for p in villages])
    return profile_form, visit_form


@bp.route("/office", methods=["GET", "POST"])
@role_required(Role.ADVISER)
def office_hours():
    """The adviser's profile, schedule of visits and the bookings of each."""
    profile_form, visit_form = _office_forms()
    try:
        if profile_form.submit.data and profile_form.validate_on_submit():
            office.save_profile(get_session(), current_user, profile_form.law_firm.data,
                                profile_form.show_phone.data)
        elif visit_form.submit.data and visit_form.validate_on_submit():
            office.add_visit(get_session(), current_user, visit_form.place_id.data, visit_form.day.data,
                             _minutes(visit_form.start.data), _minutes(visit_form.end.data))
        else:
            return _render_office(profile_form, visit_form)
    except ValidationFailed as error:
        get_session().rollback()
        show_error_on_form(visit_form, error)
        return _render_office(profile_form, visit_form), 400
    get_session().commit()
    flash(_("Saved."), "success")
    return redirect(url_for("advice.office_hours"))


def _render_office(profile_form: ProfileForm, visit_form: VisitForm):
    visits = office.upcoming_visits(get_session(), None, adviser_id=current_user.id)
    return render_template("advice/office.html", profile_form=profile_form, visit_form=visit_form,
                           visits=visits, cancel_form=CancelBookingForm(formdata=None))


@bp.route("/booking/<int:booking_id>/cancel", methods=["POST"])
@role_required(Role.ADVISER)
def cancel_booking(booking_id: int):
    """The adviser cancels a booking with a message for the resident."""
    booking = get_or_404(Booking, booking_id)
    form = CancelBookingForm()
    if form.validate_on_submit():
        try:
            office.cancel_booking(get_session(), current_user, booking, form.message.data)
        except ValidationFailed as error:
            get_session().rollback()
            flash(error.message, "error")
        except DomainError as error:
            return refuse(error)
        else:
            get_session().commit()
            flash(_("The booking is cancelled and the resident can read your message."), "success")
    return redirect(url_for("advice.office_hours"))


@bp.route("/bookings")
@role_required(Role.RESIDENT)
def my_bookings():
    """The resident's bookings, with any cancellation message."""
    return render_template("advice/bookings.html", bookings=office.bookings_of(get_session(), current_user))


@bp.route("/admin/advisers", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def admin_advisers():
    """The admin assigns advisers to villages."""
    session = get_session()
    form = AssignForm()
    advisers = session.scalars(select(User).where(User.role == Role.ADVISER).order_by(User.name)).all()
    form.adviser_id.choices = options([("", _("Choose…"))] + [(a.id, a.name) for a in advisers])
    form.place_id.choices = village_choices(session)
    if form.validate_on_submit():
        try:
            office.assign(session, current_user, form.adviser_id.data, form.place_id.data)
        except DomainError as error:
            session.rollback()
            show_error_on_form(form, error if isinstance(error, ValidationFailed)
                               else ValidationFailed(error.message))
        else:
            session.commit()
            flash(_("Assigned."), "success")
            return redirect(url_for("advice.admin_advisers"))
    assignments = session.scalars(select(Assignment).join(User, Assignment.adviser_id == User.id)
                                  .order_by(User.name)).all()
    return render_template("advice/admin_advisers.html", form=form, assignments=assignments,
                           remove_form=RemoveForm(formdata=None))


@bp.route("/admin/advisers/<int:assignment_id>/remove", methods=["POST"])
@role_required(Role.ADMIN)
def admin_unassign(assignment_id: int):
    """The admin ends an assignment."""
    assignment = get_or_404(Assignment, assignment_id)
    if RemoveForm().validate_on_submit():
        office.unassign(get_session(), current_user, assignment)
        get_session().commit()
        flash(_("Removed."), "success")
    return redirect(url_for("advice.admin_advisers"))


@bp.route("/figures")
@role_required(Role.ADVISER, Role.ADMIN)
def figures():
    """An adviser's own figures; the admin sees every adviser's and the self-help rate."""
    session, on = get_session(), clocks.today()
    if current_user.role is Role.ADMIN:
        rows, help_rate = stats.all_figures(session, on), stats.self_help(session)
    else:
        rows, help_rate = [stats.figures_for(session, current_user, on)], None
    return render_template("advice/figures.html", rows=rows, help_rate=help_rate)
