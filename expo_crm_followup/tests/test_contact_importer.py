"""The contact importer service: its matching API (the capture screen and
scripts call it), the badge-code column, and a file whose bad rows do not
stop the good ones."""

import base64
import csv
import io
from datetime import date

from odoo.tests import TransactionCase, tagged

from ..tools.contact_columns import header_key


def csv_file(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return base64.b64encode(buffer.getvalue().encode("utf-8"))


@tagged("post_install", "-at_install")
class TestContactImporter(TransactionCase):
    freeze_time = "2031-04-20 09:00:00"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.importer = cls.env["expo.contact.importer"]
        cls.company = cls.env.company
        cls.company.country_id = cls.env.ref("base.cn")
        cls.china = cls.env.ref("base.cn")
        Partner = cls.env["res.partner"]
        cls.mei = Partner.create({"name": "Chen Mei", "email": "Mei.Chen@Example.com"})
        cls.liu = Partner.create(
            {"name": "Liu Yang", "mobile": "+86 135 0013 5000", "country_id": cls.china.id}
        )
        cls.great_wall = Partner.create({"name": "长城电子", "is_company": True})
        cls.zhao = Partner.create({"name": "赵敏", "parent_id": cls.great_wall.id})
        cls.typed = Partner.create({"name": "Tom Baker", "company_name": "Baker Foods"})
        cls.other_company = cls.env["res.company"].create({"name": "Other Exhibitor"})
        cls.theirs = Partner.create(
            {"name": "Kept Apart", "email": "kept.apart@example.com", "company_id": cls.other_company.id}
        )
        cls.fair = cls.env["expo.fair"].create(
            {"name": "Canton Fair 2031", "date_begin": date(2031, 4, 15), "date_end": date(2031, 4, 19)}
        )

    def match(self, **values):
        return self.importer.expo_match_partner(values)

    # ------------------------------------------------------------------
    # expo_match_partner
    # ------------------------------------------------------------------

    def test_match_email_ignores_case_and_spaces(self):
        self.assertEqual(self.match(email="  mei.chen@EXAMPLE.COM "), self.mei)

    def test_match_phone_typed_in_another_format(self):
        self.assertEqual(self.match(mobile="135-0013-5000", country_code="CN"), self.liu)
        self.assertEqual(self.match(phone="+86 13500135000"), self.liu, "stored as a mobile, given as a phone")
        self.assertEqual(
            self.match(phone="135 0013 5000"), self.liu, "national format of the company's country"
        )
        self.assertFalse(self.match(mobile="135-0013-5001", country_code="CN"))

    def test_match_company_and_name(self):
        self.assertEqual(self.match(name="赵敏", company_name="长城电子"), self.zhao)
        self.assertEqual(self.match(name="tom baker", company_name="BAKER FOODS"), self.typed,
                         "the company name typed on the contact counts too")
        self.assertFalse(self.match(name="赵敏"), "a name alone never designates a contact")
        self.assertFalse(self.match(name="赵敏", company_name="华兴机械"))

    def test_match_order_and_no_match(self):
        self.assertEqual(
            self.match(email="mei.chen@example.com", mobile="+86 135 0013 5000"),
            self.mei,
            "the email wins over the phone",
        )
        self.assertEqual(
            self.match(email="someone.new@example.com", mobile="+86 135 0013 5000"), self.liu
        )
        nothing = self.match(email="nobody@example.com", name="Nobody", company_name="Nowhere Ltd")
        self.assertFalse(nothing)
        self.assertEqual(nothing._name, "res.partner")
        self.assertFalse(self.match())
        self.assertFalse(self.match(email="not an email"))

    def test_match_stays_in_the_company(self):
        self.assertFalse(self.match(email="kept.apart@example.com"))
        self.assertEqual(
            self.importer.expo_match_partner({"email": "kept.apart@example.com"}, company=self.other_company),
            self.theirs,
        )
        self.assertEqual(
            self.importer.expo_match_partner({"email": "kept.apart@example.com"}, company=self.other_company.id),
            self.theirs,
            "the company may be given by its id",
        )
        self.mei.active = False
        self.assertFalse(self.match(email="mei.chen@example.com"), "an archived contact is not found")

    # ------------------------------------------------------------------
    # The import through the service
    # ------------------------------------------------------------------

    def _import(self, rows):
        wizard = self.env["expo.contact.import"].create(
            {"fair_id": self.fair.id, "file": csv_file(rows), "file_name": "scans.csv"}
        )
        wizard.action_import()
        return wizard

    def _participation(self, partner):
        return self.env["expo.participation"].search(
            [("partner_id", "=", partner.id), ("fair_id", "=", self.fair.id)]
        )

    def test_badge_code_column(self):
        for header in ("Badge ID", "badge code", "胸卡号", "參展證號", "证件号", "Registration No."):
            self.assertEqual(header_key(header), "badge_code", header)
        wizard = self.env["expo.contact.import"].create(
            {
                "fair_id": self.fair.id,
                "file_name": "scans.csv",
                "file": csv_file(
                    [
                        ["Name", "Email", "Badge ID"],
                        ["Chen Mei", "mei.chen@example.com", "CF2031-000123"],
                        ["Wang Fang", "wang.fang@example.cn", "CF2031-000124"],
                    ]
                ),
            }
        )
        wizard.action_preview()
        self.assertEqual(wizard.line_ids.mapped("badge_code"), ["CF2031-000123", "CF2031-000124"])
        wizard.action_import()
        self.assertIn("Badge ID → Badge code", wizard.column_summary)
        self.assertEqual(self._participation(self.mei).badge_code, "CF2031-000123")
        wang = self.env["res.partner"].search([("email", "=", "wang.fang@example.cn")])
        self.assertEqual(self._participation(wang).badge_code, "CF2031-000124")
        # a later file completes an empty code and never replaces one
        self._participation(wang).badge_code = False
        self._import(
            [
                ["姓名", "邮箱", "胸卡号"],
                ["陈美", "mei.chen@example.com", "OTHER-1"],
                ["王芳", "wang.fang@example.cn", "CF2031-000999"],
            ]
        )
        self.assertEqual(self._participation(self.mei).badge_code, "CF2031-000123")
        self.assertEqual(self._participation(wang).badge_code, "CF2031-000999")
        self.assertEqual(
            self.env["expo.participation"].search([("badge_code", "=", "CF2031-000999")]).partner_id, wang
        )

    def test_bad_rows_do_not_stop_the_good_ones(self):
        wizard = self._import(
            [
                ["Name", "Company", "Email", "Mobile", "Country"],
                ["Good One", "Alpha Ltd", "good.one@alpha.example", "", "China"],
                ["Bad Email", "Alpha Ltd", "bad@@alpha.example", "", "China"],
                ["Good Two", "", "good.two@beta.example", "+86 139 0000 0002", ""],
                ["Bad Country", "", "bad.country@beta.example", "", "Atlantis"],
                ["", "Gamma Ltd", "", "", ""],
                ["Good Three", "Gamma Ltd", "", "139 0000 0003", "中国"],
            ]
        )
        self.assertEqual(wizard.state, "done")
        self.assertEqual(wizard.row_count, 6)
        self.assertEqual(wizard.created_count, 3)
        self.assertEqual(wizard.skipped_count, 3)
        for name in ("Good One", "Good Two", "Good Three"):
            partner = self.env["res.partner"].search([("name", "=", name)])
            self.assertEqual(len(partner), 1, name)
            self.assertEqual(self._participation(partner).state, "attended", name)
        for name in ("Bad Email", "Bad Country"):
            self.assertFalse(self.env["res.partner"].search([("name", "=", name)]), name)
        problems = {line.row_number: line.problem for line in wizard.problem_line_ids}
        self.assertIn("Invalid email address “bad@@alpha.example”", problems[3])
        self.assertIn("Unknown country “Atlantis”", problems[5])
        self.assertIn("No name and no email", problems[6])
        report = base64.b64decode(wizard.error_report).decode("utf-8-sig")
        self.assertEqual(len(report.strip().splitlines()), 4, "a header and the three skipped rows")

    def test_problems_read_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        wizard = (
            self.env["expo.contact.import"]
            .with_context(lang="zh_CN")
            .create(
                {
                    "fair_id": self.fair.id,
                    "file_name": "scans.csv",
                    "file": csv_file(
                        [
                            ["姓名", "邮箱", "手机", "国家"],
                            ["李雷", "li.lei@@example.cn", "", "中国"],
                            ["韩梅梅", "han.meimei@example.cn", "12", "中国"],
                            ["韩梅梅", "han.meimei@example.cn", "", ""],
                            ["王芳", "wang.fang@example.cn", "", "火星"],
                        ]
                    ),
                }
            )
        )
        wizard.action_preview()
        problems = {line.row_number: line.problem for line in wizard.line_ids}
        self.assertEqual(problems[2], "无效的邮箱地址“li.lei@@example.cn”")
        self.assertEqual(problems[3], "无法识别电话号码“12”：按原样保留")
        self.assertEqual(problems[4], "与第 3 行是同一联系人：已合并")
        self.assertEqual(problems[5], "未知国家“火星”")
