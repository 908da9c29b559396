"""Chinese word tokens for the lexical (BM25) index: jieba search-mode segmentation. Also the one place
that loads jieba (quiet, initialised once) for the other stages: its dictionary, its tags, its segmentation."""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

_KEEP = re.compile(r"[\w\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def jieba_module() -> Any:
    """jieba, imported lazily (~1 s to load its dictionary), with its logging quietened."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@lru_cache(maxsize=1)
def dictionary() -> dict[str, int]:
    """jieba's word frequencies (a word with frequency 0 is only a user-dictionary entry)."""
    return jieba_module().dt.FREQ  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    """jieba's part-of-speech tag of each dictionary word (偏 → a, 马 → n)."""
    import jieba.posseg

    jieba_module()
    jieba.posseg.dt.tokenizer.check_initialized()
    return jieba.posseg.dt.word_tag_tab  # type: ignore[no-any-return]


def tokenize(text: str) -> list[str]:
    """Words and sub-words (搜索引擎模式) without punctuation; Latin letters lower-cased."""
    return [t.lower() for t in jieba_module().cut_for_search(text) if _KEEP.match(t)]
