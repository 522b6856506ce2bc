"""What the JSON API takes and gives, as pydantic models: spectree validates requests
against them and builds /api/v1/openapi.json from them (nothing written by hand)."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from ..queries import CHECKS, KINDS, SECOND_LOOKS
from ..review import DISPUTE_REASONS, MAX_NOTE, MAX_URL, STATUSES
from .articles import MAX_PASTE, MAX_TITLE
from .params import MAX_PAGE, MAX_SEARCH

MAX_ID = 2**63 - 1  # SQLite's largest integer
MAX_LIMIT = 100
MAX_FILTER = 500  # as queries.QuoteFilter.from_args


class Out(BaseModel):
    """A response: more fields than listed may come (later columns), never fewer."""

    model_config = ConfigDict(extra="allow")


class Error(BaseModel):
    status: int
    error: str = Field(description="the HTTP status name")
    message: str = Field(description="what was wrong, in words")


class PageQuery(BaseModel):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="page number, from 1")
    limit: int = Field(25, ge=1, le=MAX_LIMIT, description="items per page")

    @property
    def offset(self) -> int:
        """The rows before this page."""
        return (self.page - 1) * self.limit


class ArticleQuery(PageQuery):
    q: Optional[str] = Field(None, max_length=MAX_SEARCH,
                             description="words in the title or outlet")


class QuoteQuery(PageQuery):
    """The quote list's filters (queries.QuoteFilter), as in the UI's query string."""

    status: Optional[Literal[STATUSES]] = None
    speaker: Optional[int] = Field(None, ge=0, le=10**18 - 1, description="speaker id")
    article: Optional[int] = Field(None, ge=0, le=10**18 - 1, description="article id")
    kind: Optional[Literal[KINDS]] = None
    outlet: Optional[str] = Field(None, max_length=MAX_FILTER)
    reason: Optional[Literal[tuple(DISPUTE_REASONS)]] = None
    reviewer: Optional[str] = Field(None, max_length=MAX_FILTER)
    min_confidence: Optional[float] = Field(None, ge=0, le=1)
    max_confidence: Optional[float] = Field(None, ge=0, le=1)
    q: Optional[str] = Field(None, max_length=MAX_FILTER, description="full-text search")
    check: Optional[Literal[tuple(CHECKS)]] = Field(None, description="source-check state")
    second_look: Optional[Literal[tuple(SECOND_LOOKS)]] = None


class ArticleSummary(Out):
    id: int
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    ingested_at: Optional[str] = None
    quotes: int = Field(description="quotes extracted")
    reviewed: Optional[int] = None
    disputed: Optional[int] = None


class ArticlePage(Out):
    items: list[ArticleSummary]
    page: int
    limit: int
    total: int


class Article(Out):
    id: int
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    url: Optional[str] = None
    author: Optional[str] = None
    text: str
    ingested_at: Optional[str] = None
    ingested_by: Optional[str] = None
    quotes: int = Field(description="quotes extracted (list them with /quotes?article=ID)")


class Quote(Out):
    id: int
    article_id: int
    text: str
    kind: Optional[str] = None
    speaker_id: Optional[int] = None
    speaker: Optional[str] = None
    reported_by: Optional[str] = Field(None, description="the outlet or document the speaker's words are "
                                       "reported through ('X said ..., CNN reported')")
    status: str
    version: int = Field(description="send it back with a verdict (409 when stale)")
    confidence: Optional[float] = None
    dispute_reason: Optional[str] = None
    note: Optional[str] = None
    evidence_url: Optional[str] = None
    reviewer: Optional[str] = None
    reviewed_at: Optional[str] = None
    rating: Optional[str] = None


class QuotePage(Out):
    items: list[Quote]
    page: int
    limit: int
    total: int


class SourceMatch(Out):
    doc_type: str = Field(description="source (a primary source) or article")
    doc_id: int
    start: int
    end: int
    verdict: str
    score: float
    speaker: Optional[str] = None
    speaker_agrees: Optional[bool] = None
    other_quote_id: Optional[int] = None


class QuoteDetail(Quote):
    matches: list[SourceMatch] = Field(description="source-check matches, best first")


class Speaker(Out):
    id: int
    name: str
    kind: Optional[str] = None
    role: Optional[str] = None
    aliases: list[str]
    quotes: int


class SpeakerPage(Out):
    items: list[Speaker]
    page: int
    limit: int
    total: int


class VerdictIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Literal[STATUSES]
    version: int = Field(ge=0, le=MAX_ID, strict=True,
                         description="the quote's version you saw (409 when it changed)")
    reason: Optional[Literal[tuple(DISPUTE_REASONS)]] = None
    note: Optional[str] = Field(None, max_length=MAX_NOTE)
    evidence_url: Optional[str] = Field(None, max_length=MAX_URL)
    rating: Optional[str] = Field(None, max_length=100, description=(
        "a key of the rating scale; null or empty clears the rating; left out, it stays"))


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_PASTE)
    title: Optional[str] = Field(None, max_length=MAX_TITLE)


class Ingested(Out):
    id: int
    title: Optional[str] = None
    quotes: int


class Rating(Out):
    key: str = Field(description="what a verdict's rating takes")
    label: str
    kind: str = Field(description="attribution or truth")
    value: Optional[int] = Field(None, description="ClaimReview ratingValue, 1-5; 0 none")


class RatingScale(Out):
    items: list[Rating]
