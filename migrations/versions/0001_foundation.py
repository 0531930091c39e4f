"""foundation: places, committees, users

Revision ID: 0001_foundation
Revises: 
Create Date: 2026-11-28 23:29:45.872720
"""
from alembic import op
import sqlalchemy as sa
import portal.db


revision = '0001_foundation'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('places',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.Enum('county', 'township', 'village', 'community', name='placekind', native_enum=False, length=16), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['places.id'], name=op.f('fk_places_parent_id_places')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_places')),
    sa.UniqueConstraint('parent_id', 'name', name=op.f('uq_places_parent_id'))
    )
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_places_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_places_parent_id'), ['parent_id'], unique=False)

    op.create_table('committees',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_committees_place_id_places')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_committees')),
    sa.UniqueConstraint('place_id', name=op.f('uq_committees_place_id'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('phone', sa.String(length=11), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.Enum('resident', 'grid_worker', 'mediator', 'supervisor', 'adviser', 'admin', name='role', native_enum=False, length=16), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=True),
    sa.Column('committee_id', sa.Integer(), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['committee_id'], ['committees.id'], name=op.f('fk_users_committee_id_committees')),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_users_place_id_places')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('phone', name=op.f('uq_users_phone'))
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_committee_id'), ['committee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_users_place_id'), ['place_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_users_role'), ['role'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_role'))
        batch_op.drop_index(batch_op.f('ix_users_place_id'))
        batch_op.drop_index(batch_op.f('ix_users_committee_id'))

    op.drop_table('users')
    op.drop_table('committees')
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_places_parent_id'))
        batch_op.drop_index(batch_op.f('ix_places_kind'))

    op.drop_table('places')
