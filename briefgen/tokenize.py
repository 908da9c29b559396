"""Chinese word tokens for the lexical (BM25) index: jieba search-mode segmentation."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

_KEEP = re.compile(r"[\w\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _jieba() -> object:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def tokenize(text: str) -> list[str]:
    """Words and sub-words (搜索引擎模式) without punctuation; Latin letters lower-cased."""
    jieba = _jieba()
    return [t.lower() for t in jieba.cut_for_search(text) if _KEEP.match(t)]  # type: ignore[attr-defined]
