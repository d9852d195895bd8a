from collections import defaultdict

from freezegun import freeze_time

from odoo.tests import tagged

from ..tools.stages import RUN_STATE_PARAM
from .common import TODAY, ExpoCrmCommon

# Upper bound of the queries of one cron run that changes stages, writes
# history and schedules weakening activities for 200 partners (23 with
# expo_crm alone; addons extending the engine add a few).
CRON_QUERIES = 40


@tagged("post_install", "-at_install", "is_query_count")
class TestCronPerformance(ExpoCrmCommon):
    """The daily cron is set-based: its query count does not grow with the
    number of partners (aggregate query, batched writes)."""

    def _build(self, size, tag):
        """Insert ``size`` companies and their participations with plain SQL.

        Five profiles, one partner in five each: invited to the next edition
        (cultivation), attended the last one (confirmation), the last two
        (trust), the two before the last (weakening: skipped an edition, an
        activity is due), and one fair long ago (dissolution)."""
        cr = self.env.cr
        uid = self.env.uid
        cr.execute(
            """
            INSERT INTO res_partner (name, complete_name, active, is_company, type,
                                     create_uid, write_uid, create_date, write_date)
            SELECT %(tag)s || ' ' || g, %(tag)s || ' ' || g, TRUE, TRUE, 'contact',
                   %(uid)s, %(uid)s, now(), now()
              FROM generate_series(1, %(size)s) AS g
         RETURNING id
            """,
            {"tag": tag, "uid": uid, "size": size},
        )
        partner_ids = [row[0] for row in cr.fetchall()]
        # (profile, fair, state): profile = rank of the partner modulo 5
        plan = [
            (0, self.ed_2027, "invited"),
            (1, self.ed_2026, "attended"),
            (2, self.ed_2025, "attended"),
            (2, self.ed_2026, "attended"),
            (3, self.ed_2024, "attended"),
            (3, self.ed_2025, "attended"),
            (4, self.solo_2024_03, "attended"),
        ]
        for profile, fair, state in plan:
            cr.execute(
                """
                INSERT INTO expo_participation
                       (partner_id, fair_id, role_id, role_code, series_id, fair_date,
                        state, source, area_sqm, fee_amount, user_id, company_id,
                        create_uid, write_uid, create_date, write_date)
                SELECT p.id, %(fair)s, %(role)s, 'exhibitor', %(series)s, %(date)s,
                       %(state)s, 'import', 18, 6000, %(uid)s, %(company)s,
                       %(uid)s, %(uid)s, now(), now()
                  FROM unnest(%(ids)s::int[]) WITH ORDINALITY AS p(id, rank)
                 WHERE (p.rank - 1) %% 5 = %(profile)s
                """,
                {
                    "fair": fair.id,
                    "role": self.role_exhibitor.id,
                    "series": fair.series_id.id or None,
                    "date": fair.date_begin,
                    "state": state,
                    "uid": self.user_expo.id,
                    "company": fair.company_id.id,
                    "ids": partner_ids,
                    "profile": profile,
                },
            )
        self.env.invalidate_all()
        return self.env["res.partner"].browse(partner_ids)

    def _full_cron(self):
        """The cron's full run (the data is loaded in SQL, which its daily
        runs do not look for: its weekly run does)."""
        self.env["ir.config_parameter"].sudo().set_param(RUN_STATE_PARAM, False)
        return self._cron()

    def _run_cron_counting(self):
        self.env["ir.config_parameter"].sudo().set_param(RUN_STATE_PARAM, False)
        self.env.invalidate_all()
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        changes = self._cron()
        self.env.flush_all()
        return changes, self.env.cr.sql_log_count - before

    @freeze_time(TODAY)
    def test_cron_query_count_is_bounded(self):
        self._full_cron()  # settle whatever else the database holds on this date
        # Warm the caches (parameters, xml ids, subtypes) on a first batch.
        self._build(10, "Perf warm-up")
        self._full_cron()
        small = self._build(200, "Perf small")
        changes_small, queries_small = self._run_cron_counting()
        self.assertEqual(changes_small, 200)
        self.assertLessEqual(queries_small, CRON_QUERIES)

        # A hundred times the partners: the same queries, plus those of the
        # ORM's batches (a thousand records each) when it creates the
        # weakening activities and reads the relationships - never a query
        # per partner (that would be 20,000 more).
        large = self._build(20000, "Perf large")
        changes_large, queries_large = self._run_cron_counting()
        self.assertEqual(changes_large, 20000)
        self.assertLessEqual(queries_large, queries_small + 10 * (20000 // 1000))

        stages = defaultdict(int)
        for partner in large:
            stages[partner.expo_stage] += 1
        self.assertEqual(
            dict(stages),
            {"cultivation": 4000, "confirmation": 4000, "trust": 4000,
             "weakening": 4000, "dissolution": 4000},
        )
        self.assertEqual(small[:5].mapped("expo_attended_count"), [0, 1, 2, 2, 1])
        self.assertEqual(
            small[:5].mapped("expo_stage"),
            ["cultivation", "confirmation", "trust", "weakening", "dissolution"],
        )
        # First computed in weakening: no activity (nobody moved there).
        self.assertFalse(
            self.env["mail.activity"].search_count(
                [("res_model", "=", "expo.relationship"),
                 ("res_id", "in", large.expo_relationship_ids.ids)]
            )
        )
        self.assertEqual(
            self.env["expo.stage.history"].search_count([("partner_id", "in", large.ids)]), 20000
        )
        # Nothing changes on a second run: one aggregate query, no write.
        changes, queries_idle = self._run_cron_counting()
        self.assertEqual(changes, 0)
        self.assertLess(queries_idle, queries_small)

        # A year later the 2027 edition has been held: the confirmed and
        # trusted partners skipped it and move into weakening, each with an
        # activity for its owner - created through mail.activity in batches
        # of a thousand, never a query per partner.
        with freeze_time("2027-06-15"):
            changes_later, queries_later = self._run_cron_counting()
        moved = large.filtered(lambda p: p.expo_stage == "weakening")
        self.assertEqual(len(moved), 8000)
        self.assertGreaterEqual(changes_later, 8000)
        self.assertLessEqual(queries_later, queries_small + 20 * (20000 // 1000))
        relationships = moved.expo_relationship_id
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "expo.relationship"), ("res_id", "in", relationships.ids)]
        )
        self.assertEqual(len(activities), 8000)
        self.assertEqual(activities.user_id, self.user_expo)
        self.assertEqual(relationships[0].activity_ids.res_name, moved[0].display_name)
        self.assertIn(self.user_expo.partner_id, relationships[0].message_partner_ids)
