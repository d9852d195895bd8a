from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ExpoFollowupCommon

SECRET = "object.env['ir.config_parameter'].get_param('database.secret')"
# The expression in the body (QWeb) and in the subject (inline template).
SNEAKY_BODY = f'<p>Dear <t t-out="object.partner_id.name"/>, <t t-out="{SECRET}"/></p>'
SNEAKY_SUBJECT = "Your samples {{ %s }}" % SECRET


@tagged("post_install", "-at_install")
class TestFollowupRenderAccess(ExpoFollowupCommon):
    """The follow-up email is rendered with the rights of the user who
    sends it (the owner, when the scheduler sends): a template expression
    reaching further finds nothing to leak."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secret = cls.env["ir.config_parameter"].sudo().get_param("database.secret")
        # A salesperson allowed to write dynamic templates.
        cls.user_owner.groups_id |= cls.env.ref("mail.group_mail_template_editor")
        cls.p_samples.followup_class_id = cls.class_b
        cls.p_catalogue.followup_class_id = cls.class_d
        cls.followups = cls.env["expo.followup"]._expo_schedule(cls.p_samples | cls.p_catalogue)
        cls.sneaky = cls.followups.filtered(lambda f: f.participation_id == cls.p_samples)
        cls.normal = cls.followups - cls.sneaky
        cls.template = cls.env["mail.template"].with_user(cls.user_owner).create(
            {
                "name": "Samples follow-up (my version)",
                "model_id": cls.env["ir.model"]._get_id("expo.followup"),
                "subject": SNEAKY_SUBJECT,
                "partner_to": "{{ object.partner_id.id }}",
                "body_html": SNEAKY_BODY,
            }
        )
        cls.sneaky.with_user(cls.user_owner).template_id = cls.template

    def _assert_nothing_leaked(self):
        self.assertTrue(self.secret)
        Message, Mail = self.env["mail.message"], self.env["mail.mail"]
        self.assertFalse(Message.search(["|", ("body", "ilike", self.secret),
                                         ("subject", "ilike", self.secret)]))
        self.assertFalse(Mail.search([("body_html", "ilike", self.secret)]))
        self.assertNotIn(self.secret, self.sneaky.failure_reason or "")
        self.assertFalse(self._followup_messages(self.sneaky.partner_id))

    @mute_logger("odoo.addons.expo_crm_followup.models.expo_followup")
    def test_scheduler_renders_as_the_owner(self):
        self.env["expo.followup"]._cron_send_followups()
        self.assertEqual(self.sneaky.state, "failed")
        self.assertTrue(self.sneaky.failure_reason)
        self._assert_nothing_leaked()
        # The normal template of the same owner still goes.
        self.assertNotIn(self.normal.state, ("scheduled", "failed"))
        self.assertEqual(len(self._followup_messages(self.normal.partner_id)), 1)
        self.assertIn("Cathy Catalogue", self.normal.mail_message_id.body)

    @mute_logger("odoo.addons.expo_crm_followup.models.expo_followup")
    def test_send_now_renders_as_the_user(self):
        self.sneaky.with_user(self.user_owner).action_send_now()
        self.assertEqual(self.sneaky.state, "failed")
        self._assert_nothing_leaked()
        # Back to the class's template: it sends.
        self.sneaky.template_id = self.class_b._get_template(False)
        self.sneaky.with_user(self.user_owner).action_retry()
        self.assertNotIn(self.sneaky.state, ("scheduled", "failed"))
        self.assertEqual(len(self._followup_messages(self.sneaky.partner_id)), 1)
