"""The exhibitor's flow on a database with no demo data and no setting
touched: a fair, contacts met at the booth, classify, apply, send.

``tools/test.sh`` runs this file a second time on a database installed
without demo data (``expo_test_nodemo``)."""

from odoo.modules import module as odoo_module
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestFreshDatabase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not odoo_module.current_test:
            cls.classPatch(odoo_module, "current_test", cls)

    def test_classify_apply_send_with_no_setting_touched(self):
        company = self.env.company
        self.assertTrue(
            company.expo_followup_mailing_list_id, "the install gave the company its follow-up list"
        )
        fair = self.env["expo.fair"].create(
            {"name": "First Fair Ever", "date_begin": "2026-01-10", "date_end": "2026-01-12"}
        )
        role = self.env.ref("expo_crm.role_trade_visitor")
        exhibitor = self.env.ref("expo_crm.role_exhibitor")
        Partner = self.env["res.partner"]
        contacts = {
            "signed": Partner.create({"name": "Ada Signed", "email": "ada@first.example.com"}),
            "samples": Partner.create({"name": "Bo Samples", "email": "bo@first.example.com"}),
            "casual": Partner.create({"name": "Cy Casual", "email": "cy@first.example.com"}),
        }
        flags = {"signed": {"order_signed": True}, "samples": {"samples_requested": True}, "casual": {}}
        Participation = self.env["expo.participation"]
        for key, partner in contacts.items():
            Participation.create(
                dict({"partner_id": partner.id, "fair_id": fair.id, "role_id": role.id,
                      "state": "attended"}, **flags[key])
            )
        # The casual visitor also exhibits: still one line, one follow-up.
        Participation.create(
            {"partner_id": contacts["casual"].id, "fair_id": fair.id, "role_id": exhibitor.id,
             "state": "attended"}
        )
        wizard = self.env["expo.classify.wizard"].browse(fair.action_expo_classify()["res_id"])
        self.assertEqual(len(wizard.line_ids), 3)
        self.assertEqual(
            sorted(wizard.line_ids.mapped("class_id.code")), ["A", "B", "E"], "the suggestions"
        )
        wizard.line_ids.filtered(lambda line: line.class_id.use_hesitation).hesitation_reason = "current_supplier"
        wizard.action_apply()
        followups = self.env["expo.followup"].search([("fair_id", "=", fair.id)])
        self.assertEqual(len(followups), 3)
        by_code = {f.class_id.code: f for f in followups}
        self.assertEqual(by_code["E"].state, "listed")
        self.assertEqual(by_code["E"].mailing_list_id, company.expo_followup_mailing_list_id)
        self.env["expo.followup"]._cron_send_followups(auto_commit=False)
        by_code["A"].action_send_now()
        with mute_logger("odoo.addons.mail.models.mail_mail"):
            (by_code["A"] | by_code["B"]).mail_mail_id.send()
        self.assertEqual((by_code["A"].state, by_code["B"].state), ("sent", "sent"))
