from datetime import datetime

from odoo.tests import tagged

from .common import NOW, ExpoFollowupCommon


@tagged("post_install", "-at_install")
class TestFollowupOverview(ExpoFollowupCommon):
    """The follow-up figures of a fair's overview and of the cards: each
    figure opens exactly the records it counts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_manager.tz = "UTC"
        cls.env.user.tz = "UTC"

    def _followups(self, action):
        self.assertEqual(action["res_model"], "expo.followup")
        return self.env["expo.followup"].search(action["domain"])

    def test_overview_figures_and_links(self):
        followups = self._classify(
            {
                self.p_signed: self.class_a,
                self.p_samples: self.class_b,
                self.p_price: self.class_c,
                self.p_catalogue: self.class_d,
            }
        )
        by_class = {f.class_id: f for f in followups}
        by_class[self.class_a].due_date = datetime(2026, 3, 10, 18, 0)  # later today
        by_class[self.class_b].due_date = datetime(2026, 3, 9, 12, 0)  # yesterday
        by_class[self.class_c].due_date = datetime(2026, 3, 10, 5, 0)  # passed this morning
        by_class[self.class_d].due_date = datetime(2026, 3, 13, 0, 0)
        fair = self.fair.with_user(self.user_manager)
        self.assertEqual(NOW, datetime(2026, 3, 10, 9, 0))
        self.assertEqual(fair.expo_classified_count, 4)
        self.assertEqual(fair.expo_classified_share, 67)  # 4 of 6 participants
        self.assertEqual(fair.expo_followup_due_today_count, 1)
        self.assertEqual(fair.expo_followup_overdue_count, 2)
        self.assertEqual(
            self._followups(fair.action_expo_view_followups_today()), by_class[self.class_a]
        )
        self.assertEqual(
            self._followups(fair.action_expo_view_followups_overdue()),
            by_class[self.class_b] | by_class[self.class_c],
        )
        classified = self.env["expo.participation"].search(
            fair.action_expo_view_classified()["domain"]
        )
        self.assertEqual(
            classified, self.p_signed | self.p_samples | self.p_price | self.p_catalogue
        )
        # A sent follow-up is neither due nor overdue any more.
        by_class[self.class_b].action_send_now()
        fair.invalidate_recordset()
        self.assertEqual(fair.expo_followup_overdue_count, 1)

    def test_cards_show_class_deadline_and_stage(self):
        followups = self._classify({self.p_signed: self.class_a, self.p_samples: self.class_b})
        partner = self.p_signed.partner_id.with_user(self.user_owner)
        followup_a = followups.filtered(lambda f: f.class_id == self.class_a)
        self.assertEqual(partner.expo_next_followup_class_id, self.class_a)
        self.assertEqual(partner.expo_next_followup_due, followup_a.due_date)
        self.assertEqual(followup_a.partner_stage, partner.expo_stage)
        self.assertTrue(followup_a.partner_stage)
        followup_a.with_user(self.user_owner).action_send_now()
        partner.invalidate_recordset()
        self.assertFalse(partner.expo_next_followup_id, "nothing left to send to this contact")
        self.assertFalse(self.p_casual.partner_id.expo_next_followup_id)
