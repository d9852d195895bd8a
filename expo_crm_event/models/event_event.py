import pytz

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class EventEvent(models.Model):
    _inherit = "event.event"

    expo_fair_id = fields.Many2one(
        "expo.fair",
        string="Fair",
        index="btree_not_null",
        copy=False,
        ondelete="set null",
        help="The fair of Expo CRM this event runs: its registrations become "
        "trade visitors and its rented booths exhibitors of the fair.",
    )

    _sql_constraints = [
        (
            "expo_fair_unique",
            "unique(expo_fair_id)",
            "This fair is already linked to another event.",
        ),
    ]

    @api.constrains("expo_fair_id", "company_id")
    def _check_expo_fair_company(self):
        for event in self:
            fair = event.expo_fair_id
            if fair and event.company_id and event.company_id != fair.company_id:
                raise ValidationError(
                    _(
                        "The event %(event)s belongs to %(event_company)s and the fair "
                        "%(fair)s to %(fair_company)s: link an event to a fair of its "
                        "own company.",
                        event=event.display_name,
                        event_company=event.company_id.display_name,
                        fair=fair.display_name,
                        fair_company=fair.company_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        events.filtered("expo_fair_id")._expo_sync_all()
        return events

    def write(self, vals):
        res = super().write(vals)
        if vals.get("expo_fair_id"):
            # Linked: the registrations and booths already there, once.
            self._expo_sync_all()
        return res

    def _expo_sync_all(self):
        """Sync the registrations and booths of the linked events; return the
        participations created and those updated."""
        participations = self.env["expo.participation"]
        events = self.filtered("expo_fair_id")
        if not events:
            return participations, participations
        registrations = self.env["event.registration"].sudo().search(
            [("event_id", "in", events.ids)]
        )
        created, written = registrations._expo_sync_participations()
        booths = self.env["event.booth"].sudo().search(
            [("event_id", "in", events.ids), ("partner_id", "!=", False)]
        )
        booth_created, booth_written = booths._expo_sync_participations()
        return created | booth_created, written | booth_written

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------

    def _expo_fair_values(self):
        self.ensure_one()
        tz = pytz.timezone(self.date_tz or "UTC")

        def local_date(value):
            return pytz.utc.localize(value).astimezone(tz).date()

        address = self.address_id
        values = {
            "name": self.name,
            "date_begin": local_date(self.date_begin),
            "date_end": local_date(self.date_end),
            "venue": address.name if address else False,
            "city": address.city,
            "country_id": address.country_id.id,
            "company_id": (self.company_id or self.env.company).id,
            "user_id": self.user_id.id,
            "state": "planned",
        }
        if self.organizer_id:
            values["organizer_id"] = self.organizer_id.id
        return values

    def action_expo_create_fair(self):
        """Create the fair from the event (name, dates in the event's time
        zone, venue, city and country from the address) and link it: the
        event's registrations and booths become participations."""
        self.ensure_one()
        if not self.expo_fair_id:
            fair = self.env["expo.fair"].create(self._expo_fair_values())
            self.expo_fair_id = fair
        return self.action_expo_view_fair()

    def action_expo_view_fair(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Fair"),
            "res_model": "expo.fair",
            "view_mode": "form",
            "res_id": self.expo_fair_id.id,
        }
