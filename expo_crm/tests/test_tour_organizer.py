from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestTourOrganizer(HttpCase):
    """The organizer's flow in a real browser (tour ``expo_organizer_tour``):
    create the next edition of a series, add participations from the form,
    read the overview, drag a contact between lifecycle columns, read its
    stage history. The database is checked after the tour."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        today = fields.Date.today()
        cls.organizer = env["res.partner"].create(
            {"name": "Harbour Authority Events (tour)", "is_company": True}
        )
        cls.series = env["expo.series"].create(
            {"name": "Harbour Tools Expo (tour)", "organizer_id": cls.organizer.id}
        )
        cls.first_edition = env["expo.fair"].create(
            {
                "name": "Harbour Tools Expo (tour) 1",
                "series_id": cls.series.id,
                "date_begin": today - relativedelta(months=13),
                "date_end": today - relativedelta(months=13) + relativedelta(days=3),
                "state": "closed",
            }
        )
        role_exhibitor = env.ref("expo_crm.role_exhibitor")
        cls.returning = env["res.partner"].create(
            {
                "name": "Tourmaline Valves (tour)",
                "is_company": True,
                "expo_role_ids": [(4, role_exhibitor.id)],
            }
        )
        env["expo.participation"].create(
            {
                "partner_id": cls.returning.id,
                "fair_id": cls.first_edition.id,
                "role_id": role_exhibitor.id,
                "state": "attended",
            }
        )
        cls.newcomer = env["res.partner"].create(
            {
                "name": "Quillon Buyers (tour)",
                "is_company": True,
                "expo_role_ids": [(4, env.ref("expo_crm.role_trade_visitor").id)],
            }
        )

    def test_organizer_tour(self):
        self.assertEqual(self.returning.expo_stage, "confirmation")
        self.assertEqual(self.newcomer.expo_stage, "cultivation")

        self.start_tour("/odoo", "expo_organizer_tour", login="admin")

        fair = self.env["expo.fair"].search([("name", "=", "Harbour Tools Expo (tour) 2")])
        self.assertEqual(len(fair), 1)
        self.assertEqual(fair.series_id, self.series)
        self.assertEqual(fair.organizer_id, self.organizer)
        self.assertEqual(fair.city, "Qingdao")
        self.assertEqual(fair.previous_fair_id, self.first_edition)
        self.assertEqual(fair.edition_number, 2)
        self.assertEqual((fair.date_end - fair.date_begin).days, 3)
        self.assertLess(abs((fields.Date.today() - fair.date_begin).days - 20), 2)
        self.assertEqual(
            sorted(fair.participation_ids.mapped(lambda p: (p.partner_id.name, p.role_id.code, p.state))),
            [
                ("Quillon Buyers (tour)", "trade_visitor", "attended"),
                ("Tourmaline Valves (tour)", "exhibitor", "attended"),
            ],
        )
        self.assertEqual(fair.participation_ids.filtered("booth").booth, "3.1-A08")
        self.assertEqual((fair.new_partner_count, fair.returning_partner_count), (1, 1))

        # The automatic rules, then the drag and drop in the kanban.
        self.assertEqual(self.returning.expo_stage, "trust")
        self.assertFalse(self.returning.expo_stage_locked)
        self.assertEqual(self.newcomer.expo_stage, "trust")
        self.assertTrue(self.newcomer.expo_stage_locked)
        history = self.env["expo.stage.history"].search(
            [("partner_id", "=", self.newcomer.id)], order="id asc"
        )
        self.assertEqual(
            history.mapped(lambda h: (h.stage_from or False, h.stage_to, h.rule)),
            [
                (False, "cultivation", history[0].rule),
                ("cultivation", "confirmation", history[1].rule),
                ("confirmation", "trust", "manual"),
            ],
        )
        self.assertNotEqual(history[1].rule, "manual")
        self.assertEqual(history[2].user_id, self.env.ref("base.user_admin"))
