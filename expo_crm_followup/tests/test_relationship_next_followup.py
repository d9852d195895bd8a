from odoo.tests import tagged

from .common import ExpoFollowupCommon


@tagged("post_install", "-at_install")
class TestRelationshipNextFollowup(ExpoFollowupCommon):
    def test_next_followup_of_the_relationships_company_only(self):
        fair_b_company = self.env["res.company"].create({"name": "Other Fair Co."})
        followups = self._classify(
            {self.p_signed: self.class_a, self.p_catalogue: self.class_d}
        )
        self.assertEqual(len(followups), 2)
        first = followups.sorted(lambda f: (f.due_date, f.id))[0]
        partner = first.partner_id
        relationship = partner._expo_ensure_relationship()
        self.assertEqual(relationship.next_followup_id, first)
        self.assertEqual(relationship.next_followup_class_id, first.class_id)
        other = partner._expo_ensure_relationship(fair_b_company)
        self.assertFalse(other.next_followup_id)
