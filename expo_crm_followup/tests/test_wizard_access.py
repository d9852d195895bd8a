"""The wizards of expo_crm_followup hold contacts' names and emails: a user
of another company never reads them, and a contact import is its author's
(and the Exhibitions managers') only (issue 10)."""

import base64

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ExpoFollowupCommon


@tagged("post_install", "-at_install")
class TestWizardAccess(ExpoFollowupCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Other Valves Ltd"})
        cls.user_b = new_test_user(
            cls.env, "fu_company_b", groups="base.group_user,expo_crm.group_expo_manager",
            name="Bella Other Company", company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
        )
        cls.import_wizard = cls.env["expo.contact.import"].with_user(cls.user_owner).create(
            {
                "fair_id": cls.fair.id,
                "file": base64.b64encode(b"Name,Email\nSecret Sue,sue@secret.example\n"),
                "file_name": "scans.csv",
            }
        )
        cls.import_wizard.action_preview()
        cls.import_line = cls.import_wizard.line_ids

    def _assert_hidden(self, records, user, fnames):
        with self.assertRaises(AccessError):
            records.with_user(user).read(fnames)
        self.assertFalse(
            self.env[records._name].with_user(user).search([("id", "in", records.ids)])
        )

    def test_contact_import_other_company(self):
        self.assertEqual(self.import_line.email, "sue@secret.example")
        self._assert_hidden(self.import_wizard, self.user_b, ["file", "file_name"])
        self._assert_hidden(self.import_line, self.user_b, ["name", "email"])
        with self.assertRaises(AccessError):
            self.import_wizard.with_user(self.user_b).action_import()

    def test_contact_import_other_user(self):
        """A colleague of the same company does not read the import; a
        manager does; the author does."""
        self._assert_hidden(self.import_wizard, self.user_other, ["file_name"])
        self._assert_hidden(self.import_line, self.user_other, ["name", "email"])
        for user in (self.user_owner, self.user_manager):
            self.assertEqual(self.import_line.with_user(user).read(["name"])[0]["name"], "Secret Sue")
            self.assertEqual(self.import_wizard.with_user(user).line_ids, self.import_line)

    def test_classify_wizard_lines_other_company(self):
        wizard = self._open_wizard(self.p_signed | self.p_casual, user=self.user_owner)
        self.assertEqual(len(wizard.line_ids), 2)
        self._assert_hidden(wizard, self.user_b, ["line_ids"])
        self._assert_hidden(wizard.line_ids, self.user_b, ["partner_id", "participation_id"])

    def test_invitation_wizard_other_company(self):
        fair = self.env["expo.fair"].create(
            {"name": "Next Valve Expo 2027", "date_begin": "2027-03-05", "date_end": "2027-03-08",
             "state": "planned", "user_id": self.user_manager.id}
        )
        wizard = self.env["expo.invitation.wizard"].with_user(self.user_owner).create(
            {"fair_id": fair.id, "preset": "manual", "role_id": self.role_visitor.id, "send_mode": "now",
             "partner_ids": [(6, 0, self.p_signed.partner_id.ids)]}
        )
        self.assertEqual(wizard.with_user(self.user_manager).partner_ids, self.p_signed.partner_id)
        self._assert_hidden(wizard, self.user_b, ["partner_ids"])
