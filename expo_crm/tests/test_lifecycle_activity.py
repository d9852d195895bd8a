from freezegun import freeze_time

from odoo import fields
from odoo.tests import Form, tagged

from .common import TODAY, ExpoCrmCommon


@tagged("post_install", "-at_install")
class TestLifecycleActivity(ExpoCrmCommon):
    """A relationship that weakens gives its owner an activity, in the owner's
    language, of the type the settings choose, or none when switched off."""

    @freeze_time(TODAY)
    def test_weakening_creates_activity_for_owner(self):
        partner = self._partner("Needs Attention Co.", user_id=self.user_manager.id)
        self._take_part(partner, self.solo_2024_10, area_sqm=54)
        self.assertEqual(partner.expo_stage, "confirmation")
        self.assertFalse(self._weakening_activities(partner))
        self._take_part(partner, self.solo_2025_01, area_sqm=9)
        self.assertEqual(partner.expo_stage, "weakening")
        activity = self._weakening_activities(partner)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_manager)
        self.assertEqual(activity.date_deadline, fields.Date.from_string("2026-06-18"))
        # Still weakening the next day: no second activity.
        self._cron()
        self.assertEqual(len(self._weakening_activities(partner)), 1)

    @freeze_time(TODAY)
    def test_weakening_activity_goes_to_participation_owner(self):
        partner = self._partner("No Salesperson Co.")
        with freeze_time("2025-06-01"):
            self._take_part(partner, self.ed_2024, user_id=self.user_expo.id)
            self._take_part(partner, self.ed_2025, user_id=self.user_expo.id)
            self.assertEqual(partner.expo_stage, "trust")
        self._cron()
        self.assertEqual(partner.expo_stage, "weakening")  # skipped 2026
        self.assertEqual(self._weakening_activities(partner).user_id, self.user_expo)

    @freeze_time(TODAY)
    def test_no_activity_for_a_relationship_first_computed_in_weakening(self):
        """Past fairs loaded at once (the first run, an import): the
        relationship starts in weakening, nobody is asked to act on it."""
        partner = self._partner("Loaded From History Co.", user_id=self.user_manager.id)
        self.env["expo.participation"].create(
            [
                {"partner_id": partner.id, "fair_id": fair.id,
                 "role_id": self.role_exhibitor.id, "state": "attended"}
                for fair in (self.ed_2024, self.ed_2025)
            ]
        )
        self.assertEqual(partner.expo_stage, "weakening")
        self.assertEqual(partner.expo_stage_history_ids.mapped("stage_from"), [False])
        self.assertFalse(self._weakening_activities(partner))

    @freeze_time(TODAY)
    def test_weakening_activity_in_the_owners_language(self):
        """The owner reads the activity's summary in their own language,
        whoever (or whichever cron) caused the change."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["expo_crm"], ["zh_CN"], overwrite=True)
        self.user_expo.lang = "zh_CN"
        chinese = self._partner("Chinese Owner Co.", user_id=self.user_expo.id)
        english = self._partner("English Owner Co.", user_id=self.user_manager.id)
        for partner in chinese | english:
            self._take_part(partner, self.solo_2024_10, area_sqm=54)
            self._take_part(partner, self.solo_2025_01, area_sqm=9)
        self.assertEqual(self._weakening_activities(chinese).summary, "查明客户关系弱化的原因")
        self.assertEqual(
            self._weakening_activities(english).summary,
            "Find out why this relationship is weakening",
        )

    @freeze_time(TODAY)
    def test_weakening_activity_can_be_switched_off(self):
        settings = self.env["res.config.settings"].create({})
        self.assertTrue(settings.expo_weakening_activity)
        settings.expo_weakening_activity = False
        settings.execute()
        self.assertFalse(self.env["res.config.settings"].create({}).expo_weakening_activity)
        partner = self._partner("Quietly Weakening Co.")
        self._take_part(partner, self.solo_2024_10, area_sqm=54)
        self._take_part(partner, self.solo_2025_01, area_sqm=9)
        self.assertEqual(partner.expo_stage, "weakening")
        self.assertFalse(self._weakening_activities(partner))

    @freeze_time(TODAY)
    def test_weakening_activity_type_is_a_setting(self):
        call = self.env.ref("mail.mail_activity_data_call")
        settings = Form(self.env["res.config.settings"])
        settings.expo_weakening_activity_type_id = call
        settings.save().execute()
        partner = self._partner("Call Them Co.")
        self._take_part(partner, self.solo_2024_10, area_sqm=54)
        self._take_part(partner, self.solo_2025_01, area_sqm=9)
        self.assertEqual(partner.expo_stage, "weakening")
        self.assertEqual(self._weakening_activities(partner).activity_type_id, call)
