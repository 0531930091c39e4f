"""Assignment and reassignment, PML 23 requests, supervision scopes and notes, risk alerts, escalation."""
from __future__ import annotations

import re
import time

import pytest
from sqlalchemy import select

from portal.auth.models import User
from portal.db import get_session
from portal.disputes import assignment, authorisation, services, supervision
from portal.disputes.workflow import Action
from portal.errors import ValidationFailed
from portal.notifications import Kind, Notification
from tests.caseload_support import mediating_case, staff  # noqa: F401
from tests.conftest import PASSWORD, csrf_token, log_in
from tests.disputes_support import case, file_case, on_case

EN = {"Accept-Language": "en"}


def _kinds(app, user) -> list[str]:
    with app.app_context():
        stmt = select(Notification.kind).where(Notification.user_id == user.id).order_by(Notification.id)
        return [k.value for k in get_session().scalars(stmt)]


def _assign(app, number, who, *mediators, reason=""):
    ids = [m.id for m in mediators]
    on_case(app, number, lambda s, d, w: assignment.assign_mediators(s, w, d, ids, reason), who)


def test_accepting_mediator_is_assigned_and_supervisor_reassigns_with_a_reason(app, staff):
    number = mediating_case(app, staff)
    with app.app_context():
        from portal.disputes import team
        dispute = get_session().scalars(select(services.Dispute).where(services.Dispute.number == number)).one()
        assert [m.name for m in team.assigned_mediators(get_session(), dispute)] == ["村调解员"]
    with pytest.raises(ValidationFailed):  # a reassignment says why
        _assign(app, number, staff["town_sup"], staff["village2"])
    _assign(app, number, staff["town_sup"], staff["village2"], staff["village"], reason="村调解员二懂黎话")
    last = case(app, number).events[-1]
    assert last.action == "assign" and "村调解员二、村调解员：村调解员二懂黎话" == last.note
    assert Kind.ASSIGNED_TO_YOU.value in _kinds(app, staff["village2"])


@pytest.mark.parametrize("who", ["village", "township", "other_town_sup"])
def test_only_a_supervisor_above_the_case_assigns(app, staff, who):
    number = mediating_case(app, staff)
    with pytest.raises(authorisation.NotYourCase):
        _assign(app, number, staff[who], staff["village2"], reason="x")


def test_only_mediators_of_the_committee_can_be_assigned(app, staff):
    number = mediating_case(app, staff)
    for outsider in (staff["township"], staff["neighbour_village"], staff["resident"]):
        with pytest.raises(ValidationFailed):
            _assign(app, number, staff["county_sup"], outsider, reason="换人")


def test_a_partys_request_for_another_mediator_reaches_the_supervisor(app, client, staff):
    number = mediating_case(app, staff)
    on_case(app, number, lambda s, d, r: assignment.request_other_mediator(s, r, d, "调解员是对方亲戚"),
            staff["resident"])
    assert case(app, number).other_mediator_requested
    assert Kind.MEDIATOR_CHANGE_REQUESTED.value in _kinds(app, staff["town_sup"])
    log_in(client, staff["town_sup"].phone, PASSWORD)
    assert "1</strong><span>Another mediator asked for" in client.get("/disputes/supervision", headers=EN).text
    page = client.get(f"/disputes/{number}/assign", headers=EN).text
    assert "A party has asked for another mediator" in page
    token = csrf_token(client, f"/disputes/{number}/assign")
    response = client.post(f"/disputes/{number}/assign", data={
        "csrf_token": token, "version": case(app, number).version_id,
        "mediators": [staff["village2"].id], "reason": "当事人申请回避"})
    assert response.status_code == 302
    assert not case(app, number).other_mediator_requested


def test_assign_page_is_for_the_supervisor_only(app, client, staff):
    number = mediating_case(app, staff)
    log_in(client, staff["village"].phone, PASSWORD)
    assert client.get(f"/disputes/{number}/assign").status_code == 403
    log_in(client, staff["other_town_sup"].phone, PASSWORD)
    assert client.get(f"/disputes/{number}/assign").status_code == 404


def _visible(client, user) -> set[str]:
    log_in(client, user.phone, PASSWORD)
    return set(re.findall(r"BS-\d{4}-\d{6}", client.get("/disputes/queue", headers=EN).text))


def test_supervision_scopes_per_level(app, client, staff, make_user):
    from portal.places.models import Place
    from portal.places.services import add_village

    with app.app_context():
        session = get_session()
        town = session.scalars(select(Place).where(Place.name == "七坊镇")).one()
        add_village(session, township_id=town.id, name="远村", kind="village")
        session.commit()
    village = file_case(app, staff["resident"])
    township = file_case(app, staff["resident"], respondent_place="邻村")
    county = file_case(app, staff["resident"], respondent_place="远村")
    other_village_mediator = make_user("mediator", place="邻村")
    assert _visible(client, staff["town_sup"]) == {village, township}
    assert _visible(client, staff["county_sup"]) == {village, township, county}
    assert _visible(client, staff["other_town_sup"]) == set()
    assert _visible(client, staff["village"]) == {village}
    assert _visible(client, staff["township"]) == {township}
    assert _visible(client, other_village_mediator) == set()


def test_dashboard_figures_and_notes_to_acknowledge(app, client, staff):
    number = mediating_case(app, staff)
    file_case(app, staff["resident"])  # unassigned
    on_case(app, number, lambda s, d, u: supervision.add_note(s, u, d, "请本周内回复进展"), staff["town_sup"])
    assert Kind.SUPERVISION_NOTE.value in _kinds(app, staff["village"])
    with app.app_context():
        session = get_session()
        figures = supervision.figures(session, session.get(User, staff["town_sup"].id), services.today())
    assert (figures.active, figures.unassigned, figures.notes_open) == (2, 1, 1)
    log_in(client, staff["village"].phone, PASSWORD)
    assert "Supervision note to acknowledge" in client.get("/disputes/queue", headers=EN).text
    assert "请本周内回复进展" in client.get(f"/disputes/{number}", headers=EN).text
    on_case(app, number, lambda s, d, u: supervision.acknowledge(s, u, d), staff["village"])
    with pytest.raises(authorisation.StageConflict):
        on_case(app, number, lambda s, d, u: supervision.acknowledge(s, u, d), staff["village"])
    assert case(app, number).events[-1].action == Action.ACKNOWLEDGE_SUPERVISION.value


def test_a_mediator_cannot_write_supervision_notes(app, staff):
    number = mediating_case(app, staff)
    with pytest.raises(authorisation.NotYourCase):
        on_case(app, number, lambda s, d, u: supervision.add_note(s, u, d, "x"), staff["village"])


@pytest.mark.parametrize(("level", "alerted"), [("general", False), ("serious", True), ("grave", True)])
def test_serious_risk_alerts_every_supervisor_above_at_once(app, staff, level, alerted):
    number = mediating_case(app, staff)
    on_case(app, number, lambda s, d, m: services.set_risk(s, m, d, True, "扬言动手", level=level),
            staff["village"])
    for who in ("town_sup", "county_sup"):
        assert (Kind.RISK_RAISED.value in _kinds(app, staff[who])) is alerted
    assert Kind.RISK_RAISED.value not in _kinds(app, staff["other_town_sup"])
    assert case(app, number).risk_level == level


def test_a_bogus_risk_level_is_refused(app, staff):
    number = mediating_case(app, staff)
    with pytest.raises(ValidationFailed):
        on_case(app, number, lambda s, d, m: services.set_risk(s, m, d, True, "x", level="extreme"),
                staff["village"])


def test_escalation_tells_the_receiving_centre_and_ends_the_lower_assignment(app, staff):
    number = mediating_case(app, staff)
    on_case(app, number, lambda s, d, m: services.fail(s, m, d, "谈不拢"), staff["village"])
    on_case(app, number, lambda s, d, m: services.escalate(s, m, d, "需要镇里协调"), staff["village"])
    assert Kind.ESCALATED_TO_YOU.value in _kinds(app, staff["township"])
    assert Kind.ESCALATED_TO_YOU.value in _kinds(app, staff["town_sup"])
    assert Kind.ESCALATED_TO_YOU.value not in _kinds(app, staff["county_sup"])
    with app.app_context():
        session = get_session()
        figures = supervision.figures(session, session.get(User, staff["town_sup"].id), services.today())
    assert (figures.escalated, figures.unassigned) == (1, 1)


def test_parties_hear_of_acceptance_and_stage_changes_never_the_actor(app, staff):
    number = file_case(app, staff["resident"])
    on_case(app, number, lambda s, d, m: services.act(s, m, d, Action.ACCEPT), staff["village"])
    on_case(app, number, lambda s, d, m: services.request_consent(s, m, d), staff["village"])
    assert _kinds(app, staff["resident"]) == [Kind.CASE_ACCEPTED.value, Kind.STAGE_CHANGED.value]
    assert _kinds(app, staff["village"]) == []


def test_a_respondent_with_an_account_is_asked_for_consent(app, staff, make_user):
    respondent = make_user("resident", name="对方")
    number = file_case(app, staff["resident"])

    def link(session, dispute):
        dispute.respondents[0].user_id = respondent.id

    on_case(app, number, link)
    on_case(app, number, lambda s, d, m: services.act(s, m, d, Action.ACCEPT), staff["village"])
    on_case(app, number, lambda s, d, m: services.request_consent(s, m, d), staff["village"])
    assert _kinds(app, respondent) == [Kind.CASE_ACCEPTED.value, Kind.CONSENT_REQUESTED.value]


def test_a_grave_risk_set_on_the_case_page_is_mailed_to_the_supervisor(app, client, staff, make_user):
    from tests.notifications_support import SMTPServer

    boss = make_user("supervisor", place="牙叉镇", name="有邮箱的主任", email="boss@baisha.example")
    number = mediating_case(app, staff)
    with SMTPServer() as server:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_SENDER="portal@baisha.example")
        log_in(client, staff["village"].phone, PASSWORD)
        token = csrf_token(client, f"/disputes/{number}")
        response = client.post(f"/disputes/{number}/act/set_risk", data={
            "csrf_token": token, "version": case(app, number).version_id, "risk_level": "grave",
            "reason": "扬言要动刀"})
        assert response.status_code == 302
        response.close()  # as a WSGI server does once the response is sent: the mail goes out then
        deadline = time.monotonic() + 5
        while not server.received and time.monotonic() < deadline:
            time.sleep(0.05)  # the mail goes out after the commit
    assert [m["To"].addresses[0].addr_spec for m in server.received] == ["boss@baisha.example"]
    assert "扬言要动刀" not in server.received[0].get_content()  # title and link only
    assert Kind.RISK_RAISED.value in _kinds(app, boss)


def test_parties_never_see_the_risk_flag_or_supervision(app, client, staff):
    """PML 25 flags and 督办 notes are among staff; the applicant's pages show neither."""
    number = mediating_case(app, staff)
    on_case(app, number, lambda s, d, m: services.set_risk(s, m, d, True, "扬言动手", level="grave"),
            staff["village"])
    log_in(client, staff["resident"].phone, PASSWORD)
    for page in ("/disputes/", f"/disputes/{number}"):
        main = client.get(page, headers={"Accept-Language": "en"}).get_data(as_text=True).split("<main")[1]
        assert "扬言动手" not in main and "risk" not in main.lower()
