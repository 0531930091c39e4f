"""Knowledge-base tables: laws, Civil Code books, chapters, sections, articles and references."""
from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base


class Law(Base):
    """A law the knowledge base holds (imported whole from the statute database)."""

    __tablename__ = "kb_laws"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    short_name: Mapped[str] = mapped_column(String(60))
    position: Mapped[int] = mapped_column(Integer, default=0)

    chapters: Mapped[list[Chapter]] = relationship(back_populates="law", order_by="Chapter.position")
    books: Mapped[list[Book]] = relationship(back_populates="law", order_by="Book.first")


class Book(Base):
    """A Civil Code book (编), 0 for the supplementary provisions; derived from article ranges."""

    __tablename__ = "kb_books"
    __table_args__ = (UniqueConstraint("law_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    law_id: Mapped[int] = mapped_column(ForeignKey("kb_laws.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(60))
    first: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer)

    law: Mapped[Law] = relationship(back_populates="books")


class Chapter(Base):
    """A chapter (章) of a law, in order."""

    __tablename__ = "kb_chapters"

    id: Mapped[int] = mapped_column(primary_key=True)
    law_id: Mapped[int] = mapped_column(ForeignKey("kb_laws.id"), index=True)
    book_id: Mapped[int | None] = mapped_column(ForeignKey("kb_books.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(120))

    law: Mapped[Law] = relationship(back_populates="chapters")
    book: Mapped[Book | None] = relationship()
    sections: Mapped[list[Section]] = relationship(back_populates="chapter", order_by="Section.position")


class Section(Base):
    """A section (节) of a chapter, in order."""

    __tablename__ = "kb_sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    chapter_id: Mapped[int] = mapped_column(ForeignKey("kb_chapters.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(120))

    chapter: Mapped[Chapter] = relationship(back_populates="sections")


class Article(Base):
    """One article: its number in the law, its official text and its place in the structure."""

    __tablename__ = "kb_articles"
    __table_args__ = (UniqueConstraint("law_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    law_id: Mapped[int] = mapped_column(ForeignKey("kb_laws.id"), index=True)
    number: Mapped[int] = mapped_column(Integer, index=True)
    book_id: Mapped[int | None] = mapped_column(ForeignKey("kb_books.id"), index=True)
    chapter_id: Mapped[int | None] = mapped_column(ForeignKey("kb_chapters.id"), index=True)
    section_id: Mapped[int | None] = mapped_column(ForeignKey("kb_sections.id"), index=True)
    text: Mapped[str] = mapped_column(Text)

    law: Mapped[Law] = relationship()
    book: Mapped[Book | None] = relationship()
    chapter: Mapped[Chapter | None] = relationship()
    section: Mapped[Section | None] = relationship()


class Reference(Base):
    """An article's text citing another article (依照本法第X条), for links both ways."""

    __tablename__ = "kb_references"
    __table_args__ = (UniqueConstraint("article_id", "law_slug", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("kb_articles.id"), index=True)
    law_slug: Mapped[str] = mapped_column(String(60), index=True)
    number: Mapped[int] = mapped_column(Integer, index=True)
