"""An upgrade from the previous version keeps every stage and every history
row, now on the relationship of the contact's company.

``tools/test.sh`` installs the previous version of the addons (the commit in
``PREVIOUS_VERSION``) with its demo data, saves what it knows of the
relationships (``snapshot.sql``), upgrades the database with this version,
then runs this file on it (``EXPO_UPGRADE_SNAPSHOT`` names the saved file).
"""

import json
import os

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestUpgradeKeepsRelationships(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with open(os.environ["EXPO_UPGRADE_SNAPSHOT"], encoding="utf-8") as snapshot:
            cls.before = json.load(snapshot)

    def _now(self):
        Relationship = self.env["expo.relationship"]
        stages = {
            str(rel.partner_id.id): [rel.stage, rel.stage_locked, rel.lost_reason or None,
                                     rel.attended_count]
            for rel in Relationship.search([("stage", "!=", False)])
        }
        history = [
            [h.partner_id.id, h.stage_from or None, h.stage_to or None, h.rule,
             h.date.strftime("%Y-%m-%d %H:%M:%S"), h.days_in_previous_stage]
            for h in self.env["expo.stage.history"].search([], order="id")
        ]
        return stages, history

    def test_same_stages_and_history_after_the_upgrade(self):
        self.assertTrue(self.before["stages"], "the previous version's demo data has stages")
        stages, history = self._now()
        self.assertEqual(stages, self.before["stages"])
        self.assertEqual(history, self.before["history"])
        # Every history row belongs to a relationship of the contact.
        rows = self.env["expo.stage.history"].search([])
        self.assertEqual(rows.relationship_id.partner_id, rows.partner_id)
        self.assertEqual(rows.company_id, rows.relationship_id.company_id)

    def test_loyalty_judgements_and_tiers_kept(self):
        """Trust, belonging, the value scores and the referrer entered by hand
        are on the relationship of the contact's company, the Pareto tier the
        same."""
        judgements = self.before.get("judgements")
        self.assertTrue(judgements, "the previous version's demo data has judgements")
        Relationship = self.env["expo.relationship"]
        fields = ["expo_trust", "expo_belonging", "expo_demonstration_value",
                  "expo_capability_value", "expo_referred_by_id", "expo_pareto_tier"]
        now = {}
        for rel in Relationship.search([("partner_id", "in", [int(p) for p in judgements])]):
            values = rel.read(fields)[0]
            row = []
            for name in fields:
                value = values[name]
                value = value[0] if isinstance(value, tuple) else value
                row.append(None if value is False else value)
            now[str(rel.partner_id.id)] = row
        self.assertEqual(now, judgements)

    def test_the_daily_run_after_the_upgrade_changes_nothing(self):
        changes = self.env["expo.lifecycle"]._cron()
        self.assertEqual(changes, 0)
        stages, history = self._now()
        self.assertEqual(stages, self.before["stages"])
        self.assertEqual(len(history), len(self.before["history"]))
