from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSmoke(TransactionCase):
    def test_roles(self):
        self.assertIn("exhibitor", self.env["expo.role"].search([]).mapped("code"))
