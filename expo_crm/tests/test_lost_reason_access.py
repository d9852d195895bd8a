from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ExpoCrmCommon


@tagged("post_install", "-at_install")
class TestLostReasonAccess(ExpoCrmCommon):
    """Why a relationship was lost is for Exhibitions users only."""

    def test_lost_reason_hidden_from_plain_and_portal_users(self):
        portal = new_test_user(self.env, "expo_portal", groups="base.group_portal")
        partner = self._partner("Lost Account Co.")
        for contact in (partner, portal.partner_id):
            self.env["expo.mark.lost"].create(
                {"partner_ids": [(6, 0, contact.ids)], "reason": "Moved to a competing fair"}
            ).action_confirm()
        # Exhibitions users read it.
        self.assertEqual(
            partner.with_user(self.user_expo).read(["expo_lost_reason"])[0]["expo_lost_reason"],
            "Moved to a competing fair",
        )
        # A plain employee reads contacts, not this field.
        self.assertEqual(partner.with_user(self.user_plain).read(["name"])[0]["name"],
                         "Lost Account Co.")
        with self.assertRaises(AccessError):
            partner.with_user(self.user_plain).read(["expo_lost_reason"])
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.user_plain).search(
                [("expo_lost_reason", "!=", False)]
            )
        # A portal user reads its own contact, not this field.
        own = portal.partner_id.with_user(portal)
        self.assertEqual(own.read(["name"])[0]["name"], portal.partner_id.name)
        with self.assertRaises(AccessError):
            own.read(["expo_lost_reason"])
        # The contact form still opens for a plain employee, without the field.
        views = self.env["res.partner"].with_user(self.user_plain).get_views([(False, "form")])
        self.assertNotIn("expo_lost_reason", views["views"]["form"]["arch"])
        self.assertNotIn("expo_lost_reason", views["models"]["res.partner"]["fields"])
