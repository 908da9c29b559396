"""Part-of-speech tagging (jieba, imported lazily), cached for the short phrases the passes look at."""

from __future__ import annotations

from functools import lru_cache

from briefgen.tokenize import jieba_module


@lru_cache(maxsize=4096)
def _pos(text: str) -> tuple[tuple[str, str], ...]:
    """Words and part-of-speech flags (jieba)."""
    import jieba.posseg as posseg

    jieba_module()
    return tuple((w.word, w.flag) for w in posseg.lcut(text))
