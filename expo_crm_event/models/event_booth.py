from collections import defaultdict

from odoo import api, fields, models

SYNC_FIELDS = {"partner_id", "event_id", "state", "name", "booth_category_id"}


class EventBooth(models.Model):
    _inherit = "event.booth"

    expo_participation_id = fields.Many2one(
        "expo.participation",
        string="Exhibitor participation",
        compute="_compute_expo_participation_id",
        help="The exhibitor participation of the renter in the fair linked to the event.",
    )

    def _compute_expo_participation_id(self):
        keys = self._expo_keys()
        found = {}
        if keys:
            for participation in self.env["expo.participation"].sudo().search(
                [
                    ("role_id", "=", self.env.ref("expo_crm.role_exhibitor").id),
                    ("fair_id", "in", list({fair for fair, _p in keys})),
                    ("partner_id", "in", list({partner for _f, partner in keys})),
                ]
            ):
                found[(participation.fair_id.id, participation.partner_id.id)] = participation.id
        for booth in self:
            booth.expo_participation_id = found.get(
                (booth.event_id.expo_fair_id.id, booth.partner_id.id)
            )

    @api.model_create_multi
    def create(self, vals_list):
        booths = super().create(vals_list)
        booths._expo_sync_participations()
        return booths

    def write(self, vals):
        sync = bool(SYNC_FIELDS & set(vals))
        before = self._expo_keys() if sync else set()
        res = super().write(vals)
        if sync:
            self._expo_sync_participations(before)
        return res

    def unlink(self):
        keys = self._expo_keys()
        res = super().unlink()
        self.env["event.booth"]._expo_sync_keys(keys)
        return res

    def _expo_keys(self):
        return {
            (booth.event_id.expo_fair_id.id, booth.partner_id.id)
            for booth in self
            if booth.event_id.expo_fair_id and booth.partner_id
        }

    def _expo_sync_participations(self, extra_keys=()):
        return self._expo_sync_keys(self._expo_keys() | set(extra_keys))

    @api.model
    def _expo_sync_keys(self, keys):
        """Bring the exhibitor participation of each (fair id, partner id) of
        ``keys`` in line with the booths the contact rents at the fair's event
        (state "unavailable" with the contact as renter): registered with the
        booths' names, total area and total fee; cancelled when none is left."""
        if not keys:
            return self.env["expo.participation"], self.env["expo.participation"]
        booths = self.sudo().search(
            [
                ("event_id.expo_fair_id", "in", list({fair for fair, _p in keys})),
                ("partner_id", "in", list({partner for _f, partner in keys})),
                ("state", "=", "unavailable"),
            ],
            order="name, id",
        )
        rented = defaultdict(self.browse)
        for booth in booths:
            key = (booth.event_id.expo_fair_id.id, booth.partner_id.id)
            if key in keys:
                rented[key] |= booth
        values = {}
        for key in keys:
            key_booths = rented.get(key)
            if not key_booths:
                values[key] = {"state": "cancelled"}
                continue
            values[key] = {
                "state": "registered",
                "booth": ", ".join(key_booths.mapped("name")),
                "area_sqm": sum(b.booth_category_id.expo_area_sqm for b in key_booths),
                "fee_amount": sum(b.booth_category_id._expo_fee() for b in key_booths),
            }
        return self.env["expo.participation"]._expo_event_sync(
            self.env.ref("expo_crm.role_exhibitor"), values
        )
