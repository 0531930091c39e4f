"""From the case page's action form to the one service call each workflow action needs."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from portal.disputes import access, assignment, followup, pauses, services, supervision
from portal.disputes import agreement as agreements
from portal.disputes.authorisation import (
    NOT_HERE,
    NOT_YOURS,
    NotYourCase,
    StageConflict,
)
from portal.disputes.forms import ActionForm
from portal.disputes.models import Dispute, Party
from portal.disputes.workflow import Action, ActionInput, ConsentChannel, ReferralRoute

Handler = Callable[..., None]


def _route(form: ActionForm) -> ReferralRoute | None:
    value = form.referral_route.data
    return ReferralRoute(value) if value in set(ReferralRoute) else None


def _channel(form: ActionForm) -> ConsentChannel | None:
    value = form.channel.data
    return ConsentChannel(value) if value in set(ConsentChannel) else None


def _own_party(who: access.Acting, dispute: Dispute) -> Party | None:
    if isinstance(who, Party):
        return who
    return next((p for p in dispute.parties if p.user_id == who.id), None)


def _answer(consent: bool) -> Handler:
    def handler(session, who, dispute, form, version, **_kw):
        party = _own_party(who, dispute)
        if party is None:
            raise NotYourCase(NOT_YOURS)
        services.answer_invitation(session, who, dispute, party, consent, note=form.note.data or "",
                                   version=version)
    return handler


def _record(consent: bool) -> Handler:
    def handler(session, who, dispute, form, version, **_kw):
        given = ActionInput(consent_channel=_channel(form), note=form.note.data or "")
        services.record_consent(session, who, dispute, form.party.data or 0, consent, given, version=version)
    return handler


def _decline(session, who, dispute, form, version, **_kw):
    given = ActionInput(reason=form.reason.data or "", not_civil=bool(form.not_civil.data),
                        referral_route=_route(form))
    services.decline(session, who, dispute, given, version=version)


def _confirm(session, who, dispute, form, version, **_kw):
    party = _own_party(who, dispute)
    if party is None:
        raise NotYourCase(NOT_YOURS)
    agreements.confirm_agreement(session, who, dispute, party, version=version)


def _simple(action: Action) -> Handler:
    def handler(session, who, dispute, form, version, tier_days):
        services.act(session, who, dispute, action, ActionInput(note=form.note.data or ""),
                     version=version, tier_days=tier_days)
    return handler


HANDLERS: dict[Action, Handler] = {
    Action.ACCEPT: _simple(Action.ACCEPT),
    Action.ACCEPT_ESCALATION: _simple(Action.ACCEPT_ESCALATION),
    Action.DECLINE: _decline,
    Action.REQUEST_CONSENT: lambda s, w, d, f, v, **_: services.request_consent(s, w, d, version=v),
    Action.START_MEDIATION: lambda s, w, d, f, v, **_: services.start_mediation(s, w, d, version=v),
    Action.GIVE_CONSENT: _answer(True),
    Action.REFUSE_CONSENT: _answer(False),
    Action.RECORD_CONSENT: _record(True),
    Action.RECORD_REFUSAL: _record(False),
    Action.CONFIRM_AGREEMENT: _confirm,
    Action.SIGN_AGREEMENT: lambda s, w, d, f, v, **_: agreements.sign_agreement(
        s, w, d, f.signed_on.data, version=v),
    Action.RECORD_ORAL_AGREEMENT: lambda s, w, d, f, v, **_: agreements.record_oral_agreement(
        s, w, d, f.note.data or "", version=v),
    Action.FAIL: lambda s, w, d, f, v, **_: services.fail(s, w, d, f.reason.data or "", version=v),
    Action.ESCALATE: lambda s, w, d, f, v, **_: services.escalate(s, w, d, f.reason.data or "", version=v),
    Action.REFER: lambda s, w, d, f, v, **_: services.refer(s, w, d, _route(f), f.note.data or "", version=v),
    Action.WITHDRAW: lambda s, w, d, f, v, **_: services.withdraw(s, w, d, f.reason.data or "", version=v),
    Action.ADD_INFORMATION: lambda s, w, d, f, v, **_: services.add_information(
        s, w, d, f.note.data or "", version=None),
    Action.SET_RISK: lambda s, w, d, f, v, **_: services.set_risk(
        s, w, d, True, f.reason.data or "", level=f.risk_level.data, version=v),
    Action.CLEAR_RISK: lambda s, w, d, f, v, **_: services.set_risk(
        s, w, d, False, f.reason.data or "", version=v),
}
# Caseload actions (issue 4): clock pauses, PML 23 requests, 督办, performance, return visit, rating.
HANDLERS.update({
    Action.PAUSE_CLOCK: lambda s, w, d, f, v, **_: pauses.pause_clock(s, w, d, f.reason.data or "", version=v),
    Action.RESUME_CLOCK: lambda s, w, d, f, v, **_: pauses.resume_clock(s, w, d, version=v),
    Action.REQUEST_OTHER_MEDIATOR: lambda s, w, d, f, v, **_: assignment.request_other_mediator(
        s, w, d, f.reason.data or "", version=v),
    Action.SUPERVISE: lambda s, w, d, f, v, **_: supervision.add_note(s, w, d, f.note.data or "", version=v),
    Action.ACKNOWLEDGE_SUPERVISION: lambda s, w, d, f, v, **_: supervision.acknowledge(s, w, d, version=v),
    Action.RECORD_PERFORMANCE: lambda s, w, d, f, v, **_: followup.record_performance(
        s, w, d, f.term.data, f.performance.data or "", f.note.data or "", version=v),
    Action.SCHEDULE_RETURN_VISIT: lambda s, w, d, f, v, **_: followup.schedule_return_visit(
        s, w, d, f.on.data, version=v),
    Action.RECORD_RETURN_VISIT: lambda s, w, d, f, v, **_: followup.record_return_visit(
        s, w, d, followup.Visit(f.on.data, f.method.data or "", f.note.data or ""), version=v),
    Action.RATE: lambda s, w, d, f, v, **_: followup.rate(s, w, d, f.rating.data, f.note.data or "", version=v),
    Action.CLOSE: lambda s, w, d, f, v, **_: followup.close(s, w, d, f.note.data or "", version=v),
})


def run_action(session: Session, who: access.Acting, dispute: Dispute, action: Action, form: ActionForm,
               *, tier_days: int) -> None:
    """Call the service for `action` with what the form carried; actions with their own page are refused here."""
    handler = HANDLERS.get(action)
    if handler is None:
        raise StageConflict(NOT_HERE)
    handler(session, who, dispute, form, form.version_number(), tier_days=tier_days)
