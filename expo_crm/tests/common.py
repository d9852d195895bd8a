from datetime import date

from odoo.tests import TransactionCase, new_test_user

# The lifecycle tests run on a fixed calendar (freezegun) around this day.
TODAY = date(2026, 6, 15)


class ExpoCrmCommon(TransactionCase):
    """Fixtures: one fair series with five yearly editions around ``TODAY``
    (three held, the fourth just over, the fifth planned), two stand-alone
    fairs, the standard roles, Expo users, and the lifecycle settings reset
    to their documented defaults."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        icp = cls.env["ir.config_parameter"].sudo()
        icp.set_param("expo_crm.active_window_months", "18")
        icp.set_param("expo_crm.dissolution_window_months", "24")
        icp.set_param("expo_crm.decline_ratio", "0.5")
        icp.set_param("expo_crm.weakening_activity", "True")
        icp.set_param("expo_crm.weakening_activity_type_id", False)

        cls.company = cls.env.company
        cls.role_exhibitor = cls.env.ref("expo_crm.role_exhibitor")
        cls.role_visitor = cls.env.ref("expo_crm.role_trade_visitor")
        cls.role_media = cls.env.ref("expo_crm.role_media")
        cls.role_sponsor = cls.env.ref("expo_crm.role_sponsor")
        cls.activity_type = cls.env.ref("expo_crm.mail_activity_type_expo_weakening")

        cls.user_expo = new_test_user(
            cls.env, "expo_user", groups="base.group_user,expo_crm.group_expo_user",
            name="Lena Expo User",
        )
        cls.user_manager = new_test_user(
            cls.env, "expo_manager", groups="base.group_user,expo_crm.group_expo_manager",
            name="Marco Expo Manager",
        )
        cls.user_plain = new_test_user(
            cls.env, "plain_employee", groups="base.group_user", name="Paula Plain Employee"
        )

        cls.organizer = cls.env["res.partner"].create(
            {"name": "Test Fair Organizer Ltd", "is_company": True}
        )
        cls.series = cls.env["expo.series"].create(
            {"name": "Test Machinery Fair", "organizer_id": cls.organizer.id}
        )
        cls.ed_2023 = cls._fair("Test Machinery Fair 2023", "2023-05-10", "2023-05-13", "closed")
        cls.ed_2024 = cls._fair("Test Machinery Fair 2024", "2024-05-10", "2024-05-13", "closed")
        cls.ed_2025 = cls._fair("Test Machinery Fair 2025", "2025-05-10", "2025-05-13", "closed")
        cls.ed_2026 = cls._fair("Test Machinery Fair 2026", "2026-05-10", "2026-05-13", "closed")
        cls.ed_2027 = cls._fair("Test Machinery Fair 2027", "2027-05-10", "2027-05-13", "planned")
        # Fairs outside any series: no "skipped edition" signal from them.
        cls.solo_2024_03 = cls._fair("Test Packaging Days 2024", "2024-03-05", "2024-03-07", "closed", series=False)
        cls.solo_2024_10 = cls._fair("Test Packaging Days Autumn", "2024-10-08", "2024-10-10", "closed", series=False)
        cls.solo_2025_01 = cls._fair("Test Sourcing Week", "2025-01-14", "2025-01-16", "closed", series=False)

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    @classmethod
    def _fair(cls, name, begin, end, state="closed", series=None, **vals):
        return cls.env["expo.fair"].create(
            dict(
                {
                    "name": name,
                    "series_id": cls.series.id if series is None else (series and series.id),
                    "date_begin": begin,
                    "date_end": end,
                    "state": state,
                    "city": "Guangzhou",
                },
                **vals,
            )
        )

    @classmethod
    def _partner(cls, name, **vals):
        return cls.env["res.partner"].create(dict({"name": name, "is_company": True}, **vals))

    @classmethod
    def _take_part(cls, partner, fair, state="attended", role=None, **vals):
        return cls.env["expo.participation"].create(
            dict(
                {
                    "partner_id": partner.id,
                    "fair_id": fair.id,
                    "role_id": (role or cls.role_exhibitor).id,
                    "state": state,
                },
                **vals,
            )
        )

    def _history(self, partner):
        return self.env["expo.stage.history"].search(
            [("partner_id", "=", partner.id)], order="id asc"
        )

    def _weakening_activities(self, partner):
        """The weakening activities on this company's relationship with ``partner``."""
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "expo.relationship"),
                ("res_id", "in", partner.expo_relationship_ids.ids),
                ("activity_type_id", "in", (self.activity_type | self.env.ref(
                    "mail.mail_activity_data_call")).ids),
            ]
        )

    def _cron(self):
        return self.env["res.partner"]._cron_expo_lifecycle()
