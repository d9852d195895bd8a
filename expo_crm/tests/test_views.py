from odoo.tests import Form, tagged

from .common import ExpoCrmCommon


@tagged("post_install", "-at_install")
class TestViews(ExpoCrmCommon):
    """Every form opens and its onchanges run; every action's views load."""

    def test_fair_form_fills_organizer_and_edition(self):
        form = Form(self.env["expo.fair"].with_user(self.user_expo))
        form.name = "Test Machinery Fair 2028"
        form.series_id = self.series
        self.assertEqual(form.organizer_id, self.organizer)
        form.date_begin = "2028-05-10"
        form.date_end = "2028-05-13"
        self.assertEqual(form.edition_number, 6)
        self.assertEqual(form.previous_fair_id, self.ed_2027)
        fair = form.save()
        self.assertEqual(fair.state, "planned")
        self.assertEqual(fair.organizer_id, self.organizer)
        self.assertEqual(fair.company_id, self.env.company)

    def test_series_form(self):
        form = Form(self.env["expo.series"].with_user(self.user_manager))
        form.name = "Test Textile Week"
        form.organizer_id = self.organizer
        form.periodicity = "biannual"
        series = form.save()
        self.assertEqual(series.fair_count, 0)
        self.assertEqual(self.series.fair_count, 5)

    def test_participation_form(self):
        partner = self._partner("Form Filled Co.")
        form = Form(self.env["expo.participation"].with_user(self.user_expo))
        form.partner_id = partner
        form.fair_id = self.ed_2026
        form.role_id = self.role_visitor
        form.buyer_function = "purchasing_manager"
        form.state = "attended"
        participation = form.save()
        self.assertEqual(participation.company_id, self.ed_2026.company_id)
        self.assertEqual(participation.series_id, self.series)
        self.assertEqual(participation.user_id, self.user_expo)
        self.assertEqual(participation.display_name, "Form Filled Co. at Test Machinery Fair 2026")
        self.assertTrue(partner.expo_stage)

    def test_role_form(self):
        form = Form(self.env["expo.role"].with_user(self.user_manager))
        form.name = "Speaker"
        form.code = "speaker"
        self.assertEqual(form.save().code, "speaker")

    def test_partner_form_exhibition_tab(self):
        form = Form(self.env["res.partner"].with_user(self.user_expo))
        form.name = "Tab Added Co."
        form.expo_role_ids.add(self.role_exhibitor)
        with form.expo_participation_ids.new() as line:
            line.fair_id = self.ed_2026
            line.role_id = self.role_exhibitor
            line.state = "attended"
            line.area_sqm = 18
        partner = form.save()
        self.assertEqual(partner.expo_participation_count, 1)
        self.assertEqual(partner.expo_attended_count, 1)
        self.assertEqual(partner.expo_stage, "confirmation")
        # Setting the stage on the form is a manual, locked change.
        form = Form(partner.with_user(self.user_expo))
        form.expo_stage = "trust"
        form.save()
        self.assertTrue(partner.expo_stage_locked)
        action = partner.action_expo_view_participations()
        self.assertEqual(
            self.env["expo.participation"].search(action["domain"]), partner.expo_participation_ids
        )
        action = partner.action_expo_view_stage_history()
        self.assertEqual(
            self.env["expo.stage.history"].search(action["domain"]).mapped("stage_to"),
            ["trust", "confirmation"],
        )

    def test_mark_lost_form(self):
        partner = self._partner("Wizard Target Co.")
        form = Form(
            self.env["expo.mark.lost"].with_context(default_partner_ids=partner.ids)
        )
        form.reason = "Company closed"
        form.save().action_confirm()
        self.assertEqual(partner.expo_stage, "dissolution")

    def test_settings_form(self):
        # Only administrators change settings (Odoo rule); admin is an Expo manager.
        form = Form(self.env["res.config.settings"].with_user(self.env.ref("base.user_admin")))
        self.assertEqual(form.expo_active_window_months, 18)
        self.assertEqual(form.expo_dissolution_window_months, 24)
        self.assertEqual(form.expo_decline_ratio, 0.5)
        self.assertTrue(form.expo_weakening_activity)
        form.expo_dissolution_window_months = 30
        form.save().execute()
        self.assertEqual(
            self.env["ir.config_parameter"].sudo().get_param("expo_crm.dissolution_window_months"), "30"
        )

    def test_stage_history_form(self):
        partner = self._partner("History Form Co.", expo_role_ids=[self.role_media.id])
        history = self._history(partner)
        form = Form(history.with_user(self.user_manager))
        self.assertEqual(form.stage_to, "cultivation")
        self.assertEqual(form.partner_id, partner)

    def test_every_action_loads_its_views(self):
        data = self.env["ir.model.data"].search(
            [("module", "=", "expo_crm"), ("model", "=", "ir.actions.act_window")]
        )
        actions = self.env["ir.actions.act_window"].browse(data.mapped("res_id"))
        self.assertGreaterEqual(len(actions), 8)
        for action in actions:
            with self.subTest(action=action.name):
                views = [(view_id, view_type) for view_id, view_type in action.views]
                views.append((action.search_view_id.id, "search"))
                model = self.env[action.res_model].with_user(self.env.ref("base.user_admin"))
                result = model.get_views(views, {"toolbar": True, "load_filters": True})
                self.assertEqual(
                    set(result["views"]), {view_type for _id, view_type in views}
                )
                for view_type, view in result["views"].items():
                    self.assertTrue(view["arch"], f"{action.name}: empty {view_type} view")
