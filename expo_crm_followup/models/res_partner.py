from odoo import fields, models
from odoo.tools import email_normalize

from .expo_followup import OPEN_STATES


class ResPartner(models.Model):
    _inherit = "res.partner"

    expo_next_followup_id = fields.Many2one(
        "expo.followup",
        compute="_compute_expo_next_followup",
        string="Next follow-up",
        groups="expo_crm.group_expo_user",
        help="The follow-up of this contact still to send with the nearest deadline.",
    )
    expo_next_followup_class_id = fields.Many2one(
        "expo.followup.class",
        compute="_compute_expo_next_followup",
        string="Next follow-up class",
        groups="expo_crm.group_expo_user",
    )
    expo_next_followup_due = fields.Datetime(
        compute="_compute_expo_next_followup",
        string="Next follow-up deadline",
        groups="expo_crm.group_expo_user",
    )

    def _compute_expo_next_followup(self):
        """One query for all the contacts shown (e.g. a kanban page)."""
        first = {}
        partner_ids = [pid for pid in self.ids if pid]
        if partner_ids:
            for followup in self.env["expo.followup"].search(
                [("partner_id", "in", partner_ids), ("state", "in", OPEN_STATES)],
                order="due_date asc, id asc",
            ):
                first.setdefault(followup.partner_id.id, followup)
        for partner in self:
            followup = first.get(partner.id, self.env["expo.followup"])
            partner.expo_next_followup_id = followup
            partner.expo_next_followup_class_id = followup.class_id
            partner.expo_next_followup_due = followup.due_date

    def _expo_email_refusals(self, mailing_lists=None):
        """Who of these contacts must not be emailed, and why: one rule for
        follow-ups and invitations. Returns {partner id: code}, the code one
        of ``no_email`` (no valid address), ``blacklisted`` (Odoo's blacklist)
        or ``opted_out`` (opted out of one of ``mailing_lists``)."""
        emails = {p.email_normalized for p in self} - {False}
        blacklisted, opted_out = set(), set()
        if emails:
            blacklisted = set(
                self.env["mail.blacklist"].sudo().search([("email", "in", list(emails))]).mapped("email")
            )
        if emails and mailing_lists:
            opted_out = set(
                self.env["mailing.subscription"]
                .sudo()
                .search(
                    [
                        ("list_id", "in", mailing_lists.ids),
                        ("opt_out", "=", True),
                        ("contact_id.email_normalized", "in", list(emails)),
                    ]
                )
                .mapped("contact_id.email_normalized")
            )
        refusals = {}
        for partner in self:
            email = partner.email_normalized
            if not email:
                refusals[partner.id] = "no_email"
            elif email in blacklisted:
                refusals[partner.id] = "blacklisted"
            elif email in opted_out:
                refusals[partner.id] = "opted_out"
        return refusals

    def unlink(self):
        """Refused before ``mail.thread`` deletes the contacts' messages: the
        follow-up emails sent to them are their history (the rule is
        ``expo.participation._expo_check_unlink``, also run when the
        participations go)."""
        self.env["expo.participation"].sudo().search(
            [("partner_id", "in", self.ids)]
        ).with_env(self.env)._expo_check_unlink()
        return super().unlink()

    def _message_post_after_hook(self, message, msg_values):
        """An email answering a follow-up (matched by its In-Reply-To or
        References headers, which the mail gateway turns into the parent
        message) and sent by the contact closes that follow-up as replied. An
        email from the contact about something else, or from someone else,
        closes nothing."""
        res = super()._message_post_after_hook(message, msg_values)
        parent_id = msg_values.get("parent_id") or message.parent_id.id
        sender = email_normalize(msg_values.get("email_from") or "")
        from_contact = msg_values.get("author_id") == self.id or (
            sender and sender == self.email_normalized
        )
        if (
            msg_values.get("message_type") == "email"
            and parent_id
            and len(self) == 1
            and from_contact
        ):
            followups = self.env["expo.followup"].sudo().search(
                [
                    ("mail_message_id", "=", parent_id),
                    ("partner_id", "=", self.id),
                    ("state", "in", ("queued", "sent")),
                ]
            )
            if followups:
                self.env["expo.followup.outcome"].sudo()._mark_replied(followups, message)
        return res
