"""Real-looking personal names: a surname and a given name next to a role or kinship word.

Pseudonyms are fine: ``王大爷``, ``刘某``, ``陈姨（化名）``, and any name the same text
marks as 化名 once. Ordinary words that start with a surname character (马上, 周末,
方便) are filtered out with jieba's dictionary, which the toolkit ships anyway.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

# Common surnames; characters that are mostly function words (于, 和, 常, 时, 向) are left out.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余杜叶程魏苏吕丁沈任姚卢"
    "傅钟姜崔谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤"
    "易乔赖文庞樊兰殷施洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂焦柴骆岳齐"
)
ROLES = ("老人|老先生|老太太|老太|大爷|大妈|大娘|大伯|阿姨|奶奶|爷爷|婆婆|伯伯|叔叔|阿公|阿婆|先生|女士|老师"
         "|医生|大夫|护士|社工|书记|主任|师傅|同志|站长|院长")
KIN = ("大儿子|小儿子|儿子|大女儿|小女儿|女儿|老伴儿?|丈夫|妻子|爱人|儿媳妇?|女婿|孙子|孙女|外孙女?|侄子|侄女|外甥女?"
       "|哥哥|姐姐|弟弟|妹妹|邻居|护工|保姆|志愿者|社工|督导|监护人|服务对象|老人")
# Characters that do not occur in given names here: kinship, placeholders, function words.
_NOT_GIVEN = ("人大老阿某姨奶爷伯叔婶婆妈爸哥姐弟妹嫂的了是在和与及等也都就又还说把被给对向从到去来着过"
              "将为让请陪帮问带替跟同由使叫找看送接扶告听见劝教和")

_G = f"[\u4e00-\u9fff](?<![{_NOT_GIVEN}])"
BEFORE_ROLE = re.compile(rf"([{SURNAMES}]{_G}{_G}?)(?={ROLES})")
AFTER_KIN = re.compile(rf"(?:{KIN})(?:是|叫|名叫)?([{SURNAMES}]{_G}{_G}?)")
PSEUDONYM = re.compile(r"[(（]\s*化名")
_MARKED = re.compile(r"\s*[(（]\s*化名")


WORDS_FILE = os.path.join(os.path.dirname(__file__), "data", "name_words.txt")


def derive_words() -> tuple[list[str], list[str]]:
    """From jieba's dictionary: common words that start with a surname character (马上),
    and two-character words that end with one (照顾)."""
    import jieba

    starting, ending = set(), set()
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            word, freq, *_ = line.split(" ")
            if 2 <= len(word) <= 3 and int(freq) >= 20:
                if word[0] in SURNAMES:
                    starting.add(word)
                if len(word) == 2 and word[1] in SURNAMES:
                    ending.add(word)
    return sorted(starting), sorted(ending)


def write_words() -> None:
    """Regenerate the shipped word list (run after upgrading jieba)."""
    starting, ending = derive_words()
    with open(WORDS_FILE, "w", encoding="utf-8") as fh:
        fh.write(" ".join(starting) + "\n" + " ".join(ending) + "\n")


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str]]:
    # Shipped pre-derived: reading jieba's whole dictionary costs ~0.2 s on every cold run.
    with open(WORDS_FILE, encoding="utf-8") as fh:
        starting, ending = fh.read().split("\n")[:2]
    return frozenset(starting.split()), frozenset(ending.split())


def _looks_like_word(name: str) -> bool:
    starting = _words()[0]
    return name[:2] in starting or name in starting


def _inside_word(text: str, start: int) -> bool:
    """The surname character ends a word with the character before it (照顾人…)."""
    return start > 0 and text[start - 1:start + 1] in _words()[1]


def find(text: str) -> list[tuple[int, int]]:
    """Spans of real-looking names not marked as pseudonyms (text already normalised)."""
    marked: set[str] | None = None  # built on the first candidate: most text has none
    spans = []
    for pattern in (BEFORE_ROLE, AFTER_KIN):
        for m in pattern.finditer(text):
            name = m.group(1)
            if len(name) == 3 and _looks_like_word(name[1:]) and not _looks_like_word(name[:2]):
                name = name[:2]  # 李明来: the third character starts the next word
            if marked is None:
                marked = _marked(text)
            if (name in marked or _MARKED.match(text, m.start(1) + len(name)) or _looks_like_word(name)
                    or (pattern is BEFORE_ROLE and _inside_word(text, m.start(1)))
                    or text[m.start(1) - 1:m.start(1)] in ("小", "老", "阿")):  # 小郭, 老李: a nickname
                continue
            spans.append((m.start(1), m.start(1) + len(name)))
    return spans


def _marked(text: str) -> set[str]:
    """The two to four characters before each 化名 marker: names the text calls pseudonyms."""
    return {text[max(0, m.start() - k):m.start()].rstrip() for m in PSEUDONYM.finditer(text) for k in (2, 3, 4)}


if __name__ == "__main__":
    write_words()
