"""Demo data for `make run`: demo villages, one account per role, and each area's demo cases."""
from __future__ import annotations

import importlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.auth.models import COMMITTEE_ROLES, Role, User
from portal.auth.services import PasswordPolicy
from portal.places.models import Place, PlaceKind
from portal.places.services import add_village, ensure_county, townships

DEMO_PASSWORD = "baisha-demo-2026"
DEMO_VILLAGES = (("演示一村", PlaceKind.VILLAGE), ("演示二村", PlaceKind.VILLAGE),
                 ("演示社区", PlaceKind.COMMUNITY))


@dataclass(frozen=True)
class DemoAccount:
    phone: str
    name: str
    role: Role
    township: str | None  # None: the county
    village: str | None = None


DEMO_ACCOUNTS = (
    DemoAccount("13800000000", "县司法局管理员", Role.ADMIN, None),
    DemoAccount("13800000001", "符阿婆", Role.RESIDENT, "牙叉镇", "演示一村"),
    DemoAccount("13800000002", "王网格", Role.GRID_WORKER, "牙叉镇", "演示一村"),
    DemoAccount("13800000003", "羊调解", Role.MEDIATOR, "牙叉镇", "演示一村"),
    DemoAccount("13800000004", "李调解", Role.MEDIATOR, "牙叉镇"),
    DemoAccount("13800000005", "陈主任", Role.SUPERVISOR, "牙叉镇"),
    DemoAccount("13800000006", "吴调解", Role.MEDIATOR, None),
    DemoAccount("13800000007", "黄主任", Role.SUPERVISOR, None),
    DemoAccount("13800000008", "林律师", Role.ADVISER, "牙叉镇"),
    DemoAccount("13800000009", "符阿公", Role.RESIDENT, "牙叉镇", "演示二村"),
)

# Each area adds "module:function" here; each function takes the session and is idempotent.
AREA_SEEDERS: list[str] = ["portal.disputes.demo:seed", "portal.advice.demo:seed"]


def seed_demo(session: Session, policy: PasswordPolicy) -> list[DemoAccount]:
    """Create the demo places, accounts and area data; running it twice changes nothing."""
    county = ensure_county(session)
    for township in townships(session):
        existing = {c.name for c in township.children}
        for name, kind in DEMO_VILLAGES:
            if name not in existing:
                add_village(session, township_id=township.id, name=name, kind=kind, is_demo=True)
    for account in DEMO_ACCOUNTS:
        _ensure_account(session, county, account, policy)
    session.flush()
    for path in AREA_SEEDERS:
        module, function = path.split(":")
        getattr(importlib.import_module(module), function)(session)
    return list(DEMO_ACCOUNTS)


def _ensure_account(session: Session, county: Place, account: DemoAccount,
                    policy: PasswordPolicy) -> None:
    if session.scalar(select(User.id).where(User.phone == account.phone)):
        return
    place = county
    if account.township:
        place = next(t for t in county.children if t.name == account.township)
    if account.village:
        place = next(v for v in place.children if v.name == account.village)
    user = User(phone=account.phone, name=account.name, role=account.role, place=place)
    if account.role in COMMITTEE_ROLES:
        user.committee = place.committee
    user.set_password(DEMO_PASSWORD, policy.hash_method)
    session.add(user)
