from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestTourDemoFairPhone(HttpCase):
    """On a phone-sized screen (390×844, touch), on the demo fair itself:
    the overview's classified count before and after, one card per contact,
    the classes as buttons, a card ticked for a class
    set in bulk, Apply (tour ``expo_demo_fair_phone_tour``)."""

    browser_size = "390x844"
    touch_enabled = True

    def test_demo_fair_on_a_phone(self):
        fair = self.env.ref("expo_crm.demo_fair_machinery_2")
        nordwerk = self.env["res.partner"].search([("name", "=", "Nordwerk Präzision GmbH")])
        chen = self.env["res.partner"].search([("name", "=", "Chen Wei")])
        classified_before = fair.expo_classified_count
        self.assertLess(classified_before, fair.expo_to_classify_count)
        self.start_tour(
            f"/odoo/action-expo_crm.expo_fair_action/{fair.id}",
            "expo_demo_fair_phone_tour",
            login="admin",
        )
        fair.invalidate_recordset()
        self.assertEqual(fair.expo_classified_count, fair.expo_to_classify_count)
        followups = self.env["expo.followup"].search([("fair_id", "=", fair.id)])
        self.assertEqual(len(followups), len(set(followups.partner_id.ids)), "one per contact")
        self.assertEqual(len(followups.filtered(lambda f: f.partner_id == nordwerk)), 1)
        chen_followup = followups.filtered(lambda f: f.partner_id == chen)
        self.assertEqual(chen_followup.class_id.code, "D", "the class chosen on the card")
        baoshan = followups.filtered(lambda f: f.partner_id.name.startswith("Baoshan"))
        self.assertEqual(baoshan.class_id.code, "C", "the class set for the ticked card")
