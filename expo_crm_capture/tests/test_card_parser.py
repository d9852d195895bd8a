"""The lines of a business card become contact fields: labels in three
languages, fax numbers kept out, E.164 numbers, names, companies, titles;
and, on the OCR lines stored for the generated card set, the accuracy per
field (deterministic: the OCR itself is tested in test_ocr)."""

import json
import os
import unicodedata

from odoo.tests import BaseCase

from ..tools import parse_card_lines

CARDS = os.path.join(os.path.dirname(__file__), "data", "cards")
TARGETS = {"email": 0.95, "mobile": 0.95, "phone": 0.95, "website": 0.95,
           "name": 0.90, "company_name": 0.90, "function": 0.90}


def _norm(field, value):
    if value is None:
        return None
    text = "".join(unicodedata.normalize("NFKC", str(value)).casefold().split())
    return text.split("://", 1)[-1].rstrip("/") if field == "website" else text


def _load_set():
    with open(os.path.join(CARDS, "ocr_lines.json"), encoding="utf-8") as f:
        lines = json.load(f)
    cards = []
    for card_id in sorted(lines):
        with open(os.path.join(CARDS, card_id + ".json"), encoding="utf-8") as f:
            card = json.load(f)
        cards.append((card_id, card, lines[card_id]))
    return cards


class TestCardParser(BaseCase):
    def test_simplified_card(self):
        got = parse_card_lines([
            "深圳市华越机械有限公司", "张伟明", "销售总监",
            "手机：138 0013 8000", "电话：0755-8123 4567", "传真：0755-8123 4568",
            "邮箱：zhang.wm@huayue-mech.com", "网址：www.huayue-mech.com",
            "地址：广东省深圳市南山区科技园南路18号",
        ])
        self.assertEqual(got["company_name"], "深圳市华越机械有限公司")
        self.assertEqual(got["name"], "张伟明")
        self.assertEqual(got["function"], "销售总监")
        self.assertEqual(got["mobile"], "+8613800138000")
        self.assertEqual(got["phone"], "+8675581234567")
        self.assertEqual(got["email"], "zhang.wm@huayue-mech.com")
        self.assertEqual(got["website"], "www.huayue-mech.com")
        self.assertEqual(got["city"], "深圳市")
        self.assertEqual(got["street"], "南山区科技园南路18号")
        self.assertEqual(got["country_code"], "CN")
        self.assertTrue(got["raw_text"].startswith("深圳市华越机械有限公司\n张伟明\n"))

    def test_traditional_card_taiwan_numbers(self):
        got = parse_card_lines([
            "宏達精密機械股份有限公司", "陳怡君  業務經理", "手機：0912-345-678",
            "電話：(02) 2345-6789 分機 123", "傳真：(02) 2345-6780", "信箱：yichun@hongda.com.tw",
            "地址：臺北市信義區松仁路100號12樓",
        ])
        self.assertEqual(got["name"], "陳怡君")
        self.assertEqual(got["function"], "業務經理")
        self.assertEqual(got["mobile"], "+886912345678")
        self.assertEqual(got["phone"], "+886223456789")
        self.assertEqual(got["city"], "臺北市")
        self.assertEqual(got["country_code"], "TW")

    def test_fax_never_phone(self):
        """Fax numbers, however labelled, are never the phone or the mobile."""
        for lines in (
            ["王芳", "传真：0755-8123 4568", "邮箱：wf@example.cn"],
            ["王芳", "傳真：(02) 2345-6780"],
            ["Anna Brown", "Fax: +1 614 258 9834"],
            ["Anna Brown", "F: +1 614 258 9834", "anna@summitpack.com"],
            ["Anna Brown", "F+16142589834"],
            ["王芳", "傅真：(04) 2085-3290"],  # 傳 misread by OCR
            ["王芳", "传真", "0755-8123 4568"],  # the label alone on its line
        ):
            got = parse_card_lines(lines)
            self.assertNotIn("phone", got, lines)
            self.assertNotIn("mobile", got, lines)
        got = parse_card_lines(["Tel: +86 755 8123 4567   Fax: +86 755 8123 4568"])
        self.assertEqual(got["phone"], "+8675581234567")
        got = parse_card_lines(["T (02) 2041-5178 F (02) 2041-5113", "M +886 950 601 889"])
        self.assertEqual(got["phone"], "+886220415178")
        self.assertEqual(got["mobile"], "+886950601889")

    def test_full_width_and_ocr_spaces(self):
        got = parse_card_lines(["李 小 龙", "邮箱：li．xl＠ example． com", "手机：１３９ １２３４ ５６７８",
                                "网址：www. example. com"])
        self.assertEqual(got["name"], "李小龙")
        self.assertEqual(got["email"], "li.xl@example.com")
        self.assertEqual(got["mobile"], "+8613912345678")
        self.assertEqual(got["website"], "www.example.com")

    def test_labels_glued_by_ocr(self):
        got = parse_card_lines(["JuliaBrown", "SeniorEngineer", "Lionbridge Automation Pte.Ltd.",
                                "M+6587929923", "Ejulia@lionbridge-auto.sg", "Wwww.lionbridge-auto.sg"])
        self.assertEqual(got["name"], "Julia Brown")
        self.assertEqual(got["function"], "Senior Engineer")
        self.assertEqual(got["company_name"], "Lionbridge Automation Pte.Ltd.")
        self.assertEqual(got["mobile"], "+6587929923")
        self.assertEqual(got["email"], "julia@lionbridge-auto.sg")
        self.assertEqual(got["website"], "www.lionbridge-auto.sg")
        self.assertEqual(got["country_code"], "SG")

    def test_company_suffixes(self):
        for company in ("上海博远自动化设备股份有限公司", "海天塑机集团", "ACME Machinery Co., Ltd.",
                        "Summit Packaging LLC", "Brightline Tools Inc.", "Rheinwerk Maschinenbau GmbH",
                        "Iberia Moldes S.A.", "Saigon Mechanical JSC", "Lionbridge Automation Pte. Ltd."):
            got = parse_card_lines(["Peter Walker", company, "peter@example.com"])
            self.assertEqual(got["company_name"], company)
            self.assertEqual(got["name"], "Peter Walker")

    def test_titles(self):
        for title in ("经理", "技术总监", "總經理", "董事长", "研發工程師", "Sales Manager", "Director", "CEO",
                      "Head of Procurement", "Managing Director"):
            got = parse_card_lines(["Peter Walker" if title.isascii() else "周杰", title, "pw@example.com"])
            self.assertEqual(got["function"], title)

    def test_bilingual_card_chinese_wins(self):
        got = parse_card_lines([
            "刘晓燕", "董事长", "Liu Xiaoyan", "东莞市金泰精密模具科技有限公司", "Chairman",
            "Dongguan Jintai Precision Mould Co., Ltd.", "手机：158-3792-9841",
        ])
        self.assertEqual(got["name"], "刘晓燕")
        self.assertEqual(got["function"], "董事长")
        self.assertEqual(got["company_name"], "东莞市金泰精密模具科技有限公司")

    def test_traditional_restored(self):
        """OCR reads some traditional characters as simplified ones: a
        Taiwanese card gets them back."""
        got = parse_card_lines(["聯兴自動化設備股份有限公司", "黄麗華", "副總经理", "行動電話：0928-025-822"])
        self.assertEqual(got["company_name"], "聯興自動化設備股份有限公司")
        self.assertEqual(got["name"], "黃麗華")
        self.assertEqual(got["function"], "副總經理")
        # a simplified card keeps its script
        self.assertEqual(parse_card_lines(["黄伟", "手机：13800138000"])["name"], "黄伟")

    def test_more_shapes(self):
        """Honorifics, accented capitals, two numbers on one line, ids that
        look like numbers (QQ, WeChat, postcode) left alone."""
        got = parse_card_lines(["Dr. Peter Walker", "Chief Executive Officer", "Walker & Sons Ltd"])
        self.assertEqual(got["name"], "Peter Walker")
        self.assertEqual(parse_card_lines(["HANS MÜLLER", "Müller Maschinen GmbH"])["name"], "Hans Müller")
        got = parse_card_lines(["TEL: 0755-86001234 / 86001235", "手机：13912345678 / 13812345678"])
        self.assertEqual(got["phone"], "+8675586001234")
        self.assertEqual(got["mobile"], "+8613912345678")
        got = parse_card_lines(["王芳", "QQ: 12345678", "微信：13800138000", "邮编：518000", "电话 021-6123 4567"])
        self.assertEqual(got["phone"], "+862161234567")
        self.assertNotIn("mobile", got)

    def test_default_country(self):
        """A local number with nothing telling its country takes the fair's."""
        lines = ["Anna Brown", "Tel: (415) 775-6820", "anna@summitpack.com"]
        self.assertNotIn("phone", parse_card_lines(lines))
        got = parse_card_lines(lines, default_country="US")
        self.assertEqual(got["phone"], "+14157756820")
        self.assertEqual(got["country_code"], "US")
        # what the card says wins over the default
        got = parse_card_lines(["手机：13912345678"], default_country="US")
        self.assertEqual(got["mobile"], "+8613912345678")

    def test_nothing_found(self):
        self.assertEqual(parse_card_lines([]), {"raw_text": ""})
        got = parse_card_lines(["Welcome", "2026"])
        self.assertEqual(set(got), {"raw_text"})

    def test_generated_set_accuracy(self):
        """On the OCR lines of the 40 generated cards, each field reaches its
        target (exact after normalisation; a field the card does not print
        must stay empty)."""
        cards = _load_set()
        self.assertGreaterEqual(len(cards), 30)
        wrong = {field: [] for field in TARGETS}
        for card_id, card, lines in cards:
            got = parse_card_lines(lines)
            for field in TARGETS:
                if _norm(field, card["truth"].get(field)) != _norm(field, got.get(field)):
                    wrong[field].append(card_id)
        for field, target in TARGETS.items():
            share = 1 - len(wrong[field]) / len(cards)
            self.assertGreaterEqual(share, target, "%s wrong on %s" % (field, wrong[field]))

    def test_each_layout_and_language(self):
        """Every layout (left, right, centred, two columns) and language
        (简体, 繁體, English, bilingual) has cards read without a mistake on
        e-mail, mobile and phone."""
        seen = set()
        for _card_id, card, lines in _load_set():
            got = parse_card_lines(lines)
            if all(_norm(f, card["truth"].get(f)) == _norm(f, got.get(f)) for f in ("email", "mobile", "phone")):
                seen.add(card["card"]["layout"])
                seen.add(card["card"]["lang"])
        self.assertLessEqual({"left", "right", "centred", "twocol", "zh_CN", "zh_TW", "en", "bilingual_CN",
                              "bilingual_TW"}, seen)
