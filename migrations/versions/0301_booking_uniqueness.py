"""advice: one resident per slot and one place per resident at a visit, enforced by the database

Revision ID: 0301_booking_uniqueness
Revises: 0300_advice
Create Date: 2026-11-29 02:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0301_booking_uniqueness'
down_revision = '0300_advice'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Partial indexes: a cancelled booking frees its slot and lets the resident book again.
    with op.batch_alter_table('advice_bookings', schema=None) as batch_op:
        batch_op.create_index('ix_advice_bookings_visit_resident_active', ['visit_id', 'resident_id'],
                              unique=True, sqlite_where=sa.text('NOT cancelled'),
                              postgresql_where=sa.text('NOT cancelled'))
        batch_op.create_index('ix_advice_bookings_visit_slot_active', ['visit_id', 'slot'], unique=True,
                              sqlite_where=sa.text('NOT cancelled'),
                              postgresql_where=sa.text('NOT cancelled'))


def downgrade() -> None:
    with op.batch_alter_table('advice_bookings', schema=None) as batch_op:
        batch_op.drop_index('ix_advice_bookings_visit_slot_active')
        batch_op.drop_index('ix_advice_bookings_visit_resident_active')
