"""Real-looking personal names: a surname and a given name next to a role or kinship word.

Pseudonyms are fine: ``王大爷``, ``刘某``, ``陈姨（化名）``, and any name the same text
marks as 化名 once. Ordinary words that start with a surname character (马上, 周末,
方便) are filtered out with jieba's dictionary, which the toolkit ships anyway.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

# Common surnames (about 98% of people by frequency); characters that are mostly function or
# ordinary words (于, 和, 常, 时, 向, 成, 关, 路, 明, 全, 国, 海, 管, 谈, 查) are left out.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余杜叶程魏苏吕丁沈任姚卢"
    "傅钟姜崔谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤"
    "易乔赖文庞樊兰殷施洪翟安颜倪牛温芦季俞章鲁葛伍申尤毕聂焦柴骆岳齐"
    "高阎鞠康邢庄詹欧耿左柳甘祝包宁尚符舒阮柯纪梅童凌裴霍涂苗谷盛曲翁冉蓝游辛靳蒙鲍华喻祁蒲房滕屈饶牟"
    "艾穆农卓古吉缪简项麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬仇栾隋商刁沙荣巫寇桑郎甄"
    "丛仲虞敖巩佘池麻苑迟邝官匡惠荆冀郁胥班储栗燕楚鄢劳谌奚皮粟冼蔺闻厉伊仝郜阚权帅屠朴廉禹井"
    "祖漆巴卿狄晋初扈晁芮阙浦戈伏鹿薄邸雍辜"
)
# Words written after a name (王芳阿姨, 张建国老人) ...
ROLES = ("老人|老先生|老太太|老太|老汉|老伯|大爷|大妈|大娘|大伯|大哥|大姐|阿姨|阿伯|奶奶|爷爷|婆婆|伯伯|叔叔|阿公|阿婆"
         "|外婆|外公|姥姥|姥爷|先生|女士|老师|医生|大夫|护士|社工|书记|主任|师傅|同志|站长|院长|村长|组长|队长|经理"
         "|律师|民警|警官|网格员|志愿者|患者|居民|村民|户主|本人")
# ... and words written before one (女儿王芳, 患者张建国, 联系人李娟).
KIN = ("大儿子|小儿子|二儿子|儿子|大女儿|小女儿|二女儿|女儿|长子|长女|次子|次女|独子|独女|养子|养女|老伴儿?|丈夫|妻子"
       "|爱人|老公|老婆|儿媳妇?|女婿|孙子|孙女|外孙女?|侄子|侄女|外甥女?|哥哥|姐姐|弟弟|妹妹|父亲|母亲|亲属|家属"
       "|邻居|护工|保姆|志愿者|社工|督导|网格员|医生|护士|民警|监护人|代理人|联系人|紧急联系人|户主|患者|病人|居民|村民"
       "|服务对象|案主|老人")
# Characters that do not occur in given names here: kinship, placeholders, function words.
_NOT_GIVEN = ("人大老阿某姨奶爷伯叔婶婆妈爸哥姐弟妹嫂的了是在和与及等也都就又还说把被给对向从到去来着过"
              "将为让请陪帮问带替跟同由使叫找看送接扶告听见劝教和哪些么什女先")  # 女, 先: 魏女士, 王先生

# Characters that often follow a name and seldom end a three-character one (王芳每周来).
_FOLLOWS = ("每常经已曾刚才便再会要想能因认觉表提负最特非拿打做回先现今没不所这那此其称仍都也就一两俩"
            "签反担拒答住走跑哭笑坐站听买卖拿办填写读吃喝睡退患参申领收交找搬离通联照")

_G = f"[\u4e00-\u9fff](?<![{_NOT_GIVEN}])"
# (?:{_G})? and not {_G}?: a bare ? would quantify _G's trailing lookbehind, not the character.
BEFORE_ROLE = re.compile(rf"([{SURNAMES}]{_G}(?:{_G})?)(?={ROLES})")
AFTER_KIN = re.compile(rf"(?:{KIN})[:\s]*(?:是|叫|名叫)?[:\s]*([{SURNAMES}]{_G}(?:{_G})?)")
# What either pattern needs, without the exclusions of given-name characters: text without a
# match has no name (privacy_patterns uses it to skip text before any detector runs).
NEED = (rf"[{SURNAMES}][\u4e00-\u9fff]{{1,2}}(?:{ROLES})"
        rf"|(?:{KIN})[:\s]*(?:是|叫|名叫)?[:\s]*[{SURNAMES}]")
PSEUDONYM = re.compile(r"[(（]\s*化名")
_MARKED = re.compile(r"\s*[(（]\s*化名")


WORDS_FILE = os.path.join(os.path.dirname(__file__), "data", "name_words.txt")


def derive_words() -> tuple[list[str], list[str]]:
    """From jieba's dictionary: common words that start with a surname character (马上),
    and two-character words that end with one (照顾); person names excluded."""
    import jieba

    starting, ending = set(), set()
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            word, freq, tag = line.rstrip("\n").split(" ")
            # Three-character person names (tag nr: 张雪梅, 李建华) are no ordinary word; two-character
            # ones stay, as the tag is loose there (康复, 高峰 and 童工 are tagged nr too).
            if 2 <= len(word) <= 3 and int(freq) >= 20 and not (len(word) == 3 and tag.startswith("nr")):
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
            if len(name) == 3 and (name[2] in _FOLLOWS or _looks_like_word(name[1:])) and not _looks_like_word(name[:2]):
                name = name[:2]  # 李明来, 王芳每周: the third character starts the next word
            if marked is None:
                marked = _marked(text)
            if (name in marked or _MARKED.match(text, m.start(1) + len(name)) or _looks_like_word(name)
                    or _inside_word(text, m.start(1))  # 照顾|独居老人, 妇女|儿童|工作
                    or text[m.start(1) - 1:m.start(1)] in ("小", "老", "阿")):  # 小郭, 老李: a nickname
                continue
            spans.append((m.start(1), m.start(1) + len(name)))
    return spans


def _marked(text: str) -> set[str]:
    """The two to four characters before each 化名 marker: names the text calls pseudonyms."""
    return {text[max(0, m.start() - k):m.start()].rstrip() for m in PSEUDONYM.finditer(text) for k in (2, 3, 4)}


if __name__ == "__main__":
    write_words()
