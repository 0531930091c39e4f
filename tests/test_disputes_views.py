"""Disputes pages for residents, grid workers, respondents by code and mediators, through the test client."""
from __future__ import annotations

import re

import pytest

from tests.conftest import PASSWORD, log_in
from tests.disputes_support import case, file_case, on_case
from portal.auth.models import Role
from portal.disputes import services
from portal.disputes.workflow import Action, Stage

pytestmark = pytest.mark.usefixtures("csrf_off")


def _village_id(client, name="测试村"):
    html = client.get("/disputes/new/neighbour").get_data(as_text=True)
    return re.search(rf'<option value="(\d+)">{name}</option>', html).group(1)


def _filing(village: str, **extra) -> dict:
    data = {"dispute_type": "neighbour", "facts": "邻居家的水管漏水到我家墙里。", "claims": "修好水管，赔偿墙面。",
            "place_id": village, "language": "li", "privacy": "private", "source": "self_filed",
            "respondents-0-name": "王大哥", "respondents-0-place_id": village}
    data.update(extra)
    return data


def test_resident_files_in_two_steps(client, login_as):
    login_as(Role.RESIDENT)
    assert "邻里" in client.get("/disputes/new", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    page = client.get("/disputes/new/neighbour").get_data(as_text=True)
    assert "288" in page  # the Civil Code articles for the type, from knowledge_base/
    village = _village_id(client)
    response = client.post("/disputes/new/neighbour", data=_filing(village))
    assert response.status_code == 302
    detail = client.get(response.headers["Location"]).get_data(as_text=True)
    assert re.search(r"BS-\d{4}-\d{6}", detail)
    assert "王大哥" in detail


def test_refused_filing_keeps_what_was_typed(client, login_as):
    login_as(Role.RESIDENT)
    village = _village_id(client)
    response = client.post("/disputes/new/neighbour", data=_filing(village, claims="", **{"respondents-0-name": ""}))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "邻居家的水管漏水到我家墙里。" in html
    assert 'class="errors"' in html


def test_grid_worker_files_on_behalf(client, login_as, app):
    worker = login_as(Role.GRID_WORKER)
    village = _village_id(client)
    data = _filing(village, source="grid_worker", applicant_name="吉阿婆", applicant_phone="13712345678",
                   applicant_place=village)
    assert client.post("/disputes/new/neighbour", data=data).status_code == 302
    html = client.get("/disputes/").get_data(as_text=True)
    number = re.search(r"BS-\d{4}-\d{6}", html).group(0)
    filed = case(app, number)
    assert (filed.source, filed.filed_by_id, filed.applicant_id) == ("grid_worker", worker.id, None)
    assert filed.applicants[0].name == "吉阿婆"


def test_grid_worker_needs_the_applicant(client, login_as):
    login_as(Role.GRID_WORKER)
    village = _village_id(client)
    html = client.post("/disputes/new/neighbour", data=_filing(village, source="grid_worker")).get_data(as_text=True)
    assert 'class="errors"' in html


def test_mediator_sees_only_allowed_actions_and_forgery_is_refused(client, app, make_user):
    resident = make_user(Role.RESIDENT)
    number = file_case(app, resident)
    mediator = make_user(Role.MEDIATOR)
    log_in(client, mediator.phone, PASSWORD)
    html = client.get(f"/disputes/{number}").get_data(as_text=True)
    assert f"/disputes/{number}/act/accept" in html and f"/disputes/{number}/act/decline" in html
    assert f"/act/sign_agreement" not in html and "/act/withdraw" not in html
    forged = client.post(f"/disputes/{number}/act/sign_agreement", data={"version": "1"})
    assert forged.status_code == 409
    assert client.post(f"/disputes/{number}/act/withdraw", data={}).status_code == 403
    assert case(app, number).stage == Stage.SUBMITTED


def test_stale_form_gets_a_clear_message(client, app, make_user):
    number = file_case(app, make_user(Role.RESIDENT))
    mediator = make_user(Role.MEDIATOR)
    log_in(client, mediator.phone, PASSWORD)
    version = case(app, number).version_id
    on_case(app, number, lambda s, d, m: services.set_risk(s, m, d, True, "扬言报复", level="serious"), mediator)
    response = client.post(f"/disputes/{number}/act/accept", data={"version": str(version)})
    assert response.status_code == 409
    assert case(app, number).stage == Stage.SUBMITTED


def test_respondent_by_code_without_account(client, app, make_user):
    number = file_case(app, make_user(Role.RESIDENT))
    mediator = make_user(Role.MEDIATOR)
    on_case(app, number, lambda s, d, m: (services.act(s, m, d, Action.ACCEPT), services.request_consent(s, m, d)),
            mediator)
    code = case(app, number).respondents[0].invitation_code
    assert client.get(f"/disputes/{number}").status_code == 404
    assert client.post("/disputes/invitation", data={"code": "WRONG123"}).status_code == 404
    response = client.post("/disputes/invitation", data={"code": code.lower()})
    assert response.headers["Location"].endswith(f"/disputes/{number}")
    page = client.get(f"/disputes/{number}").get_data(as_text=True)
    assert "/act/give_consent" in page and code not in page  # the code itself is for the mediator's eyes
    client.post(f"/disputes/{number}/act/give_consent", data={"version": str(case(app, number).version_id)})
    assert case(app, number).stage == Stage.MEDIATING


def test_respondent_with_account_links_by_link(client, app, make_user):
    number = file_case(app, make_user(Role.RESIDENT))
    on_case(app, number, lambda s, d, m: (services.act(s, m, d, Action.ACCEPT), services.request_consent(s, m, d)),
            make_user(Role.MEDIATOR))
    code = case(app, number).respondents[0].invitation_code
    respondent = make_user(Role.RESIDENT)
    log_in(client, respondent.phone, PASSWORD)
    client.get(f"/disputes/invitation/{code}")
    assert number in client.get("/disputes/").get_data(as_text=True)


def test_whole_journey_through_the_pages(client, app, make_user):
    """The issue's acceptance path: village accepts, respondent consents, village fails and escalates,
    township settles, the agreement prints, signing starts the countdown the resident sees."""
    resident, village, township = (make_user(Role.RESIDENT), make_user(Role.MEDIATOR),
                                   make_user(Role.MEDIATOR, place="牙叉镇"))
    number = file_case(app, resident)

    def post(user, action, **data):
        client.post("/logout")
        log_in(client, user.phone, PASSWORD)
        data["version"] = str(case(app, number).version_id)
        return client.post(f"/disputes/{number}/act/{action}", data=data)

    assert post(village, "accept").status_code == 302
    assert post(village, "request_consent").status_code == 302
    client.post("/logout")
    client.get(f"/disputes/invitation/{case(app, number).respondents[0].invitation_code}")
    client.post(f"/disputes/{number}/act/give_consent", data={"version": str(case(app, number).version_id)})
    assert post(village, "fail", reason="分歧太大").status_code == 302
    assert post(village, "escalate", reason="交镇里").status_code == 302
    assert post(township, "accept_escalation").status_code == 302
    assert post(township, "start_mediation").status_code == 302
    form = {"version": case(app, number).version_id, "facts": "漏水", "issues": "谁修", "responsibilities": "王大哥负责",
            "terms-0-text": "王大哥修好水管", "terms-0-method": "自行修理", "terms-0-due_on": "2099-01-01"}
    assert client.post(f"/disputes/{number}/agreement", data=form).status_code == 302
    printed = client.get(f"/disputes/{number}/agreement/print").get_data(as_text=True)
    assert printed.count("agreement-copy") == 3  # two parties and the committee
    signed = post(township, "sign_agreement", signed_on=services.today().isoformat())
    assert signed.status_code == 302
    client.post("/logout")
    log_in(client, resident.phone, PASSWORD)
    page = client.get(f"/disputes/{number}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "30 days left" in page
    for step in ("Application filed", "Accept the case", "I agree to mediation", "Pass to the next level",
                 "Record that the agreement was signed"):
        assert step in page
