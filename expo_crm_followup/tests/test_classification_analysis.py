from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import ExpoFollowupCommon


@tagged("post_install", "-at_install")
class TestClassificationAnalysis(ExpoFollowupCommon):
    """Exhibitions › Analysis › Classification counts the contacts the fair's
    overview and the classification wizard count: not the invited, the
    cancelled, the roles the fair does not classify nor the contacts marked
    lost."""

    def test_analysis_counts_what_the_overview_counts(self):
        invited = self._contact("Ivan Invited", state="invited")
        cancelled = self._contact("Cora Cancelled", state="cancelled")
        association = self._contact("Ada Association", role_id=self.env.ref("expo_crm.role_association").id)
        lost = self._contact("Lou Lost")
        lost.partner_id._expo_ensure_relationship()
        lost.partner_id._expo_relationships()[lost.partner_id.id].write(
            {"stage": "dissolution", "stage_locked": True, "lost_reason": "Closed down"}
        )
        self._classify({self.p_signed: self.class_a, self.p_price: self.class_c})
        fair = self.fair
        fair.invalidate_recordset()
        self.assertEqual(fair.expo_to_classify_count, 6)
        self.assertEqual(fair.expo_classified_share, 33)

        action = self.env.ref("expo_crm_followup.expo_classification_analysis_action")
        self.assertEqual(safe_eval(action.context)["search_default_to_classify"], 1)
        Participation = self.env["expo.participation"]
        domain = [("fair_id", "=", fair.id), ("followup_to_classify", "=", True)]
        [(count, share)] = Participation._read_group(
            domain, [], ["__count", "followup_classified:avg"]
        )
        self.assertEqual(count, 6)
        self.assertEqual(round(share), fair.expo_classified_share)
        self.assertEqual(Participation.search(domain), self.participations)

        left_out = Participation.search(
            [("fair_id", "=", fair.id), ("followup_to_classify", "=", False)]
        )
        self.assertEqual(left_out, invited | cancelled | association | lost)
        self.assertEqual(
            (self.participations | left_out).mapped("followup_to_classify"),
            [True] * 6 + [False] * 4,
        )
