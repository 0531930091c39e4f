"""Performance and return visits (PML 31): no visit before performance is on record, no closing
without a visit, one rating per party; the case file and its access."""
from __future__ import annotations

from datetime import timedelta

import pytest

from portal.disputes import authorisation, followup, services
from portal.disputes.workflow import Stage
from portal.errors import Conflict, ValidationFailed
from tests.caseload_support import settled_case, staff  # noqa: F401
from tests.conftest import PASSWORD, csrf_token, log_in
from tests.disputes_support import case, on_case

EN = {"Accept-Language": "en"}


def _perform(app, number, staff, how="fully"):
    def record(session, dispute, mediator):
        for term in dispute.agreement.terms:
            followup.record_performance(session, mediator, dispute, term.id, how, "已履行")

    on_case(app, number, record, staff["village"])


def _visit(app, number, staff, on=None):
    visit = followup.Visit(on or services.today(), "home", "双方都说已经按协议做了。")
    on_case(app, number, lambda s, d, m: followup.record_return_visit(s, m, d, visit), staff["village"])


def test_settling_schedules_a_return_visit_after_the_last_term(app, staff):
    due = services.today() + timedelta(days=10)
    number = settled_case(app, staff, due=due)
    settled = case(app, number)
    assert settled.stage == Stage.SETTLED
    assert settled.return_visit_due_on == due + timedelta(days=7) == settled.due_on


def test_no_visit_before_every_term_is_recorded_and_no_closing_before_a_visit(app, staff):
    number = settled_case(app, staff)
    with pytest.raises(authorisation.StageConflict):
        on_case(app, number, lambda s, d, m: followup.close(s, m, d), staff["village"])
    with pytest.raises(ValidationFailed):
        _visit(app, number, staff)
    _perform(app, number, staff, "partly")
    _visit(app, number, staff)
    assert case(app, number).stage == Stage.RETURN_VISITED
    on_case(app, number, lambda s, d, m: followup.close(s, m, d, "回访完毕"), staff["village"])
    closed = case(app, number)
    assert closed.stage == Stage.CLOSED and closed.closed_on == services.today() and closed.due_on is None


def test_performance_values_and_terms_are_checked(app, staff):
    number = settled_case(app, staff)
    with pytest.raises(ValidationFailed):
        on_case(app, number, lambda s, d, m: followup.record_performance(s, m, d, d.agreement.terms[0].id,
                                                                          "mostly"), staff["village"])
    with pytest.raises(ValidationFailed):
        on_case(app, number, lambda s, d, m: followup.record_performance(s, m, d, 999999, "fully"),
                staff["village"])
    with pytest.raises(authorisation.NotYourCase):
        on_case(app, number, lambda s, d, m: followup.record_performance(s, m, d, d.agreement.terms[0].id,
                                                                          "fully"), staff["resident"])


def test_a_visit_cannot_be_in_the_future_and_needs_what_was_said(app, staff):
    number = settled_case(app, staff)
    _perform(app, number, staff)
    with pytest.raises(ValidationFailed):
        _visit(app, number, staff, on=services.today() + timedelta(days=1))
    with pytest.raises(ValidationFailed):
        on_case(app, number, lambda s, d, m: followup.record_return_visit(
            s, m, d, followup.Visit(services.today(), "home", " ")), staff["village"])


def test_the_resident_rates_once_from_1_to_5(app, client, staff):
    number = settled_case(app, staff)
    _perform(app, number, staff)
    _visit(app, number, staff)
    log_in(client, staff["resident"].phone, PASSWORD)
    page = client.get(f"/disputes/{number}", headers=EN).text
    assert "Rate the mediation" in page
    token = csrf_token(client, f"/disputes/{number}")
    version = case(app, number).version_id
    bad = client.post(f"/disputes/{number}/act/rate", data={"csrf_token": token, "version": version,
                                                            "rating": "9"}, headers=EN)
    assert bad.status_code == 400 and "Choose a score from 1 to 5." in bad.text
    good = client.post(f"/disputes/{number}/act/rate", data={"csrf_token": token, "version": version,
                                                             "rating": "4", "note": "很耐心"})
    assert good.status_code == 302
    assert "/act/rate" not in client.get(f"/disputes/{number}", headers=EN).text
    with pytest.raises(Conflict):
        on_case(app, number, lambda s, d, r: followup.rate(s, r, d, 5), staff["resident"])
    with pytest.raises(authorisation.NotYourCase):
        on_case(app, number, lambda s, d, m: followup.rate(s, m, d, 5), staff["village"])


def test_the_mediator_works_the_follow_up_from_the_case_page(app, client, staff):
    number = settled_case(app, staff)
    log_in(client, staff["village"].phone, PASSWORD)
    token = csrf_token(client, f"/disputes/{number}")
    for term in case(app, number).agreement.terms:
        response = client.post(f"/disputes/{number}/act/record_performance", data={
            "csrf_token": token, "version": case(app, number).version_id, "term": term.id,
            "performance": "fully"})
        assert response.status_code == 302
    response = client.post(f"/disputes/{number}/act/record_return_visit", data={
        "csrf_token": token, "version": case(app, number).version_id, "on": services.today().isoformat(),
        "method": "phone", "note": "双方满意"})
    assert response.status_code == 302
    assert "Close the case" in client.get(f"/disputes/{number}", headers=EN).text


def test_case_file_holds_everything_and_is_for_staff_only(app, client, staff):
    number = settled_case(app, staff)
    _perform(app, number, staff)
    _visit(app, number, staff)
    on_case(app, number, lambda s, d, r: followup.rate(s, r, d, 5, "满意"), staff["resident"])
    for who, status in (("village", 200), ("town_sup", 200), ("county_sup", 200), ("resident", 403),
                        ("neighbour_village", 404), ("other_town_sup", 404)):
        log_in(client, staff[who].phone, PASSWORD)
        response = client.get(f"/disputes/{number}/file", headers=EN)
        assert response.status_code == status, who
    log_in(client, staff["village"].phone, PASSWORD)
    html = client.get(f"/disputes/{number}/file", headers=EN).text
    for piece in ("Application", "Acceptance", "Agreement", "赔偿五百元", "Performed fully",
                  "双方都说已经按协议做了。", "Rating: 5 of 5", "History", "Case file"):
        assert piece in html, piece
