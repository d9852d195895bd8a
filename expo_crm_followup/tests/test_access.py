from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ExpoFollowupCommon


@tagged("post_install", "-at_install")
class TestFollowupAccess(ExpoFollowupCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.p_other = cls._contact("Olga Others", owner=cls.user_other, samples_requested=True)
        cls.followups = cls.env["expo.followup"]._expo_schedule(
            cls._set_classes({cls.p_signed: cls.class_a, cls.p_samples: cls.class_b,
                              cls.p_other: cls.class_b})
        )

    @classmethod
    def _set_classes(cls, mapping):
        for participation, fclass in mapping.items():
            participation.followup_class_id = fclass
        return cls.env["expo.participation"].browse([p.id for p in mapping])

    def test_user_without_group_is_refused(self):
        Followup = self.env["expo.followup"].with_user(self.user_plain)
        with self.assertRaises(AccessError):
            Followup.search([])
        with self.assertRaises(AccessError):
            self.followups[0].with_user(self.user_plain).read(["state"])
        with self.assertRaises(AccessError):
            self.env["expo.classify.wizard"].with_user(self.user_plain).create({})
        with self.assertRaises(AccessError):
            self.fair.with_user(self.user_plain).action_expo_classify()

    def test_user_sees_and_sends_only_own_followups(self):
        mine = self.env["expo.followup"].with_user(self.user_owner).search(
            [("fair_id", "=", self.fair.id)]
        )
        self.assertEqual(mine.participation_id, self.p_signed | self.p_samples)
        theirs = self.followups.filtered(lambda f: f.user_id == self.user_other)
        self.assertEqual(len(theirs), 1)
        with self.assertRaises(AccessError):
            theirs.with_user(self.user_owner).read(["state"])
        with self.assertRaises(AccessError):
            theirs.with_user(self.user_owner).action_send_now()
        self.assertEqual(theirs.state, "scheduled")
        # Users cannot delete follow-ups, even their own.
        with self.assertRaises(AccessError):
            mine[0].with_user(self.user_owner).unlink()
        # The classes are read-only for users.
        with self.assertRaises(AccessError):
            self.class_a.with_user(self.user_owner).write({"delay_hours": 1})
        # But a user may classify a colleague's contact: the follow-up stays
        # the colleague's.
        self.env["expo.followup"].with_user(self.user_owner)._expo_schedule(
            self._set_classes({self.p_other: self.class_c}).with_user(self.user_owner)
        )
        self.assertEqual(theirs.class_id, self.class_c)
        self.assertEqual(theirs.user_id, self.user_other)

    def test_manager_sees_all(self):
        seen = self.env["expo.followup"].with_user(self.user_manager).search(
            [("fair_id", "=", self.fair.id)]
        )
        self.assertEqual(seen, self.followups)
        self.class_a.with_user(self.user_manager).write({"delay_hours": 12})
        self.assertEqual(self.class_a.delay_hours, 12)

    def test_multi_company(self):
        company_2 = self.env["res.company"].create({"name": "Valves Europe GmbH"})
        fair_2 = self.env["expo.fair"].create(
            {"name": "Hannover Valve Days", "date_begin": "2026-03-02",
             "date_end": "2026-03-05", "company_id": company_2.id}
        )
        p_2 = self._contact("Hans Hanover", fair=fair_2, owner=self.user_manager)
        p_2.followup_class_id = self.class_b
        followup_2 = self.env["expo.followup"]._expo_schedule(p_2)
        self.assertEqual(followup_2.company_id, company_2)
        # The manager is not in the second company: not visible.
        seen = self.env["expo.followup"].with_user(self.user_manager).search([])
        self.assertNotIn(followup_2, seen)
        self.user_manager.company_ids |= company_2
        seen = self.env["expo.followup"].with_user(self.user_manager).with_context(
            allowed_company_ids=[self.company.id, company_2.id]
        ).search([])
        self.assertIn(followup_2, seen)

    def test_failed_only_retry(self):
        followup = self.followups.filtered(lambda f: f.participation_id == self.p_samples)
        with self.assertRaises(UserError):
            followup.with_user(self.user_owner).action_retry()
