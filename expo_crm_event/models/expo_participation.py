from collections import defaultdict

from odoo import api, fields, models

# The states a sync may move a participation up to (never down: a contact
# marked attended at the fair stays attended); "cancelled" always applies,
# and a cancelled participation takes any state again.
STATE_RANK = {"invited": 1, "registered": 2, "attended": 3, "no_show": 3}


class ExpoParticipation(models.Model):
    _inherit = "expo.participation"

    source = fields.Selection(
        selection_add=[("event", "Odoo Events")], ondelete={"event": "set default"}
    )

    @api.model
    def _expo_event_sync(self, role, values_by_key):
        """Create or update one participation per (fair id, partner id) key of
        ``values_by_key`` in ``role`` (there is one per partner, fair and
        role): batched, and idempotent (only the values that differ are
        written; a key to cancel without a participation creates nothing)."""
        if not values_by_key:
            return self.browse(), self.browse()
        participations = self.sudo()
        fair_ids = list({fair_id for fair_id, _partner_id in values_by_key})
        partner_ids = list({partner_id for _fair_id, partner_id in values_by_key})
        existing = {
            (p.fair_id.id, p.partner_id.id): p
            for p in participations.search(
                [
                    ("role_id", "=", role.id),
                    ("fair_id", "in", fair_ids),
                    ("partner_id", "in", partner_ids),
                ]
            )
        }
        to_create = []
        to_write = defaultdict(participations.browse)
        for key, values in values_by_key.items():
            participation = existing.get(key)
            if not participation:
                if values.get("state") != "cancelled":
                    to_create.append(
                        dict(
                            values,
                            fair_id=key[0],
                            partner_id=key[1],
                            role_id=role.id,
                            source="event",
                        )
                    )
                continue
            changes = participation._expo_sync_changes(values)
            if changes:
                to_write[tuple(sorted(changes.items()))] |= participation
        created = participations.create(to_create) if to_create else participations.browse()
        written = participations.browse()
        for changes, records in to_write.items():
            records.write(dict(changes))
            written |= records
        return created, written

    def _expo_sync_changes(self, values):
        self.ensure_one()
        changes = {
            name: value for name, value in values.items()
            if name != "state" and self[name] != value
        }
        state = values.get("state")
        if state and state != self.state and (
            state == "cancelled"
            or self.state == "cancelled"
            or STATE_RANK[state] > STATE_RANK[self.state]
        ):
            changes["state"] = state
        return changes
