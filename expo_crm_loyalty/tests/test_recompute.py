from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..models.expo_fair import EDITION_COLUMNS
from ..tools.figures import LOYALTY_FIELDS
from .common import LoyaltyCase

# Statements of one recompute, whatever the number of contacts: the missing
# relationships (1 INSERT), their figures (1 UPDATE) and the edition figures
# (1 UPDATE).
RECOMPUTE_QUERIES = 3


@tagged("post_install", "-at_install")
class TestRecompute(LoyaltyCase):
    def population(self, size):
        """``size`` contacts with fees, a cost, surveys and a trust score."""
        partners = self.Partner.create(
            [{"name": f"Bulk {size}-{i}", "expo_trust": str(1 + i % 5)} for i in range(size)]
        )
        participations = self.Participation.create(
            [
                {
                    "partner_id": partner.id,
                    "fair_id": fair.id,
                    "role_id": self.role_exhibitor.id,
                    "state": "attended",
                    "fee_amount": 1000 * (1 + i % 7),
                }
                for i, partner in enumerate(partners)
                for fair in (self.e3, self.e4)[: 1 + i % 2]
            ]
        )
        self.Satisfaction.create(
            [
                {
                    "participation_id": participation.id,
                    "overall": 1 + i % 5,
                    "concept": 3, "behaviour": 3, "visual": 3, "product": 3, "service": 3,
                    "expectation": 3, "experience": 1 + i % 5,
                    "would_recommend": i % 11,
                    "return_intent": 1 + i % 5,
                }
                for i, participation in enumerate(participations)
            ]
        )
        self.Cost.create(
            [{"partner_id": partner.id, "amount": 100 * i, "date": self.e3.date_begin}
             for i, partner in enumerate(partners)]
        )
        return partners

    def snapshot(self, partners):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id, write_date, {} FROM expo_relationship"
            " WHERE partner_id = ANY(%s) ORDER BY id".format(", ".join(LOYALTY_FIELDS)),
            [partners.ids],
        )
        return self.env.cr.fetchall()

    def test_recompute_idempotent(self):
        partners = self.population(12)
        self.assertEqual(self.recompute(partners), 12, "first run writes every contact")
        before = self.snapshot(partners)
        self.assertTrue(all(row[2] for row in before), "all in the population")
        self.assertEqual(self.recompute(partners), 0, "second run writes nothing")
        self.assertEqual(self.snapshot(partners), before)
        # The next night: the days since the last attended edition move on
        # (computed when read), nothing is written.
        days = self.rel(partners[0]).expo_rfm_recency_days
        with freeze_time(self.today + timedelta(days=1)):
            self.assertEqual(self.recompute(partners), 0, "a day later, nothing to write")
            self.env.invalidate_all()
            self.assertEqual(
                self.rel(partners[0]).expo_rfm_recency_days,
                days + 1,
            )
        self.assertEqual(self.snapshot(partners), before)
        self.assertEqual(self.Fair._expo_recompute_edition_stats(), 0)
        # A change is picked up, and only the contacts it concerns are
        # written: a belonging score moves that contact's loyalty only.
        partners[0].expo_belonging = "5"
        self.assertEqual(self.recompute(partners), 1)
        self.assertEqual(self.snapshot(partners)[1:], before[1:])

    def test_query_count_independent_of_partner_count(self):
        small = self.population(3)
        large = self.population(40)
        # Warm the caches (settings, groups) once.
        self.recompute(small)
        self.env.flush_all()
        with self.assertQueryCount(RECOMPUTE_QUERIES):
            self.recompute(small)
        # A run that changes figures tells their contacts (one more query).
        self.recompute(small | large)
        with self.assertQueryCount(RECOMPUTE_QUERIES):
            self.recompute(small | large)
        # Every contact of the database: still the same statements (the
        # first full run re-ranks the other relationships of the company).
        self.env["expo.loyalty"]._recompute()
        with self.assertQueryCount(RECOMPUTE_QUERIES):
            self.env["expo.loyalty"]._recompute()

    def test_removed_data_empties_figures(self):
        partner = self.partner("Gone")
        participation = self.attend(partner, self.e4, fee=500)
        self.recompute(partner)
        self.assertEqual(self.rel(partner).expo_pareto_tier, "A")
        participation.unlink()
        self.recompute(partner)
        self.assertEqual(
            self.raw(partner, "expo_loyalty_scope", "expo_pareto_tier", "expo_economic_value",
                     "expo_rfm_cell"),
            (None, None, None, None),
        )

    def test_cron_button_and_server_action(self):
        partner = self.partner("Button")
        self.attend(partner, self.e4, fee=900)
        action = self.env["expo.loyalty"].action_recompute()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("Tier A", action["params"]["message"])
        self.assertTrue(self.rel(partner).expo_pareto_tier, "the whole database was recomputed")
        cron = self.env.ref("expo_crm_loyalty.ir_cron_expo_loyalty_recompute")
        self.assertEqual(cron.code.strip(), "model._cron()")
        self.assertEqual(self.env["expo.loyalty"]._cron(), 0, "nothing left to do")
        # The scheduled action itself runs as its own user.
        self.env["res.partner"].browse(partner.id).write({"expo_belonging": "4"})
        cron.method_direct_trigger()
        self.assertEqual(self.rel(partner).expo_relationship_quality, 75.0, "s(4) = 75")
        server_action = self.env.ref("expo_crm_loyalty.action_expo_loyalty_recompute")
        result = server_action.run()
        self.assertEqual(result["tag"], "display_notification")
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.action_expo_loyalty_recompute()["tag"], "display_notification")

    def test_settings_validation(self):
        settings = self.env["res.config.settings"].create(
            {"expo_loyalty_pareto_a": 97, "expo_loyalty_pareto_b": 95}
        )
        with self.assertRaisesRegex(ValidationError, "Pareto thresholds"):
            settings.execute()
        settings = self.env["res.config.settings"].create({"expo_loyalty_discount_rate": 0})
        with self.assertRaisesRegex(ValidationError, "discount rate"):
            settings.execute()
        settings = self.env["res.config.settings"].create(
            {"expo_loyalty_pareto_a": 70, "expo_loyalty_horizon_years": 8}
        )
        settings.execute()
        get_param = self.env["ir.config_parameter"].sudo().get_param
        self.assertEqual(float(get_param("expo_crm_loyalty.pareto_a")), 70.0)
        self.assertEqual(int(get_param("expo_crm_loyalty.horizon_years")), 8)

    def test_edition_figures_follow_participations(self):
        partner = self.partner("Exhibitor")
        p3, p4 = self.attend(partner, self.e3 | self.e4)
        self.assertEqual(self.e4.expo_retention_rate, 100.0)
        p4.state = "no_show"
        self.assertEqual(self.e4.expo_retention_rate, 0.0)
        self.assertEqual(self.e4.expo_churned_exhibitor_count, 1)
        p3.unlink()
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT expo_retention_rate, expo_prev_exhibitor_count FROM expo_fair WHERE id = %s",
            [self.e4.id],
        )
        # Nobody exhibited at e3 any more: no rate (not 0 %).
        self.assertEqual(self.env.cr.fetchone(), (None, 0))
        # Moving an edition changes its previous edition: e4 now follows e2.
        self.e3.write({"date_begin": self.e5.date_begin, "date_end": self.e5.date_end})
        p2 = self.attend(partner, self.e2)
        self.assertEqual(self.e4.expo_prev_exhibitor_count, 1)
        self.assertEqual(self.e4.expo_churned_exhibitor_count, 1, "p4 is a no-show at e4")
        self.assertEqual(p2.fair_id.expo_exhibitors_attended, 1)
        self.assertEqual(len(EDITION_COLUMNS), len({name for name, _type in EDITION_COLUMNS}))

    def test_reports_render(self):
        partner = self.partner("Reported", expo_trust="4")
        p3, p4 = self.attend(partner, self.e3 | self.e4, fee=2_000)
        self.survey(p3, overall=5)
        self.survey(p4, overall=2)
        self.cost(partner, 300)
        self.recompute(partner)
        report = self.env["ir.actions.report"]
        html = report._render_qweb_html(
            "expo_crm_loyalty.report_expo_partner_relationship", partner.ids
        )[0].decode()
        self.assertIn("Relationship report", html)
        self.assertIn("Satisfaction trend", html)
        self.assertIn("Loyalty Test Fair", html)
        html = report._render_qweb_html(
            "expo_crm_loyalty.report_expo_edition_retention", self.e4.ids
        )[0].decode()
        self.assertIn("Edition retention report", html)
        self.assertIn("100.0", html)  # re-exhibit rate of e4
