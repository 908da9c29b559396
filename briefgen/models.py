"""Shared pydantic types: the contracts that users script against (see README, Contracts)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, Field

Section = Literal["成效", "问题", "建议", "背景"]
Kind = Literal["report", "plan", "academic", "proposal", "summary"]


class Region(BaseModel):
    """Administrative region a document or figure is about; any level may be unknown."""

    province: str | None = Field(None, description="省级, e.g. 四川省")
    city: str | None = Field(None, description="地级, e.g. 广安市")
    county: str | None = Field(None, description="县级, e.g. 武胜县")
    town: str | None = Field(None, description="乡镇级, e.g. 蒲场镇")

    def most_specific(self) -> str | None:
        """The lowest level that is known: town, then county, city, province."""
        return self.town or self.county or self.city or self.province


class Source(BaseModel):
    """Where a document came from: the file, and for a split dump the range in it."""

    path: str = Field(description="Path of the file as given to ingest")
    start: int | None = Field(None, description="Start offset of this document in the raw file text")
    end: int | None = Field(None, description="End offset of this document in the raw file text")


class Document(BaseModel):
    """One normalised document. Every span in the system indexes into `text`."""

    doc_id: str = Field(description="Stable id derived from the content hash")
    title: str = Field(description="Title line of the document")
    source: Source
    text: str = Field(description="Normalised text; all spans index into this")
    region: Region = Field(default_factory=Region)
    year: int | None = Field(None, description="Year the document is about or was written")
    kind: Kind = Field("report", description="report | plan | academic | proposal | summary")
    sha256: str = Field(description="sha256 of the normalised text")
    duplicate_of: str | None = Field(None, description="doc_id of the document this one repeats")


class Figure(BaseModel):
    """A number as written in a document, normalised and bound to what it measures."""

    doc_id: str = ""
    start: int = Field(description="Start of the number as written, in document.text")
    end: int = Field(description="End of the number (with its unit) in document.text")
    quote: str = Field(description="The clause the figure appears in")
    subject: str | None = Field(None, description="Region the figure is about, e.g. 武胜县")
    metric: str | None = Field(None, description="Measured noun phrase, e.g. 地方财政一般预算收入")
    value: str = Field(description="The number as written, e.g. 3.22亿元")
    value_num: float = Field(description="Normalised value with magnitude applied: 3.22亿元 → 322000000")
    unit: str = Field(description="Canonical unit: 元, 美元, %, 百分点, 天, 个, 项, 年, ...")
    year: int | None = Field(None, description="Year or period end the figure refers to")
    before_value: float | None = Field(None, description="For changes (由A缩减为B): A")
    after_value: float | None = Field(None, description="For changes (由A缩减为B): B")
    is_target: bool = Field(False, description="A target or forecast, not an achievement")
    section: Section = "背景"


class Chunk(BaseModel):
    """A span of a document; `document.text[start:end] == text` always."""

    chunk_id: str = Field(description="{doc_id}:{n}")
    doc_id: str
    n: int = Field(description="Position of the chunk in its document")
    start: int
    end: int
    text: str
    heading_path: str = Field("", description="e.g. 二、存在的问题 > （三）运行成本增加")
    section: Section = "背景"
    figures: list[Figure] = Field(default_factory=list)


class Citation(BaseModel):
    """A verbatim span of a document; `quote == document.text[start:end]` is verified."""

    doc_id: str
    chunk_id: str | None = None
    start: int
    end: int
    quote: str


ClaimStatus = Literal["verified", "unsupported"]


class Claim(BaseModel):
    """One sentence of a brief or answer with the passages that support it."""

    text: str = Field(description="The claim, one or two sentences in Chinese")
    citations: list[Citation] = Field(default_factory=list, description="At least one verbatim source span")
    figures: list[Figure] = Field(default_factory=list, description="Numbers in text, matched in a cited span")
    status: ClaimStatus = "unsupported"
    reason: str | None = Field(None, description="Why the claim is unsupported")
    comparison: bool = Field(False, description="Claim about another region, labelled as comparison")
    answers: list[int] = Field(default_factory=list, description="For a recommendation: indexes of problems it answers")


class Generator(BaseModel):
    """What produced a brief or answer."""

    model: str
    prompt_version: str
    settings_hash: str


class Brief(BaseModel):
    """A 成效/问题/建议 brief about one subject."""

    subject: str
    title: str
    achievements: list[Claim] = Field(default_factory=list, description="成效")
    problems: list[Claim] = Field(default_factory=list, description="问题")
    recommendations: list[Claim] = Field(default_factory=list, description="建议")
    sources: list[str] = Field(default_factory=list, description="doc_ids of the documents used")
    warnings: list[str] = Field(default_factory=list)
    generator: Generator
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))


class Answer(BaseModel):
    """A chat answer; `refused` when the corpus holds no evidence."""

    question: str
    answer: str
    citations: list[Citation] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    refused: bool = False
    warnings: list[str] = Field(default_factory=list)


class IngestError(BaseModel):
    """One input that could not be ingested, with the reason."""

    path: str
    reason: str


class IngestReport(BaseModel):
    """What an ingest run did."""

    added: list[str] = Field(default_factory=list, description="doc_ids newly indexed")
    replaced: list[str] = Field(default_factory=list)
    unchanged: list[str] = Field(default_factory=list)
    duplicates: list[str] = Field(default_factory=list)
    chunks_added: int = 0
    errors: list[IngestError] = Field(default_factory=list)
