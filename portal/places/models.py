"""Places and the mediation committee each place has."""
from __future__ import annotations

import enum

from sqlalchemy import Enum, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base


class PlaceKind(enum.StrEnum):
    """Levels of the county's administrative tree."""

    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"  # 村委会
    COMMUNITY = "community"  # 居委会


class Level(enum.StrEnum):
    """The three tiers of mediation: a village or community, a township, the county."""

    VILLAGE = "village"
    TOWNSHIP = "township"
    COUNTY = "county"


class Place(Base):
    """A node of the county → township → village tree."""

    __tablename__ = "places"
    __table_args__ = (UniqueConstraint("parent_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[PlaceKind] = mapped_column(
        Enum(PlaceKind, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]),
        index=True,
    )
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    is_demo: Mapped[bool] = mapped_column(default=False)

    parent: Mapped[Place | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Place]] = relationship(back_populates="parent", order_by="Place.name")
    committee: Mapped[Committee | None] = relationship(back_populates="place", uselist=False)

    @property
    def level(self) -> Level:
        """The mediation tier this place's committee works at."""
        if self.kind is PlaceKind.COUNTY:
            return Level.COUNTY
        if self.kind is PlaceKind.TOWNSHIP:
            return Level.TOWNSHIP
        return Level.VILLAGE

    @property
    def township(self) -> Place | None:
        """The township this place lies in (itself for a township, None for the county)."""
        node: Place | None = self
        while node is not None and node.kind is not PlaceKind.TOWNSHIP:
            node = node.parent
        return node

    @property
    def full_name(self) -> str:
        """Township and village, as people write an address (e.g. 牙叉镇 牙叉村)."""
        if self.kind in (PlaceKind.VILLAGE, PlaceKind.COMMUNITY) and self.parent:
            return f"{self.parent.name} {self.name}"
        return self.name

    def __repr__(self) -> str:
        return f"<Place {self.id} {self.name}>"


class Committee(Base):
    """The people's mediation committee (调委会) or mediation centre of one place."""

    __tablename__ = "committees"

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"), unique=True)
    name: Mapped[str] = mapped_column(String(120))

    place: Mapped[Place] = relationship(back_populates="committee")

    @property
    def level(self) -> Level:
        """The tier this committee works at."""
        return self.place.level
