import datetime

import pytz
from dateutil.relativedelta import relativedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html


class ExpoInvitationWizard(models.TransientModel):
    """Invite contacts to a fair about a month before it opens.

    Each invited contact gets an *invited* participation (never a second one)
    and the invitation email, rendered in the contact's language and sent
    through Odoo's mail queue (now, or at the scheduled date). The email is
    logged on the participation and a note on the contact's chatter;
    blacklisted addresses and contacts without email are skipped and
    reported."""

    _name = "expo.invitation.wizard"
    _description = "Send Fair Invitations"

    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft", required=True)
    fair_id = fields.Many2one(
        "expo.fair",
        required=True,
        default=lambda self: self._default_fair_id(),
        domain=[("state", "in", ("planned", "open"))],
    )
    previous_fair_id = fields.Many2one(related="fair_id.previous_fair_id")
    preset = fields.Selection(
        [
            ("previous_exhibitors", "Exhibitors of the previous edition"),
            ("trust", "Contacts in trust stage"),
            ("manual", "Manual selection"),
        ],
        string="Invite",
        compute="_compute_preset",
        store=True,
        readonly=False,
        required=True,
    )
    role_id = fields.Many2one(
        "expo.role",
        string="Invited as",
        compute="_compute_role_id",
        store=True,
        readonly=False,
        required=True,
        help="Role of the invited contacts at this fair.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "expo_invitation_wizard_partner_rel",
        "wizard_id",
        "partner_id",
        string="Contacts",
        compute="_compute_partner_ids",
        store=True,
        readonly=False,
    )
    partner_count = fields.Integer(compute="_compute_partner_count", string="Contacts to invite")
    template_id = fields.Many2one(
        "mail.template",
        string="Email template",
        required=True,
        domain=[("model", "=", "expo.participation")],
        default=lambda self: self.env.ref(
            "expo_crm_followup.mail_template_expo_invitation", raise_if_not_found=False
        ),
    )
    user_id = fields.Many2one(
        "res.users",
        string="Staff contact",
        required=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        help="Named in the invitation and owner of the invited participations.",
    )
    booth = fields.Char(
        string="Our booth",
        compute="_compute_booth",
        store=True,
        readonly=False,
        help="Quoted in the invitation; saved on the fair.",
    )
    proposed_date = fields.Date(
        string="Proposed send date",
        compute="_compute_proposed_date",
        help="One month before the fair opens.",
    )
    send_mode = fields.Selection(
        [("now", "Send now"), ("schedule", "Schedule")],
        string="When",
        compute="_compute_send_mode",
        store=True,
        readonly=False,
        required=True,
    )
    scheduled_date = fields.Datetime(
        string="Send on",
        compute="_compute_send_mode",
        store=True,
        readonly=False,
    )
    # results
    invited_count = fields.Integer(readonly=True, string="Invited")
    already_count = fields.Integer(readonly=True, string="Already taking part")
    no_email_count = fields.Integer(readonly=True, string="Without email")
    blacklisted_partner_ids = fields.Many2many(
        "res.partner",
        "expo_invitation_wizard_blacklisted_rel",
        "wizard_id",
        "partner_id",
        string="Blacklisted or opted out (not invited)",
        readonly=True,
    )
    blacklisted_count = fields.Integer(readonly=True, string="Blacklisted or opted out")
    invited_partner_ids = fields.Many2many(
        "res.partner",
        "expo_invitation_wizard_invited_rel",
        "wizard_id",
        "partner_id",
        string="Invited contacts",
        readonly=True,
    )
    left_out_count = fields.Integer(
        compute="_compute_left_out_count",
        string="Left out",
        help="Contacts of the preset left out: already taking part in the fair, "
        "marked lost or dissolved, blacklisted or opted out of the company's "
        "mailing list.",
    )

    @api.model
    def _default_fair_id(self):
        context = self.env.context
        if context.get("active_model") == "expo.fair" and context.get("active_id"):
            return context["active_id"]
        return False

    @api.depends("fair_id")
    def _compute_preset(self):
        for wizard in self:
            if not wizard.preset or wizard.preset == "previous_exhibitors":
                wizard.preset = "previous_exhibitors" if wizard.fair_id.previous_fair_id else "manual"

    @api.depends("preset")
    def _compute_role_id(self):
        roles = {
            role.code: role
            for role in self.env["expo.role"].search([("code", "in", ("exhibitor", "trade_visitor"))])
        }
        for wizard in self:
            code = "exhibitor" if wizard.preset == "previous_exhibitors" else "trade_visitor"
            wizard.role_id = roles.get(code)

    @api.depends("preset", "fair_id")
    def _compute_partner_ids(self):
        for wizard in self:
            wizard.partner_ids = wizard._invitable(wizard._preset_partners())

    @api.depends("preset", "fair_id")
    def _compute_left_out_count(self):
        for wizard in self:
            preset = wizard._preset_partners()
            wizard.left_out_count = len(preset - wizard._invitable(preset))

    def _invitable(self, partners):
        """Contacts a preset may propose: not lost or dissolved, not already
        taking part in the fair (nor its organizer), and allowed to receive
        emails (the rule of the follow-ups)."""
        fair = self.fair_id
        taking_part = fair.participation_ids.filtered(lambda p: p.state != "cancelled").partner_id
        partners = partners.filtered(
            lambda p: p.expo_stage != "dissolution"
            and p not in taking_part
            and p != fair.organizer_id
        )
        company = self.fair_id.company_id or self.env.company
        refusals = partners._expo_email_refusals(
            company.sudo().expo_followup_mailing_list_id
        )
        return partners.filtered(
            lambda p: refusals.get(p.id) not in ("blacklisted", "opted_out")
        )

    def _preset_partners(self):
        self.ensure_one()
        Partner = self.env["res.partner"]
        if self.preset == "previous_exhibitors" and self.fair_id.previous_fair_id:
            participations = self.env["expo.participation"].search(
                [
                    ("fair_id", "=", self.fair_id.previous_fair_id.id),
                    ("role_id.code", "=", "exhibitor"),
                    ("state", "in", ("registered", "attended")),
                ]
            )
            return participations.partner_id
        if self.preset == "trust":
            return Partner.search([("expo_stage", "=", "trust")])
        return Partner

    @api.depends("partner_ids")
    def _compute_partner_count(self):
        for wizard in self:
            wizard.partner_count = len(wizard.partner_ids)

    @api.depends("fair_id")
    def _compute_booth(self):
        for wizard in self:
            wizard.booth = wizard.fair_id.own_booth

    @api.model
    def _proposal(self, fair):
        """Invitations go out one month before the fair opens."""
        return fair.date_begin - relativedelta(months=1) if fair.date_begin else False

    @api.depends("fair_id.date_begin")
    def _compute_proposed_date(self):
        for wizard in self:
            wizard.proposed_date = self._proposal(wizard.fair_id)

    @api.depends("fair_id.date_begin")
    def _compute_send_mode(self):
        today = fields.Date.context_today(self)
        for wizard in self:
            proposed = self._proposal(wizard.fair_id)
            if proposed and proposed > today:
                wizard.send_mode = "schedule"
                wizard.scheduled_date = wizard._morning_of(proposed)
            else:
                wizard.send_mode = "now"
                wizard.scheduled_date = False

    def _morning_of(self, day):
        """9:00 in the user's time zone on that day, as a naive UTC datetime."""
        tz = pytz.timezone(self.env.user.tz or self.env.context.get("tz") or "UTC")
        local = tz.localize(datetime.datetime.combine(day, datetime.time(9, 0)))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    # ------------------------------------------------------------------

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Send invitations"),
            "context": dict(self.env.context),
        }

    def action_send(self):
        self.ensure_one()
        if not self.partner_ids:
            raise UserError(_("Choose the contacts to invite first."))
        if self.send_mode == "schedule" and not self.scheduled_date:
            raise UserError(_("Choose when the invitations are sent."))
        fair = self.fair_id
        if self.booth != fair.own_booth:
            fair.own_booth = self.booth
        partners = self.partner_ids
        partners.fetch(["email", "email_normalized", "lang"])

        # already taking part in this fair: never a second participation
        Participation = self.env["expo.participation"]
        existing = Participation.search(
            [
                ("fair_id", "=", fair.id),
                ("partner_id", "in", partners.ids),
                "|",
                ("state", "!=", "cancelled"),
                ("role_id", "=", self.role_id.id),
            ]
        )
        already = existing.partner_id
        # Chosen by hand too: contacts marked lost or dissolved are not invited.
        dissolved = partners.filtered(lambda p: p.expo_stage == "dissolution")
        candidates = partners - already - dissolved
        refusals = candidates._expo_email_refusals(
            (fair.company_id or self.env.company).sudo().expo_followup_mailing_list_id
        )
        no_email = candidates.filtered(lambda p: refusals.get(p.id) == "no_email")
        blacklisted = candidates.filtered(
            lambda p: refusals.get(p.id) in ("blacklisted", "opted_out")
        )
        candidates -= no_email | blacklisted

        if candidates:
            participations = Participation.with_context(
                tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
            ).create(
                [
                    {
                        "partner_id": partner.id,
                        "fair_id": fair.id,
                        "role_id": self.role_id.id,
                        "state": "invited",
                        "source": "manual",
                        "user_id": self.user_id.id,
                    }
                    for partner in candidates
                ]
            )
            self._send_invitations(participations)
        self.write(
            {
                "state": "done",
                "invited_count": len(candidates),
                "already_count": len(already),
                "no_email_count": len(no_email),
                "blacklisted_partner_ids": [Command.set(blacklisted.ids)],
                "blacklisted_count": len(blacklisted),
                "invited_partner_ids": [Command.set(candidates.ids)],
            }
        )
        return self._reopen()

    def _send_invitations(self, participations):
        """Queue the invitation of each participation (mass-mail composer: the
        template is rendered per record in its language, one mail.mail each,
        kept as a log on the participation), then a note on each contact."""
        scheduled = self.scheduled_date if self.send_mode == "schedule" else False
        composer = self.env["mail.compose.message"].create(
            {
                "composition_mode": "mass_mail",
                "model": "expo.participation",
                "res_ids": participations.ids,
                "template_id": self.template_id.id,
                "record_name": False,
                "author_id": self.user_id.partner_id.id,
                "force_send": False,  # always through the mail queue
                "auto_delete": True,
                "auto_delete_keep_log": True,  # the mail stays in the chatter
            }
        )
        mails, __ = composer._action_send_mail()
        if scheduled:
            mails.filtered(lambda mail: mail.state == "outgoing").write({"scheduled_date": scheduled})
        fair_name = self.fair_id.display_name
        if scheduled:
            when = fields.Datetime.context_timestamp(self, scheduled)
            body = _(
                "Invitation to %(fair)s scheduled for %(date)s (staff contact: %(user)s).",
                fair=fair_name,
                date=when.strftime("%Y-%m-%d %H:%M"),
                user=self.user_id.name,
            )
        else:
            body = _(
                "Invitation to %(fair)s sent (staff contact: %(user)s).",
                fair=fair_name,
                user=self.user_id.name,
            )
        body = plaintext2html(body)
        participations.partner_id._message_log_batch(
            bodies={partner.id: body for partner in participations.partner_id}
        )
        return mails
