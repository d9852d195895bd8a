from datetime import datetime

from odoo.modules import module as odoo_module
from odoo.tests import TransactionCase, new_test_user

# Follow-up tests run on a frozen clock: Tuesday 10 March 2026, 09:00 UTC,
# the day after the "Test Valve Expo" closed (Friday 6 – Monday 9 March).
NOW = datetime(2026, 3, 10, 9, 0, 0)


class ExpoFollowupCommon(TransactionCase):
    """Fixtures: the default classes A–E, two salespeople and a manager, a
    closed fair with six contacts captured at the booth (one per class, plus
    a hesitating B), company settings in a known state and a mailing list for
    the bulk class."""

    freeze_time = "2026-03-10 09:00:00"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Odoo's test runner sets this flag, pytest-odoo on 18.0 does not:
        # without it the mail queue would try a real SMTP connection.
        if not odoo_module.current_test:
            cls.classPatch(odoo_module, "current_test", cls)
        cls.env = cls.env(context=dict(cls.env.context, mail_create_nolog=True))
        cls.company = cls.env.company
        cls.company.email = "sales@valves.example.com"
        cls.mailing_list = cls.env["mailing.list"].create({"name": "Test fair newsletter"})
        cls.company.write(
            {
                "expo_followup_sender": "owner",
                "expo_followup_auto_send": True,
                "expo_followup_working_days": False,
                "expo_followup_escalation_days": 2,
                "expo_followup_escalation_user_id": False,
                "expo_followup_mailing_list_id": cls.mailing_list.id,
            }
        )
        cls.class_a = cls.env.ref("expo_crm_followup.followup_class_a")
        cls.class_b = cls.env.ref("expo_crm_followup.followup_class_b")
        cls.class_c = cls.env.ref("expo_crm_followup.followup_class_c")
        cls.class_d = cls.env.ref("expo_crm_followup.followup_class_d")
        cls.class_e = cls.env.ref("expo_crm_followup.followup_class_e")
        cls.role_visitor = cls.env.ref("expo_crm.role_trade_visitor")

        cls.user_owner = new_test_user(
            cls.env, "fu_owner", groups="base.group_user,expo_crm.group_expo_user",
            name="Olivia Owner", email="olivia@valves.example.com",
        )
        cls.user_other = new_test_user(
            cls.env, "fu_other", groups="base.group_user,expo_crm.group_expo_user",
            name="Oscar Other", email="oscar@valves.example.com",
        )
        cls.user_manager = new_test_user(
            cls.env, "fu_manager", groups="base.group_user,expo_crm.group_expo_manager",
            name="Maria Manager", email="maria@valves.example.com",
        )
        cls.user_plain = new_test_user(
            cls.env, "fu_plain", groups="base.group_user", name="Paul Plain"
        )

        cls.fair = cls.env["expo.fair"].create(
            {
                "name": "Test Valve Expo 2026",
                "date_begin": "2026-03-06",
                "date_end": "2026-03-09",
                "state": "closed",
                "city": "Shanghai",
                "own_booth": "H4-B12",
                "user_id": cls.user_manager.id,
            }
        )
        cls.p_signed = cls._contact("Sam Signed", order_signed=True)
        cls.p_samples = cls._contact("Sara Samples", samples_requested=True,
                                     products_discussed="DN50 ball valves")
        cls.p_evidence = cls._contact("Eve Evidence", samples_requested=True)
        cls.p_price = cls._contact("Paco Price", price_disputed=True)
        cls.p_catalogue = cls._contact("Cathy Catalogue", catalogue_requested=True)
        cls.p_casual = cls._contact("Carl Casual")
        cls.participations = (
            cls.p_signed | cls.p_samples | cls.p_evidence | cls.p_price
            | cls.p_catalogue | cls.p_casual
        )

    @classmethod
    def _contact(cls, name, email=None, lang="en_US", owner=None, fair=None, **flags):
        partner = cls.env["res.partner"].create(
            {
                "name": name,
                "email": email or "%s@buyer.example.com" % name.lower().replace(" ", "."),
                "lang": lang,
                "company_name": "%s Trading" % name.split()[0],
            }
        )
        return cls.env["expo.participation"].create(
            dict(
                {
                    "partner_id": partner.id,
                    "fair_id": (fair or cls.fair).id,
                    "role_id": cls.role_visitor.id,
                    "state": "attended",
                    "user_id": (owner or cls.user_owner).id,
                    "source": "scan",
                },
                **flags,
            )
        )

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def _open_wizard(self, participations, user=None):
        records = participations.with_user(user) if user else participations
        action = records.action_expo_classify()
        return self.env["expo.classify.wizard"].with_user(user or self.env.user).browse(
            action["res_id"]
        )

    def _classify(self, mapping, user=None):
        """mapping: {participation: class or (class, hesitation_reason)};
        applies the wizard and returns the follow-ups of these participations."""
        participations = self.env["expo.participation"].browse([p.id for p in mapping])
        wizard = self._open_wizard(participations, user=user)
        for line in wizard.line_ids:
            value = mapping[line.participation_id]
            fclass, reason = value if isinstance(value, tuple) else (value, False)
            line.write({"class_id": fclass.id, "hesitation_reason": reason})
        wizard.action_apply()
        return self.env["expo.followup"].search(
            [("participation_id", "in", participations.ids)]
        )

    def _followup_messages(self, partner):
        """Follow-up emails posted in the partner's chatter."""
        subtype = self.env.ref("expo_crm_followup.mail_message_subtype_expo_followup")
        return self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("subtype_id", "=", subtype.id),
            ]
        )
