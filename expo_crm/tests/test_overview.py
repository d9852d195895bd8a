from freezegun import freeze_time

from odoo.tests import Form, tagged

from .common import TODAY, ExpoCrmCommon


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestFairOverview(ExpoCrmCommon):
    """The overview of a fair edition: every figure opens exactly the records
    it counts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.returning = cls._partner("Overview Returning Co.")
        cls.newcomer = cls._partner("Overview Newcomer Co.")
        cls.buyer = cls._partner("Overview Buyer Co.")
        cls.reporter = cls._partner("Overview Weekly")
        cls.sponsor = cls._partner("Overview Sponsor Bank")
        cls.dropped = cls._partner("Overview Dropped Co.")
        cls._take_part(cls.returning, cls.ed_2025)
        cls._take_part(cls.returning, cls.ed_2026, fee_amount=9000)
        cls._take_part(cls.newcomer, cls.ed_2026, fee_amount=6000)
        cls._take_part(cls.buyer, cls.ed_2026, role=cls.role_visitor, state="registered")
        cls._take_part(cls.reporter, cls.ed_2026, role=cls.role_media)
        cls._take_part(cls.sponsor, cls.ed_2026, role=cls.role_sponsor, state="registered")
        cls.invitee = cls._partner("Overview Invitee Ltd.")
        cls._take_part(cls.invitee, cls.ed_2026, role=cls.role_exhibitor, state="invited")
        cls._take_part(cls.dropped, cls.ed_2026, state="cancelled", fee_amount=500)

    def _opened(self, action):
        self.assertEqual(action["res_model"], "expo.participation")
        self.assertEqual(action["context"]["default_fair_id"], self.ed_2026.id)
        return self.env["expo.participation"].search(action["domain"])

    def test_each_figure_opens_what_it_counts(self):
        fair = self.ed_2026
        figures = [
            ("participation_count", "action_view_participations", 5),
            ("exhibitor_count", "action_view_exhibitors", 2),
            ("trade_visitor_count", "action_view_trade_visitors", 1),
            ("media_count", "action_view_media", 1),
            ("other_role_count", "action_view_other_roles", 1),
            ("attended_count", "action_view_attended", 3),
            ("new_partner_count", "action_view_new", 2),
            ("returning_partner_count", "action_view_returning", 1),
        ]
        for field, method, expected in figures:
            with self.subTest(figure=field):
                self.assertEqual(fair[field], expected)
                self.assertEqual(len(self._opened(getattr(fair, method)())), expected)
        self.assertEqual(self._opened(fair.action_view_other_roles()).partner_id, self.sponsor)
        self.assertEqual(self._opened(fair.action_view_returning()).partner_id, self.returning)
        self.assertEqual(
            self._opened(fair.action_view_new()).partner_id, self.newcomer | self.reporter
        )
        self.assertNotIn(self.dropped, self._opened(fair.action_view_participations()).partner_id)
        # Invited, not registered: counted apart, never as a participant or exhibitor.
        self.assertEqual(fair.invited_count, 1)
        self.assertEqual(self._opened(fair.action_view_invited()).partner_id, self.invitee)
        self.assertNotIn(self.invitee, self._opened(fair.action_view_exhibitors()).partner_id)
        self.assertEqual(fair.fee_total, 15000)
        self.assertEqual(sum(self._opened(fair.action_view_fees()).mapped("fee_amount")), 15000)

    def test_by_role_opens_a_chart_grouped_by_role(self):
        action = self.ed_2026.action_view_by_role()
        self.assertEqual(action["views"][0][1], "graph")
        self.assertEqual(action["context"]["group_by"], ["role_id"])
        groups = dict(
            self.env["expo.participation"]._read_group(action["domain"], ["role_id"], ["__count"])
        )
        self.assertEqual(
            {role.code: count for role, count in groups.items()},
            {"exhibitor": 2, "trade_visitor": 1, "media": 1, "sponsor": 1},
        )

    def test_overview_in_the_form(self):
        # The overview block is in the form with every figure and its link.
        form = Form(self.ed_2026.with_user(self.user_expo))
        self.assertEqual(form.other_role_count, 1)
        arch = self.env["expo.fair"].get_view(
            self.env.ref("expo_crm.expo_fair_view_form").id, "form"
        )["arch"]
        for method in (
            "action_view_participations", "action_view_exhibitors", "action_view_trade_visitors",
            "action_view_media", "action_view_other_roles", "action_view_by_role",
            "action_view_attended", "action_view_new", "action_view_returning", "action_view_fees",
        ):
            self.assertIn(f'name="{method}"', arch)

    def test_other_roles_follow_changes(self):
        participation = self.ed_2026.participation_ids.filtered(
            lambda p: p.partner_id == self.sponsor
        )
        participation.role_id = self.role_exhibitor
        self.assertEqual(self.ed_2026.other_role_count, 0)
        self.assertEqual(self.ed_2026.exhibitor_count, 3)
