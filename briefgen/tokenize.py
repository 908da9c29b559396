"""Chinese word tokens for the lexical (BM25) index: jieba search-mode segmentation. Also the one place
that loads jieba (quiet, initialised once) for the other stages: its dictionary, its tags, its segmentation."""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

from briefgen.hanzi import to_simplified

_KEEP = re.compile(r"[\w\u4e00-\u9fff]")

# A Chinese personal name: a common surname and one or two letters (周天勇, 王振涛). Surnames that are also common
# words after a title (任 of 书记任组长) are left out.
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆"
             "汪范贾夏韦邹孟熊秦邱尹薛闫段雷侯陶黎贺顾毛郝龚邵钱覃武戴莫孔汤楚蒲")
PERSON_NAME = rf"[{_SURNAMES}][\u4e00-\u9fff]{{1,2}}"
ROLES = ("书记|县长|镇长|市长|区长|乡长|主任|局长|厅长|处长|主席|委员|作者|执笔人|撰稿人|起草人|撰写人|负责人|联系人|提案人|组长"
         "|研究员|教授|专家|学者")
# A name as a text gives a person's: after a title (副主席王振涛), before a birth year (崔会敏(1974-)) or 同志, or alone
# between spaces in a masthead (孙学玉 内容提要). A role is no name: 由镇党委书记任组长 does not say who.
PERSON = re.compile(rf"(?:{ROLES}|同志)[:：]?{PERSON_NAME}|{PERSON_NAME}(?=同志|\s*[(（]\s*(?:19|20)\d{{2}}|[,，、]\s*[男女][,，、])"
                    rf"|(?:^|(?<=\s)){PERSON_NAME}\d?(?=\s)")


def people_in(text: str) -> list[str]:
    """The names of the people a text gives as such (副主席王振涛 → 王振涛, 孙学玉 内容提要 → 孙学玉), in order."""
    return [re.sub(rf"^(?:{ROLES}|同志)[:：]?|\d$", "", m.group(0)) for m in PERSON.finditer(text)]


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
    """Words and sub-words (搜索引擎模式) without punctuation, in simplified characters; Latin letters lower-cased."""
    return [t.lower() for t in jieba_module().cut_for_search(to_simplified(text)) if _KEEP.match(t)]
