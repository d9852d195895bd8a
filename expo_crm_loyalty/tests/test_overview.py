from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import LoyaltyCase


@tagged("post_install", "-at_install")
class TestLoyaltyOverview(LoyaltyCase):
    """The re-exhibit rate and the NPS in the overview of a fair open the
    records they are computed from."""

    def test_re_exhibit_rate_and_nps_links(self):
        kept = self.partner("Overview Kept Co.")
        lost = self.partner("Overview Lost Co.")
        newcomer = self.partner("Overview New Co.")
        self.attend(kept, self.e3 | self.e4)
        self.attend(lost, self.e3)
        participations = self.attend(newcomer, self.e4)
        # a visitor of both editions is not an exhibitor
        self.attend(self.partner("Overview Visitor"), self.e3 | self.e4, role=self.role_visitor)
        self.survey(participations, would_recommend=10)
        self.survey(self.e4.participation_ids.filtered(lambda p: p.partner_id == kept),
                    would_recommend=3)
        self.recompute(kept | lost | newcomer)
        self.assertEqual(self.e4.expo_retention_rate, 50.0)  # 1 of the 2 exhibitors of e3
        self.assertEqual(self.e4.expo_nps, 0.0)  # one promoter, one detractor
        action = self.e4.action_expo_view_re_exhibitors()
        re_exhibitors = self.Participation.search(action["domain"])
        self.assertEqual(re_exhibitors.partner_id, kept)
        self.assertEqual(re_exhibitors.fair_id, self.e4)
        surveys = self.Satisfaction.search(self.e4.action_expo_view_satisfaction()["domain"])
        self.assertEqual(len(surveys), 2)
        # a first edition has no previous one: nothing to open, no rate
        self.assertFalse(self.Participation.search(self.e1.action_expo_view_re_exhibitors()["domain"]))
        self.assertFalse(self.e1.expo_retention_rate)

    def test_value_and_loyalty_on_a_phone_lists_the_most_valuable_first(self):
        """A phone opens the action's kanban: one list, the most valuable
        relationship first, not the lifecycle's stage columns."""
        small = self.partner("Phone Small Co.")
        big = self.partner("Phone Big Co.")
        self.attend(small, self.e3, fee=1000.0)
        self.attend(big, self.e3 | self.e4, fee=9000.0)
        self.recompute(small | big)
        action = self.env.ref("expo_crm_loyalty.expo_relationship_action_expo_value")
        kanban = action.view_ids.filtered(lambda v: v.view_mode == "kanban").view_id
        Relationship = self.env["expo.relationship"]
        arch = etree.fromstring(Relationship.get_view(kanban.id, "kanban")["arch"])
        self.assertFalse(arch.get("default_group_by"), "no stage columns")
        mine = Relationship.search(
            safe_eval(action.domain) + [("partner_id", "in", (small | big).ids)],
            order=arch.get("default_order"),
        )
        self.assertEqual(mine.partner_id.mapped("name"), ["Phone Big Co.", "Phone Small Co."])
