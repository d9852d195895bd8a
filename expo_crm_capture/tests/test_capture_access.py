from odoo.exceptions import AccessError, UserError

from .common import ExpoCaptureCommon


class TestCaptureAccess(ExpoCaptureCommon):
    def test_user_without_exhibition_rights_is_refused(self):
        Capture = self.env["expo.capture"].with_user(self.user_plain)
        with self.assertRaises(AccessError):
            Capture.expo_save_capture(self.fair.id, {"name": "Nobody"}, class_code="B")
        with self.assertRaises(AccessError):
            Capture.expo_capture_start(self.fair.id)
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Nobody")]))

    def test_other_company_fair_is_refused(self):
        with self.assertRaises(AccessError):
            self.Capture.expo_save_capture(self.other_fair.id, {"name": "Intruder"}, class_code="B")
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Intruder")]))
        start = self.Capture.expo_capture_start()
        self.assertNotIn(self.other_fair.id, [f["id"] for f in start["fairs"]])

    def test_client_uid_of_another_company_is_not_shared(self):
        self.user.write({"company_ids": [(4, self.other_company.id)]})
        mine = self.Capture.expo_save_capture(self.fair.id, {"name": "Same Uid"}, client_uid="shared")
        other = self.Capture.with_context(
            allowed_company_ids=[self.other_company.id, self.company.id]
        ).expo_save_capture(self.other_fair.id, {"name": "Same Uid"}, client_uid="shared")
        self.assertNotEqual(mine, other)
        self.assertEqual(other.company_id, self.other_company)

    def test_cancelled_fair_is_refused(self):
        self.fair.state = "cancelled"
        with self.assertRaises(UserError):
            self.Capture.expo_save_capture(self.fair.id, {"name": "Late"})
