"""Traditional or simplified Chinese: which script a card is printed in, and
putting back the traditional characters that OCR read as simplified ones.

SPECIFICATIONS
- ``is_traditional(text)``: more characters only used in traditional writing
  (their simplified form differs) than characters only used in simplified
  writing.
- ``to_traditional(text)``: each simplified character turned into its
  traditional form, character by character (OpenCC's ``s2t`` table), except
  those that Taiwanese writing also uses as they are (台, 里, 范, 余, 于…).
  Without ``opencc-python-reimplemented`` installed, ``text`` is returned as is.
"""

import functools

_KEEP = set("杰台里干后才面只准丑卜表征系松范余于云谷斗几制历冬志朴舍咸姜乾游布升致症秋向借")


@functools.lru_cache(maxsize=2)
def _converter(config):
    try:
        from opencc import OpenCC
    except ImportError:  # optional: the text stays as read
        return None
    return OpenCC(config)


@functools.lru_cache(maxsize=4096)
def _char(c, config):
    conv = _converter(config)
    return conv.convert(c) if conv else c


def _is_cjk(c):
    return "\u3400" <= c <= "\u9fff"


def is_traditional(text):
    """See the module's specifications."""
    trad = simp = 0
    for c in set(text or ""):
        if not _is_cjk(c) or c in _KEEP:
            continue
        if _char(c, "t2s") != c:
            trad += 1
        elif _char(c, "s2t") != c:
            simp += 1
    return trad > simp


def to_traditional(text):
    """See the module's specifications."""
    if not text:
        return text
    return "".join(c if not _is_cjk(c) or c in _KEEP else _char(c, "s2t") for c in text)
