from datetime import datetime, time

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ExpoFair(models.Model):
    _inherit = "expo.fair"

    expo_event_ids = fields.One2many("event.event", "expo_fair_id", string="Linked events")
    expo_event_id = fields.Many2one(
        "event.event",
        string="Event",
        compute="_compute_expo_event_id",
        inverse="_inverse_expo_event_id",
        store=True,
        index="btree_not_null",
        copy=False,
        help="The event in Odoo Events where this fair's registrations and booths "
        "are sold: its registrations become trade visitors and its rented booths "
        "exhibitors of this fair.",
    )

    expo_registration_count = fields.Integer(
        compute="_compute_expo_event_counts",
        string="Registrations",
        help="Registrations of the linked event, cancelled ones included.",
    )
    expo_booth_count = fields.Integer(
        compute="_compute_expo_event_counts",
        string="Rented booths",
        help="Booths of the linked event rented to a contact.",
    )

    def _compute_expo_event_counts(self):
        events = self.expo_event_id
        registrations = dict(
            self.env["event.registration"].sudo()._read_group(
                [("event_id", "in", events.ids)], ["event_id"], ["__count"]
            )
        )
        booths = dict(
            self.env["event.booth"].sudo()._read_group(
                [
                    ("event_id", "in", events.ids),
                    ("partner_id", "!=", False),
                    ("state", "=", "unavailable"),
                ],
                ["event_id"],
                ["__count"],
            )
        )
        for fair in self:
            fair.expo_registration_count = registrations.get(fair.expo_event_id, 0)
            fair.expo_booth_count = booths.get(fair.expo_event_id, 0)

    @api.depends("expo_event_ids")
    def _compute_expo_event_id(self):
        for fair in self:
            fair.expo_event_id = fair.expo_event_ids[:1]

    def _inverse_expo_event_id(self):
        # The event's "Fair" field is the single source of truth: writing it
        # recomputes this field on both the new and the previous fair.
        for fair in self:
            (fair.expo_event_ids - fair.expo_event_id).write({"expo_fair_id": False})
            if fair.expo_event_id and fair.expo_event_id.expo_fair_id != fair:
                fair.expo_event_id.expo_fair_id = fair

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------

    def _expo_event_values(self):
        self.ensure_one()
        tz = self.env.user.tz or "UTC"

        def utc(day, hour):
            local = pytz.timezone(tz).localize(datetime.combine(day, time(hour)))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        values = {
            "name": self.name,
            "date_tz": tz,
            "date_begin": utc(self.date_begin, 9),
            "date_end": utc(self.date_end, 18),
            "user_id": self.user_id.id,
            "company_id": self.company_id.id,
            "expo_fair_id": self.id,
        }
        address = self._expo_venue_address()
        if address:
            values["address_id"] = address.id
        if self.organizer_id:
            values["organizer_id"] = self.organizer_id.id
        return values

    def _expo_venue_address(self):
        """The venue as an address for the event: an existing contact of that
        name in that city, else a new one."""
        self.ensure_one()
        partners = self.env["res.partner"]
        name = self.venue or self.city
        if not name:
            return partners
        address = partners.search(
            [("name", "=", name), ("city", "=", self.city or False)], limit=1
        )
        return address or partners.create(
            {
                "name": name,
                "is_company": True,
                "city": self.city,
                "country_id": self.country_id.id,
            }
        )

    def action_expo_create_event(self):
        """Create the event in Odoo Events (name, dates from 9:00 to 18:00 in
        the user's time zone, venue, organizer, responsible) and link it."""
        self.ensure_one()
        if not self.expo_event_id:
            self.env["event.event"].create(self._expo_event_values())
        return self.action_expo_view_event()

    def action_expo_view_event(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Event"),
            "res_model": "event.event",
            "view_mode": "form",
            "res_id": self.expo_event_id.id,
        }

    def action_expo_view_registrations(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Registrations"),
            "res_model": "event.registration",
            "view_mode": "list,form",
            "domain": [("event_id", "=", self.expo_event_id.id)],
            "context": {"default_event_id": self.expo_event_id.id},
        }

    def action_expo_view_booths(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Rented booths"),
            "res_model": "event.booth",
            "view_mode": "list,form",
            "domain": [
                ("event_id", "=", self.expo_event_id.id),
                ("partner_id", "!=", False),
                ("state", "=", "unavailable"),
            ],
            "context": {"default_event_id": self.expo_event_id.id},
        }

    def action_expo_sync_event(self):
        """Bring the event's registrations and booths into the fair again
        (idempotent: only what differs is written)."""
        if not self.expo_event_id:
            raise UserError(_("Link an event to the fair first."))
        created, written = self.expo_event_id._expo_sync_all()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Sync from the event"),
                "message": _(
                    "%(created)s participations created, %(updated)s updated.",
                    created=len(created),
                    updated=len(written),
                ),
                "type": "success",
                "sticky": False,
            },
        }
