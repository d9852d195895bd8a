"""Generate the business-card photo set of expo_crm_capture (issue 11).

``.venv/bin/python tests/bench/capture_cards.py [--count 40] [--out DIR]``

Writes ``card_NN.jpg`` (a phone-like photo of a synthetic card) and
``card_NN.json`` (its truth: the fields a reader should find, plus how the card
was drawn) into ``expo_crm_capture/tests/data/cards/``. Deterministic (fixed
seed): running it again gives the same set. Cards are 简体 (mainland China),
繁體 (Taiwan), English (US, Germany, Singapore, UK, Vietnam) or bilingual
(Chinese front with English lines; the truth is then the Chinese name, company
and title), in several fonts (Noto Sans/Serif CJK SC/TC, DejaVu Sans/Serif),
layouts (left, right, centred, two columns) and label styles, photographed with
degradations: small and 90/180/270° rotation, blur, uneven light, shadow,
perspective skew, noise, JPEG compression.
"""

import argparse
import io
import json
import os
import random

import phonenumbers
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "expo_crm_capture", "tests", "data", "cards")
NOTO = "/usr/share/fonts/opentype/noto/"
DEJAVU = "/usr/share/fonts/truetype/dejavu/"
FONTS = {
    "sans_sc": (NOTO + "NotoSansCJK-Regular.ttc", NOTO + "NotoSansCJK-Bold.ttc", 2),
    "serif_sc": (NOTO + "NotoSerifCJK-Regular.ttc", NOTO + "NotoSerifCJK-Bold.ttc", 2),
    "sans_tc": (NOTO + "NotoSansCJK-Regular.ttc", NOTO + "NotoSansCJK-Bold.ttc", 3),
    "serif_tc": (NOTO + "NotoSerifCJK-Regular.ttc", NOTO + "NotoSerifCJK-Bold.ttc", 3),
    "dejavu_sans": (DEJAVU + "DejaVuSans.ttf", DEJAVU + "DejaVuSans-Bold.ttf", 0),
    "dejavu_serif": (DEJAVU + "DejaVuSerif.ttf", DEJAVU + "DejaVuSerif-Bold.ttf", 0),
    "dejavu_cond": (DEJAVU + "DejaVuSansCondensed.ttf", DEJAVU + "DejaVuSansCondensed-Bold.ttf", 0),
}

SURNAMES = [("张", "張", "Zhang"), ("王", "王", "Wang"), ("李", "李", "Li"), ("刘", "劉", "Liu"), ("陈", "陳", "Chen"),
            ("杨", "楊", "Yang"), ("黄", "黃", "Huang"), ("周", "周", "Zhou"), ("吴", "吳", "Wu"), ("林", "林", "Lin"),
            ("郭", "郭", "Guo"), ("许", "許", "Xu"), ("蔡", "蔡", "Cai"), ("欧阳", "歐陽", "Ouyang")]
GIVEN = [("伟明", "偉明", "Weiming"), ("晓燕", "曉燕", "Xiaoyan"), ("志强", "志強", "Zhiqiang"), ("丽华", "麗華", "Lihua"),
         ("建国", "建國", "Jianguo"), ("静", "靜", "Jing"), ("俊杰", "俊傑", "Junjie"), ("雅婷", "雅婷", "Yating"),
         ("家豪", "家豪", "Jiahao"), ("海涛", "海濤", "Haitao"), ("敏", "敏", "Min"), ("宗翰", "宗翰", "Zonghan")]
CITIES_CN = [("深圳", "广东省", "755", "Shenzhen"), ("苏州", "江苏省", "512", "Suzhou"), ("宁波", "浙江省", "574", "Ningbo"),
             ("上海", "", "21", "Shanghai"), ("北京", "", "10", "Beijing"), ("东莞", "广东省", "769", "Dongguan"),
             ("青岛", "山东省", "532", "Qingdao")]
CITIES_TW = [("臺北市", "信義區松仁路", "2", "Taipei"), ("新北市", "板橋區文化路一段", "2", "New Taipei"),
             ("臺中市", "西屯區工業區一路", "4", "Taichung"), ("高雄市", "前鎮區成功二路", "7", "Kaohsiung")]
CN_WORDS = [("华越", "Huayue"), ("恒达", "Hengda"), ("博远", "Boyuan"), ("海天", "Haitian"), ("鼎力", "Dingli"),
            ("金泰", "Jintai"), ("中联", "Zhonglian"), ("瑞丰", "Ruifeng")]
TW_WORDS = [("宏達", "Hongda"), ("台灣精密", "Taiwan Precision"), ("永豐", "Yongfeng"), ("聯興", "Lianxing"),
            ("正新", "Zhengxin"), ("東元", "Dongyuan")]
INDUSTRIES = [("机械", "機械", "Machinery"), ("精密模具", "精密模具", "Precision Mould"), ("自动化设备", "自動化設備", "Automation"),
              ("包装科技", "包裝科技", "Packaging Technology"), ("电子", "電子", "Electronics"), ("塑胶", "塑膠", "Plastics")]
SUFFIX_CN = ["有限公司", "股份有限公司", "集团有限公司", "科技有限公司"]
SUFFIX_TW = ["股份有限公司", "有限公司", "企業股份有限公司"]
TITLES = [("销售总监", "業務總監", "Sales Director"), ("总经理", "總經理", "General Manager"), ("采购经理", "採購經理", "Purchasing Manager"),
          ("技术工程师", "技術工程師", "Technical Engineer"), ("董事长", "董事長", "Chairman"), ("市场部经理", "行銷部經理", "Marketing Manager"),
          ("外贸业务员", "業務專員", "Sales Representative"), ("副总经理", "副總經理", "Deputy General Manager")]
EN_FIRST = ["Michael", "Sarah", "David", "Anna", "Thomas", "Laura", "Kevin", "Julia", "Peter", "Emily", "Lukas", "Mai"]
EN_LAST = ["Brown", "Miller", "Schneider", "Tan", "Nguyen", "Walker", "Fischer", "Lim", "Taylor", "Wright", "Becker", "Tran"]
EN_COMPANIES = [
    ("US", "Brightline Tools", "Inc.", "brightline-tools.com", "1200 Harbor Blvd, Suite 300, Oakland, CA 94607, USA", "Oakland"),
    ("US", "Summit Packaging", "LLC", "summitpack.com", "45 Industrial Drive, Columbus, OH 43219, USA", "Columbus"),
    ("DE", "Rheinwerk Maschinenbau", "GmbH", "rheinwerk-mb.de", "Industriestraße 12, 40210 Düsseldorf, Germany", "Düsseldorf"),
    ("SG", "Lionbridge Automation", "Pte. Ltd.", "lionbridge-auto.sg", "10 Anson Road, #21-02, Singapore 079903", "Singapore"),
    ("GB", "Northgate Components", "Ltd.", "northgate-components.co.uk", "Unit 4, Riverside Park, Leeds LS9 0RQ, United Kingdom", "Leeds"),
    ("VN", "Saigon Mechanical", "JSC", "saigonmech.vn", "25 Nguyen Hue Street, District 1, Ho Chi Minh City, Vietnam", "Ho Chi Minh City"),
]
EN_TITLES = ["Sales Manager", "Purchasing Director", "CEO", "Export Manager", "Technical Director",
             "Business Development Manager", "Senior Engineer", "Managing Director", "Head of Procurement"]
LABELS = {
    "zh_CN": [{"mobile": "手机：", "phone": "电话：", "fax": "传真：", "email": "邮箱：", "web": "网址：", "addr": "地址："},
              {"mobile": "手机 ", "phone": "电话 ", "fax": "传真 ", "email": "E-mail：", "web": "Web：", "addr": "地址："},
              {"mobile": "M：", "phone": "T：", "fax": "F：", "email": "E：", "web": "", "addr": ""}],
    "zh_TW": [{"mobile": "手機：", "phone": "電話：", "fax": "傳真：", "email": "信箱：", "web": "網址：", "addr": "地址："},
              {"mobile": "行動電話：", "phone": "TEL：", "fax": "FAX：", "email": "E-mail：", "web": "", "addr": "地址："},
              {"mobile": "M ", "phone": "T ", "fax": "F ", "email": "E ", "web": "W ", "addr": ""}],
    "en": [{"mobile": "Mobile: ", "phone": "Tel: ", "fax": "Fax: ", "email": "Email: ", "web": "Web: ", "addr": "Address: "},
           {"mobile": "M ", "phone": "T ", "fax": "F ", "email": "E ", "web": "W ", "addr": ""},
           {"mobile": "Mob: ", "phone": "Phone: ", "fax": "F: ", "email": "", "web": "", "addr": "Add: "}],
}


def valid_number(rng, region, pattern):
    """A valid number of ``region`` whose national digits follow ``pattern``
    (``#`` = random digit); returns (national digits, E.164)."""
    for _i in range(200):
        digits = "".join(str(rng.randint(0, 9)) if c == "#" else c for c in pattern)
        try:
            num = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(num):
            return digits, phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    raise ValueError(pattern)


def fmt_groups(digits, groups, sep=" "):
    out, i = [], 0
    for g in groups:
        out.append(digits[i:i + g])
        i += g
    if i < len(digits):
        out.append(digits[i:])
    return sep.join(p for p in out if p)


def person_zh(rng, lang, bilingual):
    sur, giv = rng.choice(SURNAMES), rng.choice(GIVEN)
    tw = lang == "zh_TW"
    name = (sur[1] + giv[1]) if tw else (sur[0] + giv[0])
    pinyin = (giv[2] + " " + sur[2]) if rng.random() < 0.5 else (sur[2] + " " + giv[2])
    title = rng.choice(TITLES)
    if tw:
        city, street, area, city_en = rng.choice(CITIES_TW)
        word = rng.choice(TW_WORDS)
        ind = rng.choice(INDUSTRIES)
        company = word[0] + ind[1] + rng.choice(SUFFIX_TW)
        company_en = "%s %s Co., Ltd." % (word[1], ind[2])
        mob_d, mob = valid_number(rng, "TW", "09########")
        mobile_txt = rng.choice([fmt_groups(mob_d, [4, 3, 3], "-"), "+886 " + fmt_groups(mob_d[1:], [3, 3, 3])])
        tel_d, tel = valid_number(rng, "TW", "0" + area + "2#######" if area == "2" else "0" + area + "2######")
        tel_txt = rng.choice(["(0%s) %s" % (area, fmt_groups(tel_d[len(area) + 1:], [4, 4], "-")),
                              "+886-%s-%s" % (area, tel_d[len(area) + 1:])])
        fax_d = tel_d
        while fax_d == tel_d:
            fax_d, _fax = valid_number(rng, "TW", tel_d[:-2] + "##")
        fax_txt = "(0%s) %s" % (area, fmt_groups(fax_d[len(area) + 1:], [4, 4], "-"))
        addr = "%s%s%d號%d樓" % (city, street, rng.randint(1, 300), rng.randint(2, 20))
        truth_city, country = city, "TW"
        dom = word[1].lower().replace(" ", "") + ".com.tw"
    else:
        city, prov, area, city_en = rng.choice(CITIES_CN)
        word, ind = rng.choice(CN_WORDS), rng.choice(INDUSTRIES)
        company = city + ("市" if rng.random() < 0.6 else "") + word[0] + ind[0] + rng.choice(SUFFIX_CN)
        company_en = "%s %s %s Co., Ltd." % (city_en, word[1], ind[2])
        mob_d, mob = valid_number(rng, "CN", rng.choice(["13#########", "15#########", "18#########", "17#########"]))
        mobile_txt = rng.choice([fmt_groups(mob_d, [3, 4, 4]), mob_d, "+86 " + fmt_groups(mob_d, [3, 4, 4]),
                                 fmt_groups(mob_d, [3, 4, 4], "-")])
        tel_pat = "0" + area + ("6#######" if len(area) <= 3 else "6######")
        tel_d, tel = valid_number(rng, "CN", tel_pat)
        tel_txt = rng.choice(["0%s-%s" % (area, tel_d[len(area) + 1:]), "+86-%s-%s" % (area, tel_d[len(area) + 1:]),
                              "+86 %s %s" % (area, fmt_groups(tel_d[len(area) + 1:], [4, 4])),
                              "(0%s) %s" % (area, tel_d[len(area) + 1:])])
        fax_d = tel_d[:-1] + str((int(tel_d[-1]) + 1) % 10)
        fax_txt = "0%s-%s" % (area, fax_d[len(area) + 1:])
        district = rng.choice(["南山区", "高新区", "工业园区", "经济开发区", "浦东新区", "朝阳区"])
        road = rng.choice(["科技园南路", "长江路", "星湖街", "金桥路", "建设大道", "创业路"])
        addr = "%s%s市%s%s%d号" % (prov, city, district, road, rng.randint(1, 999))
        if rng.random() < 0.4:
            addr += "%d栋%d室" % (rng.randint(1, 9), rng.randint(101, 1808))
        truth_city, country = city + "市", "CN"
        dom = word[1].lower() + "-" + ind[2].split()[0].lower() + rng.choice([".com", ".com.cn", ".cn"])
    user = rng.choice([sur[2].lower() + "." + giv[2].lower(), giv[2].lower()[0] + sur[2].lower(), "sales",
                       sur[2].lower() + giv[2].lower()[:2]])
    return {
        "name": name, "name_en": pinyin, "company_name": company, "company_en": company_en,
        "function": title[1] if tw else title[0], "function_en": title[2],
        "mobile": mob, "mobile_txt": mobile_txt, "phone": tel, "phone_txt": tel_txt, "fax_txt": fax_txt,
        "email": "%s@%s" % (user, dom), "website": "www." + dom, "street_txt": addr, "city": truth_city,
        "country_code": country,
    }


def person_en(rng):
    region, comp, suffix, dom, addr, city = rng.choice(EN_COMPANIES)
    first, last = rng.choice(EN_FIRST), rng.choice(EN_LAST)
    shapes = {
        "US": ("+1", ["4157######", "2124######"], [3, 3, 4], ["510#######", "614#######"], [3, 3, 4]),
        "DE": ("+49", ["151########", "170#######"], [3, 4, 4], ["211#######"], [3, 7]),
        "SG": ("+65", ["9#######", "8#######"], [4, 4], ["6#######"], [4, 4]),
        "GB": ("+44", ["7700######"], [4, 6], ["113#######"], [3, 3, 4]),
        "VN": ("+84", ["90#######", "91#######"], [2, 3, 4], ["28########"], [2, 4, 4]),
    }
    cc, mpat, mgroups, tpat, tgroups = shapes[region]
    mob_d, mob = valid_number(rng, region, ("" if region in ("US", "SG") else "0") + rng.choice(mpat))
    tel_d, tel = valid_number(rng, region, ("" if region in ("US", "SG") else "0") + rng.choice(tpat))
    m_nat = mob_d.lstrip("0") if region not in ("US", "SG") else mob_d
    t_nat = tel_d.lstrip("0") if region not in ("US", "SG") else tel_d
    fax_nat = t_nat[:-1] + str((int(t_nat[-1]) + 3) % 10)
    user = rng.choice([first.lower() + "." + last.lower(), first.lower()[0] + last.lower(), first.lower()])
    return {
        "name": "%s %s" % (first, last), "company_name": "%s %s" % (comp, suffix),
        "function": rng.choice(EN_TITLES), "mobile": mob, "mobile_txt": cc + " " + fmt_groups(m_nat, mgroups),
        "phone": tel, "phone_txt": cc + " " + fmt_groups(t_nat, tgroups), "fax_txt": cc + " " + fmt_groups(fax_nat, tgroups),
        "email": "%s@%s" % (user, dom), "website": "www." + dom, "street_txt": addr, "city": city,
        "country_code": region,
    }


def font(kind, size, bold=False):
    regular, heavy, index = FONTS[kind]
    return ImageFont.truetype(heavy if bold else regular, size, index=index)


def card_lines(rng, lang, bilingual, p):
    """[(text, size, bold, block)] top to bottom; block 'top' or 'contact'."""
    labels = rng.choice(LABELS["en" if lang == "en" else lang])
    top = []
    if rng.random() < 0.5:
        top += [(p["company_name"], 34, True, "top"), (p["name"], 52, True, "top"), (p["function"], 28, False, "top")]
    else:
        top += [(p["name"], 52, True, "top"), (p["function"], 28, False, "top"), (p["company_name"], 32, True, "top")]
    if bilingual:
        top.insert(2, (p["name_en"], 26, False, "top"))
        top.append((p["function_en"], 22, False, "top"))
        top.append((p["company_en"], 22, False, "top"))
    contacts = []
    if p.get("mobile"):
        contacts.append(labels["mobile"] + p["mobile_txt"])
    if p.get("phone"):
        contacts.append(labels["phone"] + p["phone_txt"])
    if p.get("fax"):
        contacts.append(labels["fax"] + p["fax_txt"])
    contacts.append(labels["email"] + p["email"])
    if p.get("website"):
        contacts.append(labels["web"] + p["website"])
    contacts.append(labels["addr"] + p["street_txt"])
    return top + [(c, 24, False, "contact") for c in contacts]


def render_card(rng, lines, fkind, layout, w=1050, h=600):
    bg = rng.choice([(255, 255, 255), (250, 248, 240), (244, 247, 252), (255, 253, 245)])
    img = Image.new("RGB", (w, h), bg)
    draw = ImageDraw.Draw(img)
    if rng.random() < 0.5:  # a coloured band, as on many cards
        color = rng.choice([(20, 70, 140), (160, 20, 30), (10, 110, 80), (60, 60, 60)])
        if rng.random() < 0.5:
            draw.rectangle([0, h - 28, w, h], fill=color)
        else:
            draw.rectangle([0, 0, 18, h], fill=color)
    ink = rng.choice([(20, 20, 20), (30, 40, 70), (50, 30, 30)])
    margin = 60
    total = sum(int(s * 1.45) for _t, s, _b, _k in lines)
    scale = min(1.0, (h - 2 * 40) / total)
    y = max(30, (h - total * scale) / 2)
    contact_top = None
    for text, size, bold, block in lines:
        size = max(16, int(size * scale))
        f = font(fkind, size, bold)
        while draw.textlength(text, font=f) > w - 2 * margin and size > 14:
            size -= 1
            f = font(fkind, size, bold)
        tw = draw.textlength(text, font=f)
        if layout == "centred":
            x = (w - tw) / 2
        elif layout == "right" and block == "contact":
            x = w - margin - tw
        else:
            x = margin
        if layout == "twocol" and block == "contact" and contact_top is None:
            contact_top = y
        draw.text((x, y), text, fill=ink, font=f)
        y += int(size * 1.45)
    return img


def photograph(rng, card, degradations):
    """The card as a phone would photograph it on a table."""
    import numpy as np

    if "skew" in degradations:
        w, h = card.size
        d = rng.randint(30, 60)
        coeffs = _perspective(
            [(0, 0), (w, 0), (w, h), (0, h)], [(d, rng.randint(0, 20)), (w - rng.randint(0, 20), d), (w, h), (0, h - d)]
        )
        card = card.transform(card.size, Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=(90, 80, 70))
    table = rng.choice([(120, 100, 80), (70, 70, 75), (150, 150, 145), (40, 45, 50)])
    pad = rng.randint(40, 90)
    photo = Image.new("RGB", (card.width + 2 * pad, card.height + 2 * pad), table)
    photo.paste(card, (pad, pad))
    if "small_rot" in degradations:
        photo = photo.rotate(rng.choice([-6, -4, -3, 3, 4, 6]), resample=Image.BICUBIC, expand=True, fillcolor=table)
    for deg, angle in (("rot90", 90), ("rot180", 180), ("rot270", 270)):
        if deg in degradations:
            photo = photo.rotate(angle, expand=True)
    arr = np.asarray(photo).astype(np.float32)
    hh, ww = arr.shape[:2]
    if "light" in degradations:  # uneven light: a gradient from one corner
        gx = np.linspace(rng.uniform(0.55, 0.75), 1.05, ww)[None, :]
        gy = np.linspace(1.0, rng.uniform(0.7, 0.9), hh)[:, None]
        arr *= (gx * gy)[..., None]
    if "shadow" in degradations:  # a hand's or phone's shadow over a part
        x0 = rng.randint(ww // 3, ww // 2)
        arr[:, x0:, :] *= rng.uniform(0.55, 0.7)
    if "noise" in degradations:
        arr += np.random.default_rng(rng.randint(0, 10**6)).normal(0, 9, arr.shape)
    photo = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if "blur" in degradations:
        photo = photo.filter(ImageFilter.GaussianBlur(rng.choice([1.0, 1.3, 1.6])))
    return photo


def _perspective(dst, src):
    import numpy as np

    matrix = []
    for (x, y), (u, v) in zip(dst, src):
        matrix.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        matrix.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(matrix, dtype=np.float64)
    b = np.array([c for pt in src for c in pt], dtype=np.float64)
    return np.linalg.solve(a, b).tolist()


def save_jpeg(photo, path, quality, max_bytes=80_000):
    if max(photo.size) > 1280:
        photo.thumbnail((1280, 1280), Image.LANCZOS)
    while True:
        buf = io.BytesIO()
        photo.save(buf, "JPEG", quality=quality, optimize=True)
        if buf.tell() <= max_bytes or quality <= 30:
            break
        quality -= 5
    with open(path, "wb") as f:
        f.write(buf.getvalue())
    return quality


PLAN_LANGS = ["zh_CN", "zh_TW", "en", "bilingual_CN", "zh_CN", "en", "zh_TW", "bilingual_TW"]
PLAN_DEGRADATIONS = [
    [], ["small_rot"], ["blur"], ["light"], ["jpeg"], ["skew"], ["noise"], ["rot90"], ["shadow", "jpeg"],
    ["rot180"], ["small_rot", "blur"], ["light", "noise"], ["rot270"], ["skew", "light"], ["small_rot", "jpeg"],
    ["blur", "noise"], ["shadow"], ["rot90", "blur"], ["small_rot", "light", "jpeg"], ["skew", "noise"],
]
LAYOUTS = ["left", "right", "centred", "twocol"]


def make_card(rng, n):
    lang = PLAN_LANGS[n % len(PLAN_LANGS)]
    bilingual = lang.startswith("bilingual")
    base = "zh_TW" if lang.endswith("TW") else "zh_CN" if lang != "en" else "en"
    p = person_en(rng) if base == "en" else person_zh(rng, base, bilingual)
    if rng.random() < 0.15:
        p.pop("phone")
    if rng.random() < 0.7:
        p["fax"] = True
    if rng.random() < 0.2:
        p.pop("website")
    fkind = rng.choice({"zh_CN": ["sans_sc", "serif_sc"], "zh_TW": ["sans_tc", "serif_tc"],
                        "en": ["dejavu_sans", "dejavu_serif", "dejavu_cond", "sans_sc"]}[base])
    layout = LAYOUTS[(n // 2) % len(LAYOUTS)]
    lines = card_lines(rng, base, bilingual, p)
    if layout == "twocol" and p.get("fax") and p.get("phone"):
        # telephone and fax on one row, as on many cards
        idx = [i for i, line in enumerate(lines) if line[0].endswith(p["phone_txt"])][0]
        fax = [i for i, line in enumerate(lines) if line[0].endswith(p["fax_txt"])][0]
        lines[idx] = (lines[idx][0] + "    " + lines[fax][0], lines[idx][1], False, "contact")
        del lines[fax]
    card = render_card(rng, lines, fkind, layout)
    degradations = PLAN_DEGRADATIONS[n % len(PLAN_DEGRADATIONS)]
    photo = photograph(rng, card, degradations)
    truth = {k: p[k] for k in ("name", "company_name", "function", "email", "mobile", "phone", "website",
                               "city", "country_code") if p.get(k)}
    meta = {"lang": lang, "layout": layout, "font": fkind, "degradations": degradations,
            "fax_printed": bool(p.get("fax")), "printed": [line[0] for line in lines]}
    return photo, truth, meta


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--out", default=OUT)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    for n in range(args.count):
        photo, truth, meta = make_card(rng, n)
        name = "card_%02d" % (n + 1)
        quality = save_jpeg(photo, os.path.join(args.out, name + ".jpg"), 45 if "jpeg" in meta["degradations"] else 80)
        meta["jpeg_quality"] = quality
        with open(os.path.join(args.out, name + ".json"), "w", encoding="utf-8") as f:
            json.dump({"truth": truth, "card": meta}, f, ensure_ascii=False, indent=1, sort_keys=True)
            f.write("\n")
    print("%d cards in %s" % (args.count, args.out))


if __name__ == "__main__":
    main()
