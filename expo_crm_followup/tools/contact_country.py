"""Country cells of a contact file, in plain Python: how a country is
written (names in any language, codes, common aliases) and the Chinese
country names Odoo ships, read from its translations."""

import logging
import re
import unicodedata
from collections import defaultdict

from odoo.tools import file_open

_logger = logging.getLogger(__name__)

# A few common spellings that are not in res.country's name in any language.
COUNTRY_ALIASES = {
    "prc": "CN", "prchina": "CN", "mainlandchina": "CN", "chinamainland": "CN",
    "中国大陆": "CN", "大陆": "CN", "中國大陸": "CN", "chn": "CN",
    "usa": "US", "us": "US", "america": "US", "unitedstatesofamerica": "US", "美國": "US",
    "uk": "GB", "greatbritain": "GB", "england": "GB", "gbr": "GB",
    "korea": "KR", "southkorea": "KR", "republicofkorea": "KR", "kor": "KR", "韩国": "KR",
    "hongkong": "HK", "hongkongsar": "HK", "hkg": "HK", "中国香港": "HK", "香港特别行政区": "HK",
    "macao": "MO", "macau": "MO", "中国澳门": "MO",
    "taiwan": "TW", "中国台湾": "TW", "台湾": "TW", "台灣": "TW", "twn": "TW",
    "russia": "RU", "deu": "DE", "germany": "DE", "jpn": "JP", "sgp": "SG", "ind": "IN",
    "vietnam": "VN", "uae": "AE", "fra": "FR", "ita": "IT", "esp": "ES",
}


PO_ENTRY_RE = re.compile(r"#: model:res\.country,name:base\.(\w+)")
PO_MSGSTR_RE = re.compile(r'^msgstr "(.*)"$', re.M)

# res.country names from the translations Odoo ships (zh_CN, zh_TW), so that
# "中国" is known even when Chinese is not installed: {xmlid name: [names]}.
_SHIPPED_COUNTRY_NAMES = None


def normalize_country(value):
    value = unicodedata.normalize("NFKC", str(value or "")).casefold()
    return re.sub(r"[\s.'’,\-()]+", "", value)


def shipped_country_names():
    """{xmlid name of a base country: [its Chinese names]}, read once per
    process from base's zh_CN and zh_TW translations."""
    global _SHIPPED_COUNTRY_NAMES  # noqa: PLW0603 - process-wide read-only cache
    if _SHIPPED_COUNTRY_NAMES is None:
        names = defaultdict(list)
        for lang in ("zh_CN", "zh_TW"):
            try:
                with file_open(f"base/i18n/{lang}.po", "rb") as po:
                    content = po.read().decode("utf-8")
            except (OSError, ValueError):
                _logger.debug("No %s translation of the country names", lang)
                continue
            for block in content.split("\n\n"):
                xmlids = PO_ENTRY_RE.findall(block)
                msgstr = PO_MSGSTR_RE.search(block)
                if xmlids and msgstr and msgstr.group(1):
                    for xmlid in xmlids:
                        names[xmlid].append(msgstr.group(1))
        _SHIPPED_COUNTRY_NAMES = dict(names)
    return _SHIPPED_COUNTRY_NAMES
