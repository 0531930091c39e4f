"""Dispute types, sources and languages as stored codes: pure Python, titles in labels.py."""
from __future__ import annotations

from enum import StrEnum

from portal.disputes.workflow import OTHER_ROUTES, ReferralRoute


class DisputeType(StrEnum):
    """纠纷类型: the county's taxonomy of disputes."""

    MARRIAGE_FAMILY = "marriage_family"  # 婚姻家庭
    NEIGHBOUR = "neighbour"  # 邻里
    HOUSING_HOMESTEAD = "housing_homestead"  # 房屋宅基地
    LAND_CONTRACT = "land_contract"  # 土地承包
    FOREST_LAND_TITLE = "forest_land_title"  # 山林土地权属
    CONTRACT = "contract"  # 合同
    PRIVATE_LENDING = "private_lending"  # 民间借贷
    DAMAGES = "damages"  # 损害赔偿
    LABOUR_PAY = "labour_pay"  # 劳动/劳务报酬
    PRODUCTION_BUSINESS = "production_business"  # 生产经营
    EXPROPRIATION = "expropriation"  # 征地拆迁
    POLLUTION = "pollution"  # 环境污染
    CONSUMER = "consumer"  # 消费
    MEDICAL = "medical"  # 医疗
    TRAFFIC = "traffic"  # 交通事故
    PROPERTY_MANAGEMENT = "property_management"  # 物业
    OTHER = "other"  # 其他


class Source(StrEnum):
    """How the case reached the committee (PML 17, 18)."""

    SELF_FILED = "self_filed"
    GRID_WORKER = "grid_worker"
    COURT_POLICE_REFERRAL = "court_police_referral"
    PATROL = "patrol"


class Language(StrEnum):
    """The language the parties need the mediation in."""

    MANDARIN = "mandarin"  # 普通话
    HAINANESE = "hainanese"  # 海南话
    LI = "li"  # 黎语
    MIAO = "miao"  # 苗语
    OTHER = "other"


class SessionPrivacy(StrEnum):
    """Public or private session, as a party may ask (PML 23)."""

    PUBLIC = "public"
    PRIVATE = "private"


class RiskLevel(StrEnum):
    """How likely a dispute is to turn violent or criminal (PML 25)."""

    GENERAL = "general"  # 一般
    SERIOUS = "serious"  # 较大: supervisors are alerted and the case tops every list
    GRAVE = "grave"  # 重大


# Higher sorts first in every list; 一般 is watched but does not jump the queue.
RISK_PRIORITY: dict[RiskLevel, int] = {RiskLevel.GENERAL: 0, RiskLevel.SERIOUS: 1, RiskLevel.GRAVE: 2}
RISK_LEVEL_WORDS: dict[RiskLevel, str] = {RiskLevel.GENERAL: "一般", RiskLevel.SERIOUS: "较大", RiskLevel.GRAVE: "重大"}
ALERT_LEVELS: frozenset[RiskLevel] = frozenset({RiskLevel.SERIOUS, RiskLevel.GRAVE})


class Performance(StrEnum):
    """Whether an agreement term was carried out (PML 31)."""

    FULLY = "fully"
    PARTLY = "partly"
    NOT = "not"


PERFORMANCE_WORDS: dict[Performance, str] = {
    Performance.FULLY: "全部履行", Performance.PARTLY: "部分履行", Performance.NOT: "未履行",
}


class VisitMethod(StrEnum):
    """How the return visit (回访) was made."""

    HOME = "home"
    PHONE = "phone"
    OFFICE = "office"


# Sources where the committee acted on its own initiative, so the applicant
# has not consented by filing and must consent like the respondent (PML 17).
SOURCES_NEEDING_APPLICANT_CONSENT: frozenset[Source] = frozenset({
    Source.COURT_POLICE_REFERRAL, Source.PATROL,
})

# Routes with a special body for some types, shown before the general ones.
_SPECIAL_ROUTES: dict[DisputeType, ReferralRoute] = {
    # 农村土地承包经营纠纷调解仲裁法: the rural land contract arbitration committee.
    DisputeType.LAND_CONTRACT: ReferralRoute.LAND_CONTRACT_ARBITRATION,
    DisputeType.LABOUR_PAY: ReferralRoute.LABOUR_ARBITRATION,
}


def suggested_routes(dispute_type: DisputeType | str) -> tuple[ReferralRoute, ...]:
    """Routes to tell the parties of when mediation ends for a dispute of this type (PML 26)."""
    special = _SPECIAL_ROUTES.get(DisputeType(dispute_type))
    return (special, *OTHER_ROUTES) if special else OTHER_ROUTES
