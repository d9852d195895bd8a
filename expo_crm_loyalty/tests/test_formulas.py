"""Every formula against a case computed by hand (the arithmetic is in the
comments). The fixtures' series has editions e1..e4 held 4..1 years (and a
month) ago and e5 planned; d = 10 %, T = 5, thresholds 60 / 50 (defaults)."""

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import LoyaltyCase


@tagged("post_install", "-at_install")
class TestParetoTiers(LoyaltyCase):
    def test_pareto_with_ties(self):
        # Economic value = fees − costs:
        #   p1 50,000  p2 30,000  p3 10,000  p4 5,000  p5 5,000 (tie with p4)
        #   p6 1,000 − 3,000 = −2,000    p7 0 (a visitor without fee)
        # Positive total = 50 + 30 + 10 + 5 + 5 = 100,000.
        # "before" = Σ of the values strictly greater than the contact's:
        #   p1 0 (0 %) → A     p2 50,000 (50 %) → A    p3 80,000 (80 %, not < 80 %) → B
        #   p4 90,000 (90 %) → B   p5 90,000 too (the tie is excluded) → B,
        #   where without the tie rule p5 would have 95,000 (95 %) → C.
        #   p6 (≤ 0) → C       p7 (0) → C
        fees = [50_000, 30_000, 10_000, 5_000, 5_000, 1_000, 0]
        partners = self.Partner
        for index, fee in enumerate(fees, start=1):
            partner = self.partner(f"Pareto {index}")
            self.attend(partner, self.e4, fee=fee)
            partners |= partner
        self.cost(partners[5], 3_000)
        self.recompute(partners)
        self.assertEqual(self.rel(partners).mapped("expo_pareto_tier"), ["A", "A", "B", "B", "B", "C", "C"])
        # Share of value = max(value, 0) / 100,000 × 100.
        self.assertEqual(self.rel(partners).mapped("expo_value_share"), [50.0, 30.0, 10.0, 5.0, 5.0, 0.0, 0.0])
        self.assertEqual(self.rel(partners[5]).expo_economic_value, -2_000.0)
        # Economic value score = 100 × max(value, 0) / largest value (50,000).
        self.assertEqual(
            self.rel(partners).mapped("expo_value_economic"), [100.0, 60.0, 20.0, 10.0, 10.0, 0.0, 0.0]
        )

    def test_pareto_single_partner(self):
        # One contact: nothing before it (0 % < 80 %) → A, with all the value.
        partner = self.partner("Alone")
        self.attend(partner, self.e4, fee=1_200)
        self.recompute(partner)
        self.assertEqual(self.rel(partner).expo_pareto_tier, "A")
        self.assertEqual(self.rel(partner).expo_value_share, 100.0)
        self.assertEqual(self.rel(partner).expo_economic_value, 1_200.0)

    def test_pareto_thresholds_from_settings(self):
        # With A at 50 %: p1 (before 0 %) → A, p2 (before 60 %) → B (< 95 %),
        # p3 (before 60 + 30 = 90 %) → B.   Values 60 / 30 / 10.
        self.env["ir.config_parameter"].sudo().set_param("expo_crm_loyalty.pareto_a", 50)
        partners = self.Partner
        for index, fee in enumerate([60, 30, 10], start=1):
            partner = self.partner(f"Threshold {index}")
            self.attend(partner, self.e4, fee=fee)
            partners |= partner
        self.recompute(partners)
        self.assertEqual(self.rel(partners).mapped("expo_pareto_tier"), ["A", "B", "B"])


@tagged("post_install", "-at_install")
class TestRfm(LoyaltyCase):
    def test_rfm_fewer_than_five(self):
        # n = 3 attended contacts; score = 5 − ⌊5·b / 3⌋, b = contacts strictly better.
        #   q1: e2, e3, e4, 1,000 each → last e4, F 3, M 3,000
        #   q2: e3 only, 5,000         → last e3, F 1, M 5,000
        #   q3: e1, e4, 500 each       → last e4, F 2, M 1,000
        # Recency: q1 and q3 tie on e4 (b = 0) → 5 and 5; q2 (b = 2) → 5 − ⌊10/3⌋ = 2.
        # Frequency: q1 (b = 0) → 5; q3 (b = 1) → 5 − ⌊5/3⌋ = 4; q2 (b = 2) → 2.
        # Monetary: q2 (b = 0) → 5; q1 (b = 1) → 4; q3 (b = 2) → 2.
        q1, q2, q3 = (self.partner(f"RFM {i}") for i in (1, 2, 3))
        self.attend(q1, self.e2 | self.e3 | self.e4, fee=1_000)
        self.attend(q2, self.e3, fee=5_000)
        self.attend(q3, self.e1 | self.e4, fee=500)
        self.recompute(q1 | q2 | q3)
        self.assertEqual((self.rel(q1).expo_rfm_recency, self.rel(q1).expo_rfm_frequency, self.rel(q1).expo_rfm_monetary), (5, 5, 4))
        self.assertEqual(self.rel(q1).expo_rfm_cell, "554")
        self.assertEqual(self.rel(q2).expo_rfm_cell, "225")
        self.assertEqual(self.rel(q3).expo_rfm_cell, "542")
        # Recency in days since the end of the last attended edition.
        self.assertEqual(self.rel(q1).expo_rfm_recency_days, (self.today - self.e4.date_end).days)
        self.assertEqual(self.rel(q2).expo_rfm_recency_days, (self.today - self.e3.date_end).days)

    def test_rfm_single_partner_and_quintiles(self):
        # n = 1: nobody is better → 5, 5, 5.
        alone = self.partner("RFM alone")
        self.attend(alone, self.e1, fee=10)
        self.recompute(alone)
        self.assertEqual(self.rel(alone).expo_rfm_cell, "555")
        # n = 5 distinct monetary values: b = 0..4 → 5 − ⌊5b/5⌋ = 5, 4, 3, 2, 1.
        partners = self.Partner
        for index, fee in enumerate([500, 400, 300, 200, 100]):
            partner = self.partner(f"Quintile {index}")
            self.attend(partner, self.e4, fee=fee)
            partners |= partner
        self.recompute(partners)
        self.assertEqual(self.rel(partners).mapped("expo_rfm_monetary"), [5, 4, 3, 2, 1])
        # Same recency and frequency for all five: all tie for the best → 5.
        self.assertEqual(set(self.rel(partners).mapped("expo_rfm_recency")), {5})
        self.assertEqual(set(self.rel(partners).mapped("expo_rfm_frequency")), {5})


@tagged("post_install", "-at_install")
class TestRetentionAndClv(LoyaltyCase):
    def test_retention_with_skipped_edition(self):
        # Editions held: e1, e2, e3, e4 (e5 is planned, it does not count).
        #   r1: e1, e3, e4 (skipped e2) → held since e1: 4 → r = 3/4 = 0.75
        #   r2: e2, e4                 → held since e2: 3 → r = 2/3
        #   r4: e3, e4                 → held since e3: 2 → r = 2/2 = 1
        #   r5: e3                     → held since e3: 2 → r = 1/2
        r1, r2, r4, r5 = (self.partner(f"Retention {i}") for i in (1, 2, 4, 5))
        self.attend(r1, self.e1 | self.e3 | self.e4)
        self.attend(r2, self.e2 | self.e4)
        self.attend(r4, self.e3 | self.e4)
        self.attend(r5, self.e3)
        self.recompute(r1 | r2 | r4 | r5)
        self.assertEqual(self.rel(r1).expo_retention_probability, 0.75)
        self.assertAlmostEqual(self.rel(r2).expo_retention_probability, 2 / 3)
        self.assertEqual(self.rel(r4).expo_retention_probability, 1.0)
        self.assertEqual(self.rel(r5).expo_retention_probability, 0.5)
        # Repeat rate = (attended − 1) / (held − 1): r1 came back to 2 of the
        # 3 editions after its first → behavioural 66.67; r5 to 0 of 1 → 0.
        self.assertEqual((self.rel(r1).expo_repeat_count, self.rel(r1).expo_repeat_opportunities), (2, 3))
        self.assertAlmostEqual(self.rel(r1).expo_loyalty_behavioural, 200 / 3)
        self.assertEqual(self.rel(r5).expo_loyalty_behavioural, 0.0)
        self.assertEqual(self.rel(r4).expo_loyalty_behavioural, 100.0)
        # Re-exhibit rate per edition (all four exhibit):
        #   e1 {r1}          first edition → no rate, 1 new
        #   e2 {r2}          vs e1 {r1}: 0 of 1 back → 0 %, churned r1, new r2
        #   e3 {r1, r4, r5}  vs e2 {r2}: 0 of 1 back → 0 %, churned r2, new 3
        #   e4 {r1, r2, r4}  vs e3 {r1, r4, r5}: 2 of 3 back → 66.67 %, churned r5, new r2
        self.assertFalse(self.raw_fair(self.e1, "expo_retention_rate"))
        self.assertEqual(self.e1.expo_new_exhibitor_count, 1)
        self.assertEqual(self.e2.expo_retention_rate, 0.0)
        self.assertEqual(self.e3.expo_new_exhibitor_count, 3)
        self.assertEqual(self.e4.expo_prev_exhibitor_count, 3)
        self.assertEqual(self.e4.expo_returning_exhibitor_count, 2)
        self.assertEqual(self.e4.expo_churned_exhibitor_count, 1)
        self.assertEqual(self.e4.expo_new_exhibitor_count, 1)
        self.assertAlmostEqual(self.e4.expo_retention_rate, 200 / 3)
        self.assertEqual(self.e4._expo_churned_exhibitor_ids(), r5.ids)
        action = self.e4.action_expo_view_churned()
        self.assertEqual(self.Partner.search(action["domain"]), r5)
        # The planned edition has no rate yet (it has not started).
        self.assertIsNone(self.raw_fair(self.e5, "expo_retention_rate"))

    def raw_fair(self, fair, name):
        self.env.flush_all()
        self.env.cr.execute(f"SELECT {name} FROM expo_fair WHERE id = %s", [fair.id])
        return self.env.cr.fetchone()[0]

    def test_clv_closed_form_and_finite_sum(self):
        # c1 attends e1, e3, e4 (skipped e2) at 12,000 each, and costs 6,000
        # in e3's year:
        #   revenue = 36,000, cost = 6,000, economic value = 30,000
        #   active years = e4's year − e1's year + 1 = 4 → m = 30,000 / 4 = 7,500
        #   profitability rate = (36,000 − 6,000) / 6,000 × 100 = 500 %
        #   r = 3/4 = 0.75 (4 editions held since e1), d = 0.10
        # Closed form: m·r / (1 + d − r) = 7,500 × 0.75 / 0.35 = 5,625 / 0.35 = 16,071.43
        # Finite sum, T = 5: Σ 7,500 × 0.75^(t−1) / 1.1^t
        #   t=1 7,500 / 1.1                 = 6,818.18
        #   t=2 5,625 / 1.21                = 4,648.76
        #   t=3 4,218.75 / 1.331            = 3,169.61
        #   t=4 3,164.0625 / 1.4641         = 2,161.10
        #   t=5 2,373.046875 / 1.61051      = 1,473.48   → 18,271.12
        c1 = self.partner("CLV")
        self.attend(c1, self.e1 | self.e3 | self.e4, fee=12_000)
        self.cost(c1, 6_000, when=self.e3.date_begin, fair=self.e3)
        self.recompute(c1)
        self.assertEqual(self.rel(c1).expo_revenue, 36_000.0)
        self.assertEqual(self.rel(c1).expo_cost_total, 6_000.0)
        self.assertEqual(self.rel(c1).expo_economic_value, 30_000.0)
        self.assertEqual(self.rel(c1).expo_economic_value_year, 7_500.0)
        self.assertEqual(self.rel(c1).expo_profitability_rate, 500.0)
        self.assertEqual(self.rel(c1).expo_retention_probability, 0.75)
        self.assertAlmostEqual(self.rel(c1).expo_clv, 16_071.428571, places=5)
        self.assertAlmostEqual(self.rel(c1).expo_clv_horizon, 18_271.124131, places=5)
        self.assertEqual(self.rel(c1).expo_clv_band, "3_10k_100k")
        # Horizon and discount rate come from the settings: T = 1, d = 0.2 →
        # 7,500 / 1.2 = 6,250; closed form 5,625 / (1.2 − 0.75) = 12,500.
        set_param = self.env["ir.config_parameter"].sudo().set_param
        set_param("expo_crm_loyalty.horizon_years", 1)
        set_param("expo_crm_loyalty.discount_rate", 20)
        self.recompute(c1)
        self.assertAlmostEqual(self.rel(c1).expo_clv_horizon, 6_250.0)
        self.assertAlmostEqual(self.rel(c1).expo_clv, 12_500.0)


@tagged("post_install", "-at_install")
class TestSatisfactionFigures(LoyaltyCase):
    def test_nps_and_distribution(self):
        # Ten surveys at e4:
        #   would recommend 10 10 9 9 8 7 6 2 10 9
        #   promoters (9–10): 6, passives (7–8): 2, detractors (0–6): 2
        #   NPS = 6/10 × 100 − 2/10 × 100 = 60 − 20 = 40
        #   overall 5 5 4 4 4 3 3 1 5 4 → mean 38 / 10 = 3.8;
        #   counts: 1 → 1, 2 → 0, 3 → 2, 4 → 4, 5 → 3
        recommend = [10, 10, 9, 9, 8, 7, 6, 2, 10, 9]
        overall = [5, 5, 4, 4, 4, 3, 3, 1, 5, 4]
        for index, (score, nps) in enumerate(zip(overall, recommend, strict=True)):
            partner = self.partner(f"NPS {index}")
            participation = self.attend(partner, self.e4, role=self.role_visitor)
            self.survey(participation, overall=score, would_recommend=nps)
        fair = self.e4
        self.assertEqual(fair.expo_satisfaction_count, 10)
        self.assertEqual(fair.expo_promoter_count, 6)
        self.assertEqual(fair.expo_detractor_count, 2)
        self.assertEqual(fair.expo_nps, 40.0)
        self.assertAlmostEqual(fair.expo_satisfaction_avg, 3.8)
        self.assertEqual(
            [fair[f"expo_satisfaction_{score}"] for score in range(1, 6)], [1, 0, 2, 4, 3]
        )
        # An edition without surveys has no NPS (NULL, not 0).
        self.env.cr.execute("SELECT expo_nps FROM expo_fair WHERE id = %s", [self.e3.id])
        self.assertIsNone(self.env.cr.fetchone()[0])

    def test_satisfaction_gap(self):
        # gap = experience − expectation: 2 − 4 = −2, then 5 − 4 = +1.
        partner = self.partner("Gap")
        survey = self.survey(self.attend(partner, self.e4), expectation=4, experience=2)
        self.assertEqual(survey.gap, -2)
        survey.experience = 5
        self.assertEqual(survey.gap, 1)
        # NPS class of would-recommend 8: passive; 9: promoter; 6: detractor.
        self.assertEqual(survey.nps_class, "passive")
        survey.would_recommend = 9
        self.assertEqual(survey.nps_class, "promoter")
        survey.would_recommend = 6
        self.assertEqual(survey.nps_class, "detractor")

    def test_latest_previous_and_falling(self):
        # Surveys at e3 (overall 4) then e4 (overall 2): latest 2 < previous 4 → falling.
        partner = self.partner("Falling")
        p3, p4 = self.attend(partner, self.e3 | self.e4)
        self.survey(p3, overall=4)
        self.survey(p4, overall=2)
        self.recompute(partner)
        self.assertEqual(self.rel(partner).expo_satisfaction_last, 2)
        self.assertEqual(self.rel(partner).expo_satisfaction_previous, 4)
        self.assertTrue(self.rel(partner).expo_satisfaction_falling)
        self.assertEqual(self.rel(partner).expo_satisfaction_avg, 3.0)
        self.assertEqual(self.rel(partner).expo_satisfaction_count, 2)


@tagged("post_install", "-at_install")
class TestLoyaltySegments(LoyaltyCase):
    def test_four_corners(self):
        # s(x) = (x − 1) × 25. Behaviour = 100 × (attended − 1) / (held − 1).
        # Thresholds: attitude 60, behaviour 50.
        # TRUE: e3, e4 → 1 of 1 later edition → B 100. Trust 5, belonging 5,
        #   survey 5 / intent 5 / NPS 10: Q = (100 + 100 + 100)/3 = 100,
        #   cognitive (100 + 100)/2 = 100, affective 100, conative (100 + 100)/2 = 100
        #   → attitude 100; index (100 + 100)/2 = 100.
        # LATENT: e2 only → 0 of 2 later editions → B 0. Trust 4, belonging 4,
        #   survey 4 / intent 4 / NPS 9: Q = 75, cognitive 75, affective 75,
        #   conative (75 + 90)/2 = 82.5 → attitude (75 + 75 + 82.5)/3 = 77.5;
        #   index (77.5 + 0)/2 = 38.75.
        # SPURIOUS: e2, e3, e4 → 2 of 2 → B 100. Trust 2, belonging 1, survey 2 /
        #   intent 2 / NPS 3: Q = (25 + 0 + 25)/3 = 16.67, cognitive (25 + 16.67)/2
        #   = 20.83, affective 25, conative (25 + 30)/2 = 27.5 → attitude 24.44;
        #   index (24.44 + 100)/2 = 62.22.
        # NONE: e2 only → 0 of 2 → B 0. Trust 1, no belonging, survey 1 / intent 1 / NPS 0: Q = (0 + 0)/2 = 0,
        #   cognitive 0, affective 0, conative 0 → attitude 0; index 0.
        cases = {
            "true": (self.e3 | self.e4, "5", "5", (5, 5, 10)),
            "latent": (self.e2, "4", "4", (4, 4, 9)),
            "spurious": (self.e2 | self.e3 | self.e4, "2", "1", (2, 2, 3)),
            "none": (self.e2, "1", False, (1, 1, 0)),
        }
        partners = {}
        for segment, (fairs, trust, belonging, (overall, intent, nps)) in cases.items():
            partner = self.partner(
                f"Corner {segment}", expo_trust=trust, expo_belonging=belonging
            )
            participation = self.attend(partner, fairs)[-1]
            self.survey(participation, overall=overall, return_intent=intent, would_recommend=nps)
            partners[segment] = partner
        self.recompute(self.Partner.concat(*partners.values()))
        for segment, partner in partners.items():
            self.assertEqual(self.rel(partner).expo_loyalty_segment, segment, segment)
        true, latent, spurious, none = (partners[key] for key in cases)
        self.assertEqual(self.rel(true).expo_loyalty_attitude, 100.0)
        self.assertEqual(self.rel(true).expo_loyalty_index, 100.0)
        self.assertAlmostEqual(self.rel(latent).expo_loyalty_conative, 82.5)
        self.assertAlmostEqual(self.rel(latent).expo_loyalty_attitude, 77.5)
        self.assertEqual(self.rel(latent).expo_loyalty_behavioural, 0.0)
        self.assertAlmostEqual(self.rel(latent).expo_loyalty_index, 38.75)
        self.assertEqual(self.rel(spurious).expo_loyalty_behavioural, 100.0)
        self.assertAlmostEqual(self.rel(spurious).expo_relationship_quality, 50 / 3)
        self.assertAlmostEqual(self.rel(spurious).expo_loyalty_cognitive, (25 + 50 / 3) / 2)
        self.assertAlmostEqual(self.rel(spurious).expo_loyalty_affective, 25.0)
        self.assertAlmostEqual(self.rel(spurious).expo_loyalty_attitude, ((25 + 50 / 3) / 2 + 25 + 27.5) / 3)
        self.assertAlmostEqual(self.rel(spurious).expo_loyalty_index, (((25 + 50 / 3) / 2 + 52.5) / 3 + 100) / 2)
        self.assertEqual(self.rel(none).expo_loyalty_attitude, 0.0)
        self.assertEqual(self.rel(none).expo_loyalty_index, 0.0)
        # A first-timer at the latest edition had no chance to come back yet:
        # no behaviour (NULL, 0 later editions), hence no segment.
        newcomer = self.partner("Newcomer", expo_trust="5")
        self.survey(self.attend(newcomer, self.e4), overall=5)
        self.recompute(newcomer)
        self.assertEqual(self.rel(newcomer).expo_repeat_opportunities, 0)
        self.assertEqual(self.raw(newcomer, "expo_loyalty_behavioural", "expo_loyalty_segment"),
                         (None, None))
        self.assertEqual(self.rel(newcomer).expo_retention_probability, 1.0)
        # The thresholds are inclusive and come from the settings: with the
        # attitude threshold at 77.5 the latent contact stays latent, at 77.6
        # it has no loyalty.
        set_param = self.env["ir.config_parameter"].sudo().set_param
        set_param("expo_crm_loyalty.attitude_threshold", 77.5)
        self.recompute(self.Partner.concat(*partners.values()))
        self.assertEqual(self.rel(latent).expo_loyalty_segment, "latent")
        set_param("expo_crm_loyalty.attitude_threshold", 77.6)
        self.recompute(self.Partner.concat(*partners.values()))
        self.assertEqual(self.rel(latent).expo_loyalty_segment, "none")


@tagged("post_install", "-at_install")
class TestValueProfile(LoyaltyCase):
    def test_recommendation_and_value_score(self):
        # f1: fee 10,000, demonstration 5, capability 2; referred g1 (attended
        #     e4), g2 (attended e3) and g3 (only registered) → 2 referrals attended.
        # f2: fee 40,000; referred g4 (attended) → 1.
        # Largest value 40,000, largest referral count 2 (weights 40/20/20/20):
        #   f1: economic 100 × 10,000/40,000 = 25, demonstration 5 × 20 = 100,
        #       recommendation 100 × 2/2 = 100, capability 2 × 20 = 40
        #       score = (40×25 + 20×100 + 20×100 + 20×40) / 100 = 5,800 / 100 = 58
        #   f2: economic 100, demonstration 0, recommendation 50, capability 0
        #       score = (40×100 + 20×50) / 100 = 50
        f1 = self.partner("Referrer 1", expo_demonstration_value=5, expo_capability_value=2)
        f2 = self.partner("Referrer 2")
        self.attend(f1, self.e4, fee=10_000)
        self.attend(f2, self.e4, fee=40_000)
        g1, g2, g3 = (self.partner(f"Referred {i}", expo_referred_by_id=f1.id) for i in (1, 2, 3))
        g4 = self.partner("Referred 4", expo_referred_by_id=f2.id)
        self.attend(g1, self.e4, role=self.role_visitor)
        self.attend(g2, self.e3, role=self.role_visitor)
        self.attend(g3, self.e5, role=self.role_visitor, state="registered")
        self.attend(g4, self.e4, role=self.role_visitor)
        # h1 has only a trust score: value score without the economic term,
        # (20×0 + 20×0 + 20×0) / 60 = 0, and no economic figure at all.
        h1 = self.partner("Trust only", expo_trust="3")
        self.recompute(f1 | f2 | g1 | g2 | g3 | g4 | h1)
        self.assertEqual(self.rel(f1).expo_recommendation_count, 2)
        self.assertEqual(self.rel(f2).expo_recommendation_count, 1)
        self.assertEqual(
            (self.rel(f1).expo_value_economic, self.rel(f1).expo_value_demonstration,
             self.rel(f1).expo_value_recommendation, self.rel(f1).expo_value_capability),
            (25.0, 100.0, 100.0, 40.0),
        )
        self.assertAlmostEqual(self.rel(f1).expo_value_score, 58.0)
        self.assertAlmostEqual(self.rel(f2).expo_value_score, 50.0)
        self.assertEqual(self.rel(h1).expo_value_score, 0.0)
        self.assertTrue(self.rel(h1).expo_loyalty_scope)
        # No data, no figure: NULL in the database, not a zero that looks like data.
        self.assertEqual(
            self.raw(h1, "expo_economic_value", "expo_pareto_tier", "expo_rfm_cell",
                     "expo_clv", "expo_retention_probability", "expo_loyalty_segment"),
            (None, None, None, None, None, None),
        )
        # s(trust 3) = 50: quality 50, cognitive 50, attitude 50; no behaviour → no segment.
        self.assertEqual(self.rel(h1).expo_loyalty_cognitive, 50.0)
        self.assertEqual(self.raw(h1, "expo_loyalty_index"), 50.0)
        self.assertEqual(
            self.raw(g3, "expo_loyalty_scope", "expo_value_score", "expo_recommendation_count"),
            (None, None, None),
        )
        with self.assertRaisesRegex(ValidationError, "cannot have referred itself"):
            f1.expo_referred_by_id = f1
        # Weights from the settings: economic only → f1 = 25, f2 = 100.
        set_param = self.env["ir.config_parameter"].sudo().set_param
        for name in ("demonstration", "recommendation", "capability"):
            set_param(f"expo_crm_loyalty.weight_{name}", 0)
        self.recompute(f1 | f2 | g1 | g2 | g3 | g4 | h1)
        self.assertAlmostEqual(self.rel(f1).expo_value_score, 25.0)
        self.assertAlmostEqual(self.rel(f2).expo_value_score, 100.0)
