"""Errors with context. Every user-facing failure is one of these, shown as one line."""

from __future__ import annotations

from pathlib import Path


class BriefgenError(Exception):
    """Base class of briefgen's errors."""


class LoadError(BriefgenError):
    """A file could not be read into documents."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class IndexMismatchError(BriefgenError):
    """The vector store was built with another embedding model or chunking."""


class ModelNotFoundError(BriefgenError):
    """A model is not in the cache and not at the configured path."""


class LLMError(BriefgenError):
    """The LLM backend failed (unreachable, timed out, or returned unusable output)."""

    def __init__(self, message: str, attempts: int = 0, last_output: str | None = None) -> None:
        self.attempts = attempts
        self.last_output = last_output
        super().__init__(message)


class UnknownSubjectError(BriefgenError):
    """A brief was asked for a subject the corpus does not cover."""
