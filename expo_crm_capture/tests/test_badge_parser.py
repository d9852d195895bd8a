"""Badge codes scanned at the booth: each format a fair's badges use."""

import time

from odoo.tests import BaseCase

from ..tools import parse_badge

VCARD21_GBK = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    # 张;伟明 in GBK, quoted-printable
    "N;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:=D5=C5;=CE=B0=C3=F7\r\n"
    # 深圳华越 in GBK, cut by a soft line break
    "ORG;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:=C9=EE=DB=DA=\r\n"
    "=BB=AA=D4=BD\r\n"
    "TITLE;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:=BE=AD=C0=ED\r\n"
    "TEL;CELL;VOICE:13800138000\r\n"
    "TEL;WORK;FAX:0755-81234568\r\n"
    "TEL;WORK;VOICE:0755-81234567\r\n"
    "EMAIL;PREF;INTERNET:zhang.wm@huayue.example.cn\r\n"
    "END:VCARD\r\n"
)

VCARD21_UTF8 = (
    "BEGIN:VCARD\n"
    "VERSION:2.1\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E9=99=B3;=E6=80=A1=E5=90=9B\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E9=99=B3=E6=80=A1=E5=90=9B\n"
    "ADR;WORK;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;;=E4=BF=A1=E7=BE=A9=E8=B7=AF=E4=BA=94=E6=AE=B57=E8=99=9F=\n"
    "=EF=BC=93=E6=A8=93;=E8=87=BA=E5=8C=97=E5=B8=82;;110;=E5=8F=B0=E7=81=A3\n"
    "TEL;CELL:0912-345-678\n"
    "END:VCARD\n"
)

VCARD30 = (
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "N:Smith;John;Q.;Dr.;\n"
    "FN:John Smith\n"
    "ORG:ACME Machinery\\, Inc.;Export Department\n"
    "TITLE:Purchasing Director\n"
    "TEL;TYPE=WORK,VOICE:+1 415 775 6820\n"
    "TEL;TYPE=CELL:+1 415 775 6821\n"
    "TEL;TYPE=WORK,FAX:+1 415 775 6829\n"
    "EMAIL;TYPE=INTERNET,PREF:john.smith@acme.example.com\n"
    "URL:https://www.acme.example.com\n"
    "ADR;TYPE=WORK:;;500 Market Street\\, Suite 200;San Francisco;CA;94105;United States of America\n"
    "NOTE:Met at the booth; wants a quote for thirty machines and a visit of the plant in the\n"
    " spring, folded on two lines\n"
    "END:VCARD\n"
)

VCARD40 = (
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "FN:Anna Becker\r\n"
    "N:Becker;Anna;;;\r\n"
    "ORG:Rheinwerk Maschinenbau GmbH\r\n"
    'TEL;VALUE=uri;TYPE="cell,voice":tel:+49-170-4754072\r\n'
    'TEL;VALUE=uri;TYPE="work,voice":tel:+49-211-7547354\r\n'
    "EMAIL:anna.becker@rheinwerk.example.de\r\n"
    "ADR;TYPE=work:;;Industriestraße 12;Düsseldorf;;40210;DE\r\n"
    "END:VCARD\r\n"
)


class TestBadgeParser(BaseCase):
    def test_vcard21_quoted_printable_gbk(self):
        """A Chinese exhibitor's app badge: GBK bytes, quoted-printable with a
        soft line break; the fax is not the phone."""
        got = parse_badge(VCARD21_GBK)
        self.assertEqual(got["name"], "张伟明")
        self.assertEqual(got["company_name"], "深圳华越")
        self.assertEqual(got["function"], "经理")
        self.assertEqual(got["mobile"], "+8613800138000")
        self.assertEqual(got["phone"], "+8675581234567")
        self.assertEqual(got["email"], "zhang.wm@huayue.example.cn")

    def test_vcard21_quoted_printable_utf8_traditional(self):
        got = parse_badge(VCARD21_UTF8)
        self.assertEqual(got["name"], "陳怡君")
        self.assertEqual(got["mobile"], "+886912345678")
        self.assertEqual(got["street"], "信義路五段7號３樓")
        self.assertEqual(got["city"], "臺北市")
        self.assertEqual(got["country_code"], "TW")

    def test_vcard30(self):
        """Escaped commas, TYPE lists, folded lines, a Latin FN."""
        got = parse_badge(VCARD30)
        self.assertEqual(got["name"], "John Smith")
        self.assertEqual(got["company_name"], "ACME Machinery, Inc.")
        self.assertEqual(got["function"], "Purchasing Director")
        self.assertEqual(got["phone"], "+14157756820")
        self.assertEqual(got["mobile"], "+14157756821")
        self.assertEqual(got["email"], "john.smith@acme.example.com")
        self.assertEqual(got["website"], "https://www.acme.example.com")
        self.assertEqual(got["street"], "500 Market Street, Suite 200")
        self.assertEqual(got["city"], "San Francisco")
        self.assertEqual(got["country_code"], "US")
        self.assertNotIn("badge_code", got)

    def test_vcard40(self):
        got = parse_badge(VCARD40)
        self.assertEqual(got["name"], "Anna Becker")
        self.assertEqual(got["mobile"], "+491704754072")
        self.assertEqual(got["phone"], "+492117547354")
        self.assertEqual(got["city"], "Düsseldorf")
        self.assertEqual(got["country_code"], "DE")

    def test_vcard_names_family_given(self):
        """N is family;given: Chinese names join without a space, Latin ones
        read given family."""
        chinese = parse_badge("BEGIN:VCARD\nVERSION:3.0\nN:欧阳;娜娜;;;\nEND:VCARD")
        self.assertEqual(chinese["name"], "欧阳娜娜")
        latin = parse_badge("BEGIN:VCARD\nVERSION:3.0\nN:Nguyen;Mai;;;\nEND:VCARD")
        self.assertEqual(latin["name"], "Mai Nguyen")
        spaced = parse_badge("BEGIN:VCARD\nVERSION:3.0\nFN:王 志强\nTEL:13912345678\nTEL:021-6123 4567\nEND:VCARD")
        self.assertEqual(spaced["name"], "王志强")
        # untyped numbers go by their plan
        self.assertEqual(spaced["mobile"], "+8613912345678")
        self.assertEqual(spaced["phone"], "+862161234567")

    def test_mecard(self):
        got = parse_badge("MECARD:N:王,志强;TEL:13912345678;EMAIL:wang.zq@example.cn;ORG:苏州恒达有限公司;"
                          "URL:http\\://www.hengda.example.cn;ADR:江苏省苏州市工业园区星湖街88号;;")
        self.assertEqual(got["name"], "王志强")
        self.assertEqual(got["mobile"], "+8613912345678")
        self.assertEqual(got["email"], "wang.zq@example.cn")
        self.assertEqual(got["company_name"], "苏州恒达有限公司")
        self.assertEqual(got["website"], "http://www.hengda.example.cn")
        self.assertEqual(got["country_code"], "CN")
        latin = parse_badge("MECARD:N:Owen,Sean;TEL:+12125551234;;")
        self.assertEqual(latin["name"], "Sean Owen")

    def test_bizcard(self):
        got = parse_badge("BIZCARD:N:Sean;X:Owen;T:Software Engineer;C:Google;A:76 9th Avenue, New York, NY 10011, USA;"
                          "B:+12125551212;M:+12125550123;F:+12125551213;E:sean@example.com;;")
        self.assertEqual(got["name"], "Sean Owen")
        self.assertEqual(got["function"], "Software Engineer")
        self.assertEqual(got["company_name"], "Google")
        self.assertEqual(got["phone"], "+12125551212")
        self.assertEqual(got["mobile"], "+12125550123")
        self.assertEqual(got["email"], "sean@example.com")
        self.assertEqual(got["country_code"], "US")

    def test_bare_email_and_phone(self):
        self.assertEqual(parse_badge("  buyer@example.com \n"), {"email": "buyer@example.com"})
        self.assertEqual(parse_badge("mailto:buyer@example.com"), {"email": "buyer@example.com"})
        self.assertEqual(parse_badge("+86 138 0013 8000"), {"mobile": "+8613800138000", "country_code": "CN"})
        self.assertEqual(parse_badge("0912-345-678"), {"mobile": "+886912345678", "country_code": "TW"})
        self.assertEqual(parse_badge("tel:+49 211 7547354"), {"phone": "+492117547354", "country_code": "DE"})

    def test_url_and_registration_code(self):
        """What is not a contact is the fair's registration code, matched
        against the participations' badge codes."""
        url = "https://reg.example-fair.com/v/AB12CD?lang=zh"
        self.assertEqual(parse_badge(url), {"badge_code": url})
        self.assertEqual(parse_badge("EXPO2026-V-000123"), {"badge_code": "EXPO2026-V-000123"})
        # a long number that is not a mobile is a registration number, not a phone
        self.assertEqual(parse_badge("2026000123456"), {"badge_code": "2026000123456"})

    def test_plain_lines(self):
        got = parse_badge("Li Wei\nHangzhou Flow Control Co., Ltd.\nli.wei@hzflow.example.cn\n+86 138 0013 8000")
        self.assertEqual(got["name"], "Li Wei")
        self.assertEqual(got["company_name"], "Hangzhou Flow Control Co., Ltd.")
        self.assertEqual(got["mobile"], "+8613800138000")
        self.assertNotIn("raw_text", got)

    def test_garbage(self):
        for text in ("", "   ", "\x00\x01\x02binary\x7f", "lorem ipsum\ndolor sit amet", "x" * 500, None, b"\xff\xfe"):
            self.assertEqual(parse_badge(text), {}, text)

    def test_parsing_time(self):
        """Each format parses in well under 5 ms."""
        for text in (VCARD21_GBK, VCARD21_UTF8, VCARD30, VCARD40, "MECARD:N:王,志强;TEL:13912345678;;",
                     "BIZCARD:N:Sean;X:Owen;B:+12125551212;;", "buyer@example.com", "EXPO2026-V-000123"):
            parse_badge(text)
            start = time.perf_counter()
            for _i in range(50):
                parse_badge(text)
            self.assertLess((time.perf_counter() - start) / 50, 0.005, text[:30])
