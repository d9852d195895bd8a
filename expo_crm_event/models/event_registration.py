from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import email_normalize

from .expo_participation import STATE_RANK

# Registration state → participation state. An unconfirmed registration
# (draft) is a contact who has not confirmed yet: "invited" by default, which
# the fair does not count as a participant (setting "Unconfirmed
# registrations": invited or registered).
REGISTRATION_STATES = {
    "draft": "invited",
    "open": "registered",
    "done": "attended",
    "cancel": "cancelled",
}
SYNC_FIELDS = {"state", "partner_id", "event_id", "active"}


class EventRegistration(models.Model):
    _inherit = "event.registration"

    @api.model_create_multi
    def create(self, vals_list):
        registrations = super().create(vals_list)
        registrations._expo_sync_participations()
        return registrations

    def write(self, vals):
        sync = bool(SYNC_FIELDS & set(vals)) and not self.env.context.get("expo_event_no_sync")
        before = self._expo_keys() if sync else set()
        res = super().write(vals)
        if sync:
            self._expo_sync_participations(before)
        return res

    def unlink(self):
        keys = self._expo_keys()
        res = super().unlink()
        # The participation is cancelled, never deleted.
        self.env["event.registration"]._expo_sync_keys(keys)
        return res

    def _expo_keys(self):
        return {
            (registration.event_id.expo_fair_id.id, registration.partner_id.id)
            for registration in self
            if registration.event_id.expo_fair_id and registration.partner_id
        }

    def _expo_sync_participations(self, extra_keys=()):
        linked = self.filtered(lambda r: r.event_id.expo_fair_id)
        linked._expo_set_partner()
        return self._expo_sync_keys(linked._expo_keys() | set(extra_keys))

    def _expo_set_partner(self):
        """A registration without a contact (a visitor registering on the
        website) gets the contact of its email address, or a new contact from
        its name, email and phone."""
        missing = self.filtered(lambda r: not r.partner_id and (r.email or r.name))
        if not missing:
            return
        partners = self.env["res.partner"].sudo()
        emails = {email_normalize(r.email) for r in missing if r.email} - {False}
        by_email = {}
        if emails:
            for partner in partners.search(
                [("email_normalized", "in", list(emails))], order="id"
            ):
                by_email.setdefault(partner.email_normalized, partner)
        new_values = {}
        for registration in missing:
            email = email_normalize(registration.email) if registration.email else False
            if email and email in by_email:
                continue
            new_values[email or registration.id] = {
                "name": registration.name or registration.email,
                "email": registration.email,
                "phone": registration.phone,
            }
        keys = list(new_values)
        for key, partner in zip(keys, partners.create(list(new_values.values()))):
            by_email[key] = partner
        by_partner = defaultdict(self.browse)
        for registration in missing:
            email = email_normalize(registration.email) if registration.email else False
            by_partner[by_email[email or registration.id]] |= registration
        for partner, registrations in by_partner.items():
            registrations.with_context(expo_event_no_sync=True).write({"partner_id": partner.id})

    expo_participation_id = fields.Many2one(
        "expo.participation",
        string="Fair participation",
        compute="_compute_expo_participation_id",
        help="The trade visitor participation of this registration's contact in "
        "the fair linked to the event.",
    )

    def _compute_expo_participation_id(self):
        keys = self._expo_keys()
        found = {}
        if keys:
            for participation in self.env["expo.participation"].sudo().search(
                [
                    ("role_id", "=", self.env.ref("expo_crm.role_trade_visitor").id),
                    ("fair_id", "in", list({fair for fair, _p in keys})),
                    ("partner_id", "in", list({partner for _f, partner in keys})),
                ]
            ):
                found[(participation.fair_id.id, participation.partner_id.id)] = participation.id
        for registration in self:
            registration.expo_participation_id = found.get(
                (registration.event_id.expo_fair_id.id, registration.partner_id.id)
            )

    def _expo_participation_state(self, draft_state="invited"):
        self.ensure_one()
        state = REGISTRATION_STATES[self.state]
        if state == "invited":
            state = draft_state
        fair = self.event_id.expo_fair_id
        if state == "attended" and fair.date_begin > fields.Date.context_today(self):
            # A fair that has not begun refuses "attended": registered until
            # it begins (the fair's "Sync from the event" then marks it).
            state = "registered"
        return state

    @api.model
    def _expo_sync_keys(self, keys):
        """Bring the trade visitor participation of each (fair id, partner id)
        of ``keys`` in line with all the contact's registrations in the
        fair's event: the furthest state of its registrations (attended,
        registered, invited), cancelled when none is left."""
        if not keys:
            return self.env["expo.participation"], self.env["expo.participation"]
        draft_state = (
            self.env["ir.config_parameter"].sudo().get_param("expo_crm_event.draft_state")
            or "invited"
        )
        registrations = self.sudo().search(
            [
                ("event_id.expo_fair_id", "in", list({fair for fair, _p in keys})),
                ("partner_id", "in", list({partner for _f, partner in keys})),
            ]
        )
        wanted = dict.fromkeys(keys, "cancelled")
        for registration in registrations:
            key = (registration.event_id.expo_fair_id.id, registration.partner_id.id)
            if key not in wanted:
                continue
            state = registration._expo_participation_state(draft_state)
            if STATE_RANK.get(state, 0) > STATE_RANK.get(wanted[key], 0):
                wanted[key] = state
        return self.env["expo.participation"]._expo_event_sync(
            self.env.ref("expo_crm.role_trade_visitor"),
            {key: {"state": state} for key, state in wanted.items()},
        )
