from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .common import LoyaltyCase

AGED = ("expo_participation", "expo_fair", "expo_satisfaction", "expo_relation_cost",
        "expo_relationship")


@tagged("post_install", "-at_install")
class TestNightlyRun(LoyaltyCase):
    """The nightly cron recomputes the contacts whose data changed and
    re-ranks everyone else from their stored figures: the result is the
    one of a full recompute."""

    def setUp(self):
        super().setUp()
        self.Loyalty = self.env["expo.loyalty"]
        # A referrer, two exhibitors and a visitor with a survey and a cost.
        self.p1 = self.partner("Nightly Big Exhibitor")
        self.p2 = self.partner("Nightly Small Exhibitor")
        self.p3 = self.partner("Nightly Visitor", expo_referred_by_id=self.p1.id)
        self.p4 = self.partner("Nightly Surveyed")
        self.attend(self.p1, self.e2 | self.e3 | self.e4, fee=30_000)
        self.attend(self.p2, self.e4, fee=5_000)
        self.attend(self.p3, self.e4, role=self.role_visitor)
        self.survey(self.attend(self.p4, self.e3, fee=2_000), overall=2)
        self.cost(self.p4, 500)

    def age(self):
        """Everything written so far was written before the previous run
        (the test's rows all carry its transaction's time)."""
        self.env.flush_all()
        for table in AGED:
            self.env.cr.execute(
                f"UPDATE {table} SET write_date = write_date - interval '2 days'"  # noqa: S608
            )
        self.env.invalidate_all()

    def nightly(self):
        """Run the cron; returns the contacts it recomputed (None: all of
        them) and whether the others kept their figures."""
        Loyalty = type(self.Loyalty)
        calls = []
        recompute = Loyalty._recompute

        def spy(records, partner_ids=None, keep_others=False, fair_ids=None):
            calls.append((None if partner_ids is None else set(partner_ids), keep_others))
            return recompute(records, partner_ids, keep_others, fair_ids)

        with patch.object(Loyalty, "_recompute", spy):
            self.Loyalty._cron()
        self.assertEqual(len(calls), 1)
        self.env.invalidate_all()
        return calls[0]

    def assert_as_full_run(self):
        self.assertEqual(self.Fair._expo_recompute_edition_stats(), 0,
                         "every edition's figures are up to date")
        self.assertEqual(self.Loyalty._recompute(), 0, "a full recompute finds nothing to change")

    def test_changed_contacts_only_and_everyone_reranked(self):
        self.age()
        self.assertEqual(self.nightly(), (None, False), "the first run recomputes everything")
        share_before = self.rel(self.p1).expo_value_share
        self.assertEqual(self.nightly(), (set(), True), "nothing changed: nobody recomputed")
        # p2 wins a big booth; p4's survey and cost are deleted.
        self.attend(self.p2, self.e3, fee=60_000)
        self.p4.expo_relationship_ids.expo_satisfaction_ids.unlink()
        self.p4.expo_relationship_ids.expo_relation_cost_ids.unlink()
        looked_at, kept = self.nightly()
        self.assertTrue(kept)
        self.assertEqual(looked_at, {self.p2.id, self.p4.id})
        self.assertEqual(self.rel(self.p2).expo_revenue, 65_000)
        self.assertEqual(self.rel(self.p2).expo_pareto_tier, "A")
        self.assertLess(self.rel(self.p1).expo_value_share, share_before,
                        "p1 is re-ranked without being recomputed")
        self.assertFalse(self.rel(self.p4).expo_satisfaction_count)
        self.assertFalse(self.rel(self.p4).expo_cost_total)
        self.assert_as_full_run()

    def test_deleted_participation(self):
        self.p4.expo_relationship_ids.expo_satisfaction_ids.unlink()
        self.age()
        self.nightly()
        self.Participation.search([("partner_id", "=", self.p4.id)]).unlink()
        looked_at, kept = self.nightly()
        self.assertTrue(kept)
        self.assertIn(self.p4.id, looked_at)
        self.assertFalse(self.rel(self.p4).expo_revenue)
        self.assert_as_full_run()

    def test_fair_cancelled_recomputes_its_attendees(self):
        self.age()
        self.nightly()
        self.e4.state = "cancelled"
        looked_at, kept = self.nightly()
        self.assertTrue(kept)
        self.assertTrue({self.p1.id, self.p2.id, self.p3.id} <= looked_at)
        self.assertFalse(self.rel(self.p2).expo_revenue, "its only edition was cancelled")
        self.assert_as_full_run()

    def test_referrers_follow_their_referrals(self):
        self.age()
        self.nightly()
        self.assertEqual(self.rel(self.p1).expo_recommendation_count, 1)
        self.p3.expo_referred_by_id = self.p2
        looked_at, _kept = self.nightly()
        self.assertTrue({self.p1.id, self.p2.id, self.p3.id} <= looked_at)
        self.assertEqual(self.rel(self.p1).expo_recommendation_count, 0)
        self.assertEqual(self.rel(self.p2).expo_recommendation_count, 1)
        self.assert_as_full_run()

    def test_an_edition_that_starts_recomputes_its_series(self):
        self.Fair.create({
            "name": "Loyalty Test Fair next week", "series_id": self.series.id,
            "date_begin": self.today + timedelta(days=1),
            "date_end": self.today + timedelta(days=3), "state": "planned",
        })
        self.age()
        self.nightly()
        retention = self.rel(self.p1).expo_retention_probability
        with freeze_time(self.today + timedelta(days=2)):
            looked_at, kept = self.nightly()
            self.assertTrue(kept)
            self.assertTrue({self.p1.id, self.p2.id, self.p3.id, self.p4.id} <= looked_at)
            self.assertLess(self.rel(self.p1).expo_retention_probability, retention,
                            "one more edition held, not attended")
            self.assert_as_full_run()

    def test_full_run_after_a_setting_or_a_week(self):
        self.age()
        self.nightly()
        self.env["ir.config_parameter"].sudo().set_param("expo_crm_loyalty.pareto_a", "70")
        self.assertEqual(self.nightly(), (None, False), "a setting changed")
        self.assertEqual(self.nightly()[1], True)
        with freeze_time(self.today + timedelta(days=7)):
            self.assertEqual(self.nightly(), (None, False), "a week later")
