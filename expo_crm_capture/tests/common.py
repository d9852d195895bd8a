from odoo.modules import module as odoo_module
from odoo.tests import TransactionCase, new_test_user


class ExpoCaptureCommon(TransactionCase):
    """A fair under way (Friday 6 – Monday 9 March 2026, the clock on
    Saturday 7 March), a salesperson at the booth, a second company with its
    own fair."""

    freeze_time = "2026-03-07 10:00:00"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not odoo_module.current_test:
            cls.classPatch(odoo_module, "current_test", cls)
        cls.env = cls.env(context=dict(cls.env.context, mail_create_nolog=True))
        cls.company = cls.env.company
        cls.company.write({"expo_followup_auto_send": True, "expo_followup_working_days": False})
        cls.class_b = cls.env.ref("expo_crm_followup.followup_class_b")
        cls.class_d = cls.env.ref("expo_crm_followup.followup_class_d")
        cls.role_visitor = cls.env.ref("expo_crm.role_trade_visitor")
        cls.user = new_test_user(
            cls.env, "cap_sales", groups="base.group_user,expo_crm.group_expo_user",
            name="Sonia Sales", email="sonia@valves.example.com",
        )
        cls.user_plain = new_test_user(
            cls.env, "cap_plain", groups="base.group_user", name="Paul Plain"
        )
        cls.fair = cls.env["expo.fair"].create(
            {
                "name": "Capture Valve Expo 2026",
                "date_begin": "2026-03-06",
                "date_end": "2026-03-09",
                "state": "open",
                "city": "Shanghai",
            }
        )
        cls.other_company = cls.env["res.company"].create({"name": "Other Fairs Ltd"})
        cls.other_fair = cls.env["expo.fair"].create(
            {
                "name": "Other Company Expo 2026",
                "date_begin": "2026-03-06",
                "date_end": "2026-03-09",
                "state": "open",
                "company_id": cls.other_company.id,
            }
        )
        cls.Capture = cls.env["expo.capture"].with_user(cls.user)
