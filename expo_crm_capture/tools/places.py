"""Countries and cities in addresses read from badges and business cards.

SPECIFICATIONS
- ``country_from_text(text)``: ISO 3166 alpha-2 code of a country named in
  ``text`` (English, 简体, 繁體 names, or a well-known city or province of
  mainland China, Taiwan, Hong Kong), else ``None``.
- ``split_address(text)``: ``(street, city, country_code)`` of one address.
  Chinese addresses: the country and province are dropped, ``city`` is the
  first ``…市`` (``北京市``, ``深圳市``, ``臺北市``) and ``street`` the rest.
  Latin addresses (comma-separated): a trailing country name is dropped, the
  city is the part before a postal code/state, else the last remaining part.
"""

import re

COUNTRIES = {
    # name (lower case) -> code; Chinese names in both scripts
    "china": "CN", "p.r.china": "CN", "p.r. china": "CN", "prc": "CN", "中国": "CN", "中國": "CN",
    "taiwan": "TW", "台湾": "TW", "台灣": "TW", "臺灣": "TW", "r.o.c.": "TW",
    "hong kong": "HK", "hongkong": "HK", "香港": "HK",
    "macau": "MO", "macao": "MO", "澳门": "MO", "澳門": "MO",
    "singapore": "SG", "新加坡": "SG",
    "malaysia": "MY", "马来西亚": "MY", "馬來西亞": "MY",
    "japan": "JP", "日本": "JP",
    "korea": "KR", "south korea": "KR", "韩国": "KR", "韓國": "KR",
    "vietnam": "VN", "viet nam": "VN", "越南": "VN",
    "thailand": "TH", "泰国": "TH", "泰國": "TH",
    "india": "IN", "印度": "IN",
    "germany": "DE", "deutschland": "DE", "德国": "DE", "德國": "DE",
    "france": "FR", "法国": "FR", "法國": "FR",
    "italy": "IT", "italia": "IT", "意大利": "IT", "義大利": "IT",
    "spain": "ES", "españa": "ES", "西班牙": "ES",
    "united kingdom": "GB", "uk": "GB", "england": "GB", "英国": "GB", "英國": "GB",
    "netherlands": "NL", "the netherlands": "NL", "荷兰": "NL", "荷蘭": "NL",
    "switzerland": "CH", "瑞士": "CH",
    "usa": "US", "u.s.a.": "US", "united states": "US", "united states of america": "US",
    "美国": "US", "美國": "US",
    "canada": "CA", "加拿大": "CA",
    "australia": "AU", "澳大利亚": "AU", "澳洲": "AU",
    "brazil": "BR", "巴西": "BR",
    "mexico": "MX", "墨西哥": "MX",
    "turkey": "TR", "türkiye": "TR", "土耳其": "TR",
    "uae": "AE", "united arab emirates": "AE", "阿联酋": "AE", "阿聯酋": "AE",
    "indonesia": "ID", "印度尼西亚": "ID", "印尼": "ID",
    "philippines": "PH", "菲律宾": "PH", "菲律賓": "PH",
}

# Provinces and big cities: an address naming them is in that country.
_CN_PLACES = (
    "北京 上海 天津 重庆 重慶 广东 廣東 广州 廣州 深圳 东莞 東莞 佛山 珠海 江苏 江蘇 南京 苏州 蘇州 无锡 "
    "無錫 常州 浙江 杭州 宁波 寧波 温州 溫州 义乌 義烏 福建 福州 厦门 廈門 山东 山東 济南 濟南 青岛 青島 "
    "河北 石家庄 河南 郑州 鄭州 湖北 武汉 武漢 湖南 长沙 長沙 四川 成都 陕西 陝西 西安 辽宁 遼寧 沈阳 瀋陽 "
    "大连 大連 吉林 长春 黑龙江 哈尔滨 安徽 合肥 江西 南昌 云南 昆明 贵州 贵阳 广西 南宁 海南 海口 山西 "
    "太原 内蒙古 新疆 甘肃 兰州 宁夏 青海 西藏"
).split()
_TW_PLACES = "台北 臺北 新北 桃园 桃園 台中 臺中 台南 臺南 高雄 新竹 基隆 嘉義 彰化 苗栗 屏東 宜蘭 花蓮 台東 臺東 南投 雲林".split()
_EN_CN = "beijing shanghai shenzhen guangzhou dongguan suzhou hangzhou ningbo tianjin chongqing xiamen qingdao wuhan chengdu".split()
_EN_TW = "taipei taichung kaohsiung tainan hsinchu taoyuan".split()

_CJK = re.compile(r"[\u3400-\u9fff]")
_CN_CITY = re.compile(r"^(?:.{2,3}(?:省|自治区|自治區))?(.{2,4}?市)(.*)$")
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}"
# a part that is only a postal code and/or a state: "CA 94105", "OH43219", "NY", "LS9 0RQ"
_POSTAL_STATE = re.compile(r"^(?:[A-Z]{2}\s*)?\d{4,6}(?:-\d{4})?$|^[A-Z]{2}$|^%s$" % _UK_POSTCODE)
# a postal code before or after the city: "40210 Düsseldorf", "Singapore 079903", "Leeds LS9 0RQ"
_POSTAL_AROUND = re.compile(r"^\d{4,6}\s*|\s+\d{4,6}$|\s+%s$" % _UK_POSTCODE)


def country_from_text(text):
    """See the module's specifications."""
    if not text:
        return None
    low = text.lower()
    best = None
    for name, code in COUNTRIES.items():
        if _CJK.search(name):
            found = name in text
        else:
            found = re.search(r"(?<![a-z])" + re.escape(name) + r"(?![a-z])", low)
        if found and (best is None or len(name) > len(best[0])):
            best = (name, code)
    if best:
        return best[1]
    if any(p in text for p in _TW_PLACES) or any(re.search(r"\b%s\b" % p, low) for p in _EN_TW):
        return "TW"
    if any(p in text for p in _CN_PLACES) or any(re.search(r"\b%s\b" % p, low) for p in _EN_CN):
        return "CN"
    return None


def _strip_country(text):
    for name in sorted(COUNTRIES, key=len, reverse=True):
        if _CJK.search(name):
            if text.startswith(name):
                return text[len(name):].lstrip(" ,，")
            if text.endswith(name):
                return text[: -len(name)].rstrip(" ,，")
        else:
            m = re.search(r"[,\s]+" + re.escape(name) + r"\.?\s*$", text, re.IGNORECASE)
            if m:
                return text[: m.start()]
    return text


def split_address(text):
    """See the module's specifications."""
    text = re.sub(r"\s+", " ", (text or "").strip(" ,，;"))
    if not text:
        return None, None, None
    country = country_from_text(text)
    body = _strip_country(text).strip(" ,，")
    if _CJK.search(body[:6] or ""):
        body = body.replace(" ", "")
        m = _CN_CITY.match(body)
        if m and m.group(2):
            return m.group(2), m.group(1), country
        return body, None, country
    parts = [p.strip() for p in body.split(",") if p.strip()]
    if len(parts) < 2:
        return body, None, country
    idx = len(parts) - 1
    while idx > 0 and _POSTAL_STATE.match(parts[idx]):
        idx -= 1
    if idx == 0:
        return ", ".join(parts), None, country
    city = _POSTAL_AROUND.sub("", parts[idx]).strip() or None
    return ", ".join(parts[:idx]), city, country
