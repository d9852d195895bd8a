"""Contact import: what a careless file or a hostile one does (issue 10).

Every good row is imported whatever the bad ones hold, every bad row is
reported with its reason, and nothing of the file reaches a spreadsheet as a
formula."""

import base64
import csv
import io
from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..tools.contact_file import detect_encoding
from ..tools.spreadsheet import escape_cell
from .common import ExpoFollowupCommon


@tagged("post_install", "-at_install")
class TestContactImportBadInput(ExpoFollowupCommon):
    def _import(self, text, preview=False, encoding="utf-8", file_name="contacts.csv"):
        data = text.encode(encoding) if isinstance(text, str) else text
        wizard = self.env["expo.contact.import"].create(
            {
                "fair_id": self.fair.id,
                "file": base64.b64encode(data),
                "file_name": file_name,
                "user_id": self.user_owner.id,
            }
        )
        if preview:
            wizard.action_preview()
        else:
            wizard.action_import()
        return wizard

    def _lines(self, wizard):
        return {line.row_number: line for line in wizard.line_ids}

    def _people(self, name):
        return self.env["res.partner"].search([("name", "=", name)])

    def _report(self, wizard):
        content = base64.b64decode(wizard.error_report).decode("utf-8-sig")
        return list(csv.reader(io.StringIO(content)))

    # ------------------------------------------------------------------
    # one bad row never sinks the others
    # ------------------------------------------------------------------

    def test_nul_in_a_cell_does_not_sink_the_file(self):
        """A NUL (and other control characters) in a cell: every row is
        imported, the character is dropped and the row says so."""
        wizard = self._import(
            "Name,Email,Booth\n"
            "Nora North,nora@north.example,H1\n"
            "Nils Null,nils@null.example,H\x002\n"
            "Bea\x07 Bell,bea@bell.example\x1b,H3\n"
        )
        self.assertEqual((wizard.created_count, wizard.skipped_count), (3, 0))
        self.assertEqual(wizard.participation_created_count, 3)
        nils = self._people("Nils Null")
        participation = self.env["expo.participation"].search(
            [("partner_id", "=", nils.id), ("fair_id", "=", self.fair.id)]
        )
        self.assertEqual(participation.booth, "H2")
        self.assertEqual(self._people("Bea Bell").email, "bea@bell.example")
        problems = {line.row_number: line.problem for line in wizard.line_ids}
        self.assertEqual(set(problems), {3, 4})
        self.assertIn("Control characters removed", problems[3])
        self.assertFalse(wizard.error_report)

    def test_row_failing_after_its_contact_was_created(self):
        """The batch fails after the new contacts were created (here: one
        participation refused): the batch's contacts are rolled back and
        written again one by one, the good ones imported, the bad one
        reported with its reason and left with nothing half-written."""
        Participation = type(self.env["expo.participation"])
        original_create = Participation.create

        def create(records, vals_list):
            vals_list = vals_list if isinstance(vals_list, list) else [vals_list]
            if any(vals.get("booth") == "X9" for vals in vals_list):
                raise ValidationError("Booth X9 is closed")  # pylint: disable=translation-required
            return original_create(records, vals_list)

        with patch.object(Participation, "create", create):
            wizard = self._import(
                "Name,Email,Company,Booth\n"
                "Gina Good,gina@good.example,Good Pumps,H1\n"
                "Bob Bad,bob@bad.example,Bad Valves,X9\n"
                "Gus Good,gus@good.example,,H3\n"
            )
        self.assertEqual((wizard.created_count, wizard.skipped_count), (2, 1))
        self.assertEqual(wizard.participation_created_count, 2)
        self.assertTrue(self._people("Gina Good").parent_id)
        self.assertTrue(self._people("Gus Good"))
        self.assertFalse(self._people("Bob Bad"))
        self.assertFalse(self._people("Bad Valves"))
        line = self._lines(wizard)[3]
        self.assertEqual(line.status, "skip")
        self.assertEqual(line.problem, "Not imported: Booth X9 is closed")
        report = self._report(wizard)
        self.assertEqual([row[0] for row in report[1:]], ["3"])
        self.assertEqual(report[1][-1], "Not imported: Booth X9 is closed")

    # ------------------------------------------------------------------
    # encodings
    # ------------------------------------------------------------------

    def test_utf16_without_bom(self):
        text = "姓名,Email,Company\n王小明,wang@jinggong.example,深圳精工\nAnn Lee,ann@lee.example,\n"
        for encoding in ("utf-16-le", "utf-16-be"):
            self.assertEqual(detect_encoding(text.encode(encoding)), encoding)
        wizard = self._import(text, encoding="utf-16-le")
        self.assertEqual(wizard.detected_encoding, "utf-16-le")
        self.assertEqual((wizard.created_count, wizard.skipped_count), (2, 0))
        self.assertEqual(self._people("王小明").parent_id.name, "深圳精工")

    # ------------------------------------------------------------------
    # email addresses
    # ------------------------------------------------------------------

    def test_malformed_emails_are_refused_not_fixed(self):
        wizard = self._import(
            "Name,Email\n"
            "Dot Dot,foo@bar..com\n"
            "Spacey Sam,sam smith@example.com\n"
            "Split Domain,split@exam ple.com\n"
            "Fine Fay,fay@example.com\n"
        )
        self.assertEqual((wizard.created_count, wizard.skipped_count), (1, 3))
        problems = {line.row_number: line.problem for line in wizard.line_ids}
        self.assertEqual(problems[2], "Invalid email address “foo@bar..com”")
        self.assertEqual(problems[3], "Invalid email address “sam smith@example.com”")
        self.assertEqual(problems[4], "Invalid email address “split@exam ple.com”")
        for name in ("Dot Dot", "Spacey Sam", "Split Domain"):
            self.assertFalse(self._people(name), name)
        self.assertFalse(
            self.env["res.partner"].search([("email", "in", ("samsmith@example.com", "split@example.com"))])
        )
        self.assertEqual(self._people("Fine Fay").email, "fay@example.com")

    # ------------------------------------------------------------------
    # a name alone
    # ------------------------------------------------------------------

    def test_name_alone_never_merges(self):
        """A row with nothing but a name is created, never merged into the
        contact of the same name, and flagged in the preview."""
        alone = self.env["res.partner"].create({"name": "Ah Fook"})
        carl = self.p_casual.partner_id  # "Carl Casual", with a company name
        partner_count = self.env["res.partner"].search_count([])
        text = "Name,Email,Mobile,Company\nAh Fook,,,\nCarl Casual,,,\nNew Nina,,,\n"
        wizard = self._import(text, preview=True)
        self.assertEqual((wizard.to_create_count, wizard.to_update_count), (3, 0))
        lines = self._lines(wizard)
        self.assertEqual(lines[2].status, "new")
        self.assertFalse(lines[2].partner_id)
        self.assertIn("Possible duplicate of the existing contact “Ah Fook”", lines[2].problem)
        self.assertIn("Possible duplicate of the existing contact “Carl Trading, Carl Casual”", lines[3].problem)
        self.assertFalse(lines[4].problem)
        wizard.action_import()
        self.assertEqual((wizard.created_count, wizard.updated_count), (3, 0))
        self.assertEqual(self.env["res.partner"].search_count([]), partner_count + 3)
        self.assertEqual(len(self._people("Ah Fook")), 2)
        self.assertFalse(
            self.env["expo.participation"].search(
                [("partner_id", "=", alone.id), ("fair_id", "=", self.fair.id)]
            )
        )
        self.assertEqual(len(carl.expo_participation_ids), 1)

    # ------------------------------------------------------------------
    # formula injection
    # ------------------------------------------------------------------

    def test_escape_cell(self):
        for value in ("=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
            self.assertEqual(escape_cell(value), "'" + value)
        for value in ("Anna", "", "1+1", "a=b", 12, None):
            self.assertEqual(escape_cell(value), value)

    def test_error_report_cells_are_not_formulas(self):
        wizard = self._import(
            "Name,Email,=Notes\n"
            '"=HYPERLINK(""http://evil.example"",""Click"")",bad,@SUM(1+1)\n'
            "+cmd|' /C calc'!A0,-1+2,x\n"
            "Fine Fay,fay@example.com,ok\n"
        )
        self.assertEqual((wizard.created_count, wizard.skipped_count), (1, 2))
        report = self._report(wizard)
        self.assertEqual(report[0], ["Row", "Name", "Email", "'=Notes", "Reason"])
        self.assertEqual(report[1][1:4], ["'=HYPERLINK(\"http://evil.example\",\"Click\")", "bad", "'@SUM(1+1)"])
        self.assertEqual(report[2][1:3], ["'+cmd|' /C calc'!A0", "'-1+2"])
        for row in report:
            for cell in row:
                self.assertFalse(cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell)
