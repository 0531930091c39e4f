"""The demo disputes: every stage appears, seeding twice adds nothing, and every demo page renders."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from portal.db import get_session
from portal.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from portal.disputes.models import Dispute
from portal.disputes.workflow import Stage
from tests.conftest import log_in


def test_demo_covers_every_stage_and_tier(seeded):
    with seeded.app_context():
        session = get_session()
        stages = set(session.scalars(select(Dispute.stage)))
        tiers = set(session.scalars(select(Dispute.tier)))
        count = session.scalar(select(func.count(Dispute.id)))
    assert stages == {s.value for s in Stage}
    assert tiers == {"village", "township", "county"}
    assert count == 13 + 10  # stages, then the caseload demo; the second run added nothing


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.role.value + a.phone[-1])
def test_every_demo_user_sees_living_pages(seeded, client, account):
    log_in(client, account.phone, DEMO_PASSWORD)
    listing = client.get("/disputes/?show=all")
    assert listing.status_code == 200
    for number in set(re.findall(r"BS-\d{4}-\d{6}", listing.get_data(as_text=True))):
        assert client.get(f"/disputes/{number}").status_code == 200
        printed = client.get(f"/disputes/{number}/agreement/print").status_code
        assert printed in (200, 404)
