"""Notifications: an in-portal centre for every user, with email when an SMTP server is set.

Other areas call `register_subject(...)` once for each kind of thing they own, then
`notify(session, recipients, kind, subject_type, subject_id, **params)` from their services.
"""
from portal.notifications.models import Kind, Notification
from portal.notifications.services import notify
from portal.notifications.subjects import register_subject

__all__ = ["Kind", "Notification", "notify", "register_subject"]
