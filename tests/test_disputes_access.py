"""Who sees which case (PML 15): the Python rule and the SQL list filter agree, page by page."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD, log_in
from tests.disputes_support import case, file_case
from portal.auth.models import Role, User
from portal.db import get_session
from portal.disputes import access
from portal.disputes.models import Dispute
from portal.places.models import Place
from portal.places.services import add_village

# viewer -> (sees the village case, sees the township case)
MATRIX = {
    "applicant": (True, True),
    "other_resident": (False, False),
    "village_mediator": (True, False),
    "other_village_mediator": (False, False),  # the township case involves 邻村 but is the township's
    "township_mediator": (False, True),
    "other_township_mediator": (False, False),
    "township_supervisor": (True, True),
    "other_township_supervisor": (False, False),
    "county_supervisor": (True, True),
    "filing_grid_worker": (True, False),
    "other_grid_worker": (False, False),
    "admin": (True, True),
    "adviser": (False, False),
}


@pytest.fixture()
def world(app, make_user):
    """Two cases (one at 测试村's committee, one at 牙叉镇's) and one viewer of each kind."""
    with app.app_context():
        session = get_session()
        town = session.scalars(select(Place).where(Place.name == "七坊镇")).one()
        add_village(session, township_id=town.id, name="远村", kind="village")
        session.commit()
    applicant = make_user(Role.RESIDENT)
    grid = make_user(Role.GRID_WORKER)
    village_case = file_case(app, grid, source="grid_worker",
                             applicant=_party(app, applicant))
    neighbour = make_user(Role.RESIDENT, place="邻村")
    township_case = file_case(app, neighbour, respondent_place="测试村")
    with app.app_context():  # the applicant is also a party of the township case, as its respondent
        session = get_session()
        dispute = session.scalars(select(Dispute).where(Dispute.number == township_case)).one()
        dispute.respondents[0].user_id = applicant.id
        village = session.scalars(select(Dispute).where(Dispute.number == village_case)).one()
        village.applicant_id = applicant.id
        session.commit()
    viewers = {
        "applicant": applicant, "other_resident": make_user(Role.RESIDENT),
        "village_mediator": make_user(Role.MEDIATOR), "other_village_mediator": make_user(Role.MEDIATOR, place="邻村"),
        "township_mediator": make_user(Role.MEDIATOR, place="牙叉镇"),
        "other_township_mediator": make_user(Role.MEDIATOR, place="七坊镇"),
        "township_supervisor": make_user(Role.SUPERVISOR, place="牙叉镇"),
        "other_township_supervisor": make_user(Role.SUPERVISOR, place="七坊镇"),
        "county_supervisor": make_user(Role.SUPERVISOR, place="白沙黎族自治县"),
        "filing_grid_worker": grid, "other_grid_worker": make_user(Role.GRID_WORKER),
        "admin": make_user(Role.ADMIN), "adviser": make_user(Role.ADVISER),
    }
    return viewers, (village_case, township_case)


def _party(app, user):
    from portal.disputes.filing import PartyData
    from tests.disputes_support import place_id

    with app.app_context():
        return PartyData(user.name, user.phone, place_id("测试村"))


def test_world_routes_as_expected(app, world):
    _viewers, (village_case, township_case) = world
    assert case(app, village_case).tier == "village"
    assert case(app, township_case).tier == "township"


@pytest.mark.parametrize("viewer", sorted(MATRIX))
def test_rule_and_sql_filter_agree(app, world, viewer):
    viewers, numbers = world
    with app.app_context():
        session = get_session()
        user = session.get(User, viewers[viewer].id)
        listed = set(session.scalars(select(Dispute.number).where(access.visible_filter(user))))
        for number, expected in zip(numbers, MATRIX[viewer]):
            dispute = session.scalars(select(Dispute).where(Dispute.number == number)).one()
            assert access.can_view(user, dispute) is expected, number
            assert (number in listed) is expected, number


@pytest.mark.parametrize("viewer", sorted(MATRIX))
def test_pages_follow_the_rule(app, client, world, viewer):
    viewers, numbers = world
    log_in(client, viewers[viewer].phone, PASSWORD)
    listing = client.get("/disputes/?show=all").get_data(as_text=True)
    for number, expected in zip(numbers, MATRIX[viewer]):
        assert client.get(f"/disputes/{number}").status_code == (200 if expected else 404)
        assert (number in listing) is expected
        printed = client.get(f"/disputes/{number}/agreement/print").status_code
        assert printed == 404  # no agreement yet, and never a leak either way


def test_anonymous_visitor_goes_to_log_in(client, world):
    _viewers, numbers = world
    assert client.get("/disputes/").status_code == 302
    assert client.get(f"/disputes/{numbers[0]}").status_code == 404
