import base64
import csv
import io
from datetime import date
from pathlib import Path
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import Form, TransactionCase, tagged

from ..tools.contact_columns import header_key
from ..tools.contact_file import detect_encoding

DATA = Path(__file__).parent / "data"


@tagged("post_install", "-at_install")
class TestContactImport(TransactionCase):
    # the day after the fair: its contacts may be marked attended
    freeze_time = "2031-04-20 09:00:00"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.china = cls.env.ref("base.cn")
        cls.germany = cls.env.ref("base.de")
        cls.fair = cls.env["expo.fair"].create(
            {
                "name": "Shenzhen Machinery Fair 2031",
                "date_begin": date(2031, 4, 15),
                "date_end": date(2031, 4, 19),
            }
        )
        cls.trade_visitor = cls.env.ref("expo_crm.role_trade_visitor")
        cls.owner = cls.env["res.users"].create(
            {
                "name": "Import Owner",
                "login": "expo_import_owner",
                "groups_id": [
                    (4, cls.env.ref("expo_crm.group_expo_user").id),
                    (4, cls.env.ref("base.group_partner_manager").id),
                ],
            }
        )
        # existing contacts the file must find instead of duplicating
        cls.by_email = cls.env["res.partner"].create(
            {"name": "Existing Buyer", "email": "existing.buyer@example.com", "function": "CEO"}
        )
        cls.by_phone = cls.env["res.partner"].create(
            {"name": "Liu Yang", "mobile": "+86 135 0013 5000", "country_id": cls.china.id}
        )
        cls.great_wall = cls.env["res.partner"].create({"name": "长城电子", "is_company": True})
        cls.by_name = cls.env["res.partner"].create(
            {"name": "赵敏", "parent_id": cls.great_wall.id, "email": "zhaomin@greatwall-elec.cn"}
        )

    def _wizard(self, filename, user=None, **values):
        content = (DATA / filename).read_bytes()
        return self.env["expo.contact.import"].with_user(user or self.env.user).create(
            dict(
                {
                    "fair_id": self.fair.id,
                    "file": base64.b64encode(content),
                    "file_name": filename,
                    "user_id": self.owner.id,
                },
                **values,
            )
        )

    def _partners(self, email):
        return self.env["res.partner"].search([("email_normalized", "=", email)])

    def _participation(self, partner):
        return self.env["expo.participation"].search(
            [("partner_id", "=", partner.id), ("fair_id", "=", self.fair.id)]
        )

    # ------------------------------------------------------------------

    def test_gbk_chinese_headers_preview(self):
        """A GBK file with Chinese headers is read, and the preview tells
        what will happen to each row without writing anything."""
        partner_count = self.env["res.partner"].search_count([])
        wizard = self._wizard("contacts_zh_gbk.csv")
        wizard.action_preview()
        self.assertEqual(wizard.state, "preview")
        self.assertEqual(wizard.detected_encoding, "gb18030")
        self.assertIn("姓名 → Name", wizard.column_summary)
        self.assertIn("展位 → Booth", wizard.column_summary)
        self.assertEqual(
            (wizard.row_count, wizard.to_create_count, wizard.to_update_count,
             wizard.duplicate_count, wizard.skipped_count),
            (11, 3, 3, 2, 3),
        )
        lines = {line.row_number: line for line in wizard.line_ids}
        self.assertEqual(lines[2].status, "new")
        self.assertEqual(lines[3].status, "duplicate")
        self.assertIn("row 2", lines[3].problem)
        self.assertEqual(lines[5].status, "duplicate")  # same mobile, other spelling
        self.assertEqual(lines[6].status, "skip")
        self.assertIn("Invalid email", lines[6].problem)
        self.assertIn("No name and no email", lines[7].problem)
        self.assertIn("Unknown country “火星国”", lines[8].problem)
        self.assertEqual((lines[9].partner_id, lines[9].match_rule), (self.by_email, "email"))
        self.assertEqual((lines[10].partner_id, lines[10].match_rule), (self.by_phone, "phone"))
        self.assertEqual((lines[11].partner_id, lines[11].match_rule), (self.by_name, "name"))
        self.assertEqual(set(wizard.problem_line_ids.mapped("row_number")), {3, 5, 6, 7, 8})
        self.assertEqual(self.env["res.partner"].search_count([]), partner_count)

    def test_import_counts_matching_and_merge(self):
        wizard = self._wizard("contacts_zh_gbk.csv")
        wizard.action_preview()
        wizard.action_import()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(
            (wizard.created_count, wizard.updated_count, wizard.skipped_count,
             wizard.duplicate_count, wizard.company_created_count,
             wizard.participation_created_count),
            (3, 3, 3, 2, 2, 6),
        )
        # case and space variants of one email: one partner, first row's values
        zhang = self._partners("zhang.wei@huaxing.cn")
        self.assertEqual(len(zhang), 1)
        self.assertEqual(zhang.name, "张伟")
        self.assertEqual(zhang.email, "Zhang.Wei@HuaXing.cn")
        self.assertEqual(zhang.mobile, "+86 138 0013 8000")
        self.assertEqual(zhang.function, "采购经理")
        self.assertEqual(zhang.parent_id.name, "华星机械")
        self.assertTrue(zhang.parent_id.is_company)
        self.assertEqual(zhang.parent_id.country_id, self.china)
        participation = self._participation(zhang)
        self.assertRecordValues(
            participation,
            [{"state": "attended", "source": "scan", "role_id": self.trade_visitor.id,
              "booth": "A12", "met_date": date(2031, 4, 15), "user_id": self.owner.id}],
        )
        self.assertIn("要样品和报价", participation.notes)
        # "+86 138 0013 8000" and "139-0013-9000" style duplicates merged too
        lina = self._partners("lina@dongfang-trade.com")
        self.assertEqual(len(lina), 1)
        self.assertEqual(lina.mobile, "+86 139 0013 9000")
        self.assertIn("问了交货期", self._participation(lina).notes)
        self.assertFalse(self.env["res.partner"].search([("mobile", "like", "139-0013-9000")]))
        # matched by email: empty fields filled, filled fields kept
        self.assertEqual(self.by_email.name, "Existing Buyer")
        self.assertEqual(self.by_email.function, "CEO")
        self.assertEqual(self.by_email.mobile, "+49 1512 3456789")
        self.assertEqual(self.by_email.country_id, self.germany)
        # matched by phone ("135 0013 5000" with China): completed, not duplicated
        self.assertEqual(self.env["res.partner"].search_count([("name", "=", "刘洋")]), 0)
        self.assertEqual(self._participation(self.by_phone).state, "attended")
        # matched by company + name; the existing company is reused
        self.assertEqual(self.by_name.function, "工程师")
        self.assertEqual(self.env["res.partner"].search_count([("name", "=", "长城电子")]), 1)
        sun = self._partners("sunqiang@greatwall-elec.cn")
        self.assertEqual(sun.parent_id, self.great_wall)
        self.assertEqual(sun.country_id, self.china)  # "CN" as a code
        # bad rows left nothing behind
        self.assertFalse(self.env["res.partner"].search([("name", "in", ("王芳", "陈明", "某某公司"))]))

    def test_reimport_creates_nothing(self):
        self._wizard("contacts_zh_gbk.csv").action_import()
        partner_count = self.env["res.partner"].search_count([])
        participation_count = self.env["expo.participation"].search_count([])
        again = self._wizard("contacts_zh_gbk.csv")
        again.action_import()
        self.assertEqual(
            (again.created_count, again.updated_count, again.skipped_count,
             again.company_created_count, again.participation_created_count),
            (0, 6, 3, 0, 0),
        )
        self.assertEqual(self.env["res.partner"].search_count([]), partner_count)
        self.assertEqual(self.env["expo.participation"].search_count([]), participation_count)

    def test_import_as_exhibition_user(self):
        """A salesperson (exhibition user who may create contacts) imports
        without any administrator right."""
        wizard = self._wizard("contacts_en_bom.csv", user=self.owner)
        wizard.action_preview()
        wizard.action_import()
        self.assertEqual((wizard.created_count, wizard.skipped_count), (2, 1))
        anna = self._partners("anna.schmidt@kraft-mb.de")
        self.assertEqual(anna.create_uid, self.owner)
        self.assertEqual(self._participation(anna).user_id, self.owner)

    def test_invited_participation_becomes_attended(self):
        invited = self.env["expo.participation"].create(
            {"partner_id": self.by_email.id, "fair_id": self.fair.id,
             "role_id": self.trade_visitor.id, "state": "invited", "source": "manual"}
        )
        wizard = self._wizard("contacts_zh_gbk.csv", source="import")
        wizard.action_import()
        self.assertEqual(wizard.participation_created_count, 5)
        self.assertEqual(wizard.participation_updated_count, 1)
        self.assertEqual(self._participation(self.by_email), invited)
        self.assertEqual(invited.state, "attended")
        self.assertEqual(invited.source, "manual")
        self.assertEqual(self._participation(self._partners("lina@dongfang-trade.com")).source, "import")

    def test_error_report(self):
        wizard = self._wizard("contacts_zh_gbk.csv")
        wizard.action_import()
        self.assertEqual(wizard.error_report_name, "contacts_zh_gbk-errors.csv")
        content = base64.b64decode(wizard.error_report).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(content)))
        self.assertEqual(rows[0], ["Row", "姓名", "公司", "邮箱", "手机", "国家", "职位", "备注", "展位", "Reason"])
        self.assertEqual([row[0] for row in rows[1:]], ["6", "7", "8"])
        self.assertEqual(rows[1][3], "wangfang@")
        self.assertEqual(rows[1][-1], "Invalid email address “wangfang@”")
        self.assertEqual(rows[2][-1], "No name and no email")
        self.assertEqual(rows[3][-1], "Unknown country “火星国”")
        action = wizard.action_download_error_report()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertTrue(action["url"].startswith(f"/web/content/expo.contact.import/{wizard.id}/error_report/"))

    def test_no_error_report_when_every_row_is_good(self):
        content = (
            b'Name,Email\nMei Chen,mei.chen@example.org\nLi Lei,"li.lei@example.org; lilei@home.example"\n'
            b"Ah Fook,\n"
        )
        for __ in range(2):
            wizard = self.env["expo.contact.import"].create(
                {"fair_id": self.fair.id, "file": base64.b64encode(content), "file_name": "good.csv"}
            )
            wizard.action_import()
        self.assertEqual((wizard.created_count, wizard.updated_count, wizard.skipped_count), (1, 2, 0))
        self.assertFalse(wizard.error_report)
        # a bare name never designates an existing contact: created again,
        # and flagged as a possible duplicate
        self.assertEqual(self.env["res.partner"].search_count([("name", "=", "Ah Fook")]), 2)
        problems = {line.row_number: line.problem for line in wizard.problem_line_ids}
        self.assertIn("Possible duplicate of the existing contact “Ah Fook”", problems[4])
        # two addresses in one cell: the first is kept, the row says so
        self.assertEqual(self._partners("li.lei@example.org").email, "li.lei@example.org")
        self.assertIn("only li.lei@example.org is kept", problems[3])
        # rows merged by phone with two emails: the second one is reported
        content = b"Name,Email,Mobile,Country\nOla,ola@a.example,+47 412 34 567,NO\nOla,ola@b.example,41234567,NO\n"
        wizard = self.env["expo.contact.import"].create(
            {"fair_id": self.fair.id, "file": base64.b64encode(content), "file_name": "ola.csv"}
        )
        wizard.action_preview()
        self.assertEqual((wizard.to_create_count, wizard.duplicate_count), (1, 1))
        self.assertIn("ola@b.example not kept", wizard.line_ids.filtered(lambda line: line.row_number == 3).problem)
        with self.assertRaises(UserError):
            wizard.action_download_error_report()

    def test_utf8_bom_semicolons_english_headers(self):
        wizard = self._wizard("contacts_en_bom.csv", participation_state="registered")
        wizard.action_import()
        self.assertEqual(wizard.detected_encoding, "utf-8-sig")
        self.assertEqual(
            (wizard.created_count, wizard.updated_count, wizard.duplicate_count, wizard.skipped_count),
            (2, 0, 1, 1),
        )
        anna = self._partners("anna.schmidt@kraft-mb.de")
        self.assertEqual(len(anna), 1)
        self.assertEqual(anna.function, "Head of Purchasing")
        self.assertEqual(anna.country_id, self.germany)
        self.assertEqual(anna.parent_id.name, "Kraft Maschinenbau GmbH")
        # a national number is formatted with the row's country
        tom = self._partners("tom.baker@bakerfoods.co.uk")
        self.assertEqual(tom.mobile, "+44 7911 123456")
        self.assertEqual(self._participation(tom).state, "registered")
        line = wizard.line_ids.filtered(lambda line: line.row_number == 5)
        self.assertEqual(line.status, "skip")
        self.assertIn("Invalid email address “not an email”", line.problem)

    def test_xlsx_bilingual_headers_title_row(self):
        wizard = self._wizard("contacts_scans.xlsx")
        wizard.action_preview()
        self.assertFalse(wizard.detected_encoding)
        lines = {line.row_number: line for line in wizard.line_ids}
        # row numbers are the spreadsheet's: title row 1, header row 2, blank row 6
        self.assertEqual(sorted(lines), [3, 4, 5, 7])
        self.assertEqual(lines[5].status, "duplicate")
        self.assertIn("Unknown country “Atlantis”", lines[7].problem)
        wizard.action_import()
        self.assertEqual((wizard.created_count, wizard.skipped_count), (2, 1))
        huang = self._partners("chiming.huang@tw-precision.com.tw")
        self.assertEqual(huang.country_id, self.env.ref("base.tw"))  # "台灣"
        self.assertEqual(huang.mobile, "+886 912 345 678")  # numeric cell
        self.assertEqual(huang.function, "經理")
        self.assertEqual(self._participation(huang).booth, "B7")

    def test_failing_contact_is_skipped_alone(self):
        """When one contact cannot be written, the others are imported and
        nothing of the failing one (not even its new company) remains."""
        Partner = type(self.env["res.partner"])
        original_create = Partner.create

        def create(records, vals_list):
            vals_list = vals_list if isinstance(vals_list, list) else [vals_list]
            if any(vals.get("name") == "李娜" for vals in vals_list):
                raise ValueError("Refused by a business rule")
            return original_create(records, vals_list)

        wizard = self._wizard("contacts_zh_gbk.csv")
        with patch.object(Partner, "create", create):
            wizard.action_import()
        self.assertEqual((wizard.created_count, wizard.updated_count), (2, 3))
        self.assertEqual(wizard.skipped_count, 5)  # 3 bad rows + the 2 rows of 李娜
        self.assertFalse(self._partners("lina@dongfang-trade.com"))
        self.assertFalse(self.env["res.partner"].search([("name", "=", "东方贸易")]))
        self.assertTrue(self._partners("zhang.wei@huaxing.cn"))
        failed = wizard.line_ids.filtered(lambda line: line.row_number == 4)
        self.assertEqual(failed.status, "skip")
        self.assertIn("Refused by a business rule", failed.problem)
        content = base64.b64decode(wizard.error_report).decode("utf-8-sig")
        self.assertIn("Refused by a business rule", content)

    def test_wizard_from_fair_form(self):
        wizard_form = Form(
            self.env["expo.contact.import"].with_context(active_model="expo.fair", active_id=self.fair.id)
        )
        self.assertEqual(wizard_form.fair_id, self.fair)
        self.assertEqual(wizard_form.role_id, self.trade_visitor)
        self.assertEqual(wizard_form.source, "scan")
        self.assertEqual(wizard_form.met_date, date(2031, 4, 15))

    def test_unreadable_files(self):
        wizard = self.env["expo.contact.import"].create(
            {"fair_id": self.fair.id, "file": base64.b64encode(b"foo,bar\n1,2\n"), "file_name": "x.csv"}
        )
        with self.assertRaisesRegex(UserError, "No known column"):
            wizard.action_preview()
        wizard.file = False
        with self.assertRaises(UserError):
            wizard.action_preview()

    def test_header_and_encoding_detection(self):
        self.assertEqual(header_key("E-mail"), "email")
        self.assertEqual(header_key("电子邮件"), "email")
        self.assertEqual(header_key("公司(Company)"), "company")
        self.assertEqual(header_key("手機號碼"), "mobile")
        self.assertEqual(header_key("Job Title"), "function")
        self.assertIsNone(header_key("Favourite colour"))
        text = "姓名,公司\n王小明,深圳精工\n"
        self.assertEqual(detect_encoding(text.encode("gbk")), "gb18030")
        self.assertEqual(detect_encoding(text.encode("utf-8")), "utf-8")
        self.assertEqual(detect_encoding(text.encode("utf-8-sig")), "utf-8-sig")

