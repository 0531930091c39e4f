"""Imports every area's models so that Base.metadata knows all tables (Alembic, tests)."""
from portal.auth.models import User  # noqa: F401
from portal.places.models import Committee, Place  # noqa: F401
from portal.notifications.models import Notification  # noqa: F401
import portal.disputes.models  # noqa: F401,E402
import portal.disputes.caseload_models  # noqa: F401,E402
import portal.advice.models  # noqa: F401,E402
import portal.kb.models  # noqa: F401,E402
