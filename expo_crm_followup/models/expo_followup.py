from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .expo_followup_class import HESITATION_REASONS

FOLLOWUP_STATES = [
    ("draft", "To review"),
    ("scheduled", "Scheduled"),
    ("queued", "Queued"),
    ("sent", "Sent"),
    ("listed", "Added to the mailing list"),
    ("replied", "Replied"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
    ("failed", "Failed"),
]
# Still to be sent by someone (counted as due / overdue, escalated).
OPEN_STATES = ("draft", "scheduled", "failed")
# Reached the contact (or its mailing list): counted as followed up.
REACHED_STATES = ("sent", "listed", "replied", "done")
# Why a follow-up failed or was cancelled. The labels are what the user
# reads (in their own language); the technical message of the mail server
# or of the template, if any, is kept apart in ``failure_reason``.
FAILURE_CODES = [
    ("no_email", "The contact has no valid email address."),
    ("blacklisted", "The address is blacklisted: the contact asked not to receive emails."),
    ("opted_out", "The contact opted out of the follow-up mailing list."),
    ("no_template", "No email template: choose one before sending."),
    ("render", "The email could not be prepared from its template; see the details."),
    (
        "mail_smtp",
        "The outgoing mail server refused the connection; check the outgoing "
        "mail server settings.",
    ),
    ("mail_email_invalid", "The mail server refused the contact's email address."),
    (
        "mail_from_invalid",
        "The sender's address was refused; check the follow-up sender in Settings.",
    ),
    ("refused", "The email was refused before it was sent; see the details."),
    ("unknown", "The email could not be sent; see the details."),
]
# mail.mail failure types -> our codes
MAIL_FAILURES = {
    "mail_smtp": "mail_smtp",
    "mail_email_invalid": "mail_email_invalid",
    "mail_email_missing": "no_email",
    "mail_from_invalid": "mail_from_invalid",
    "mail_from_missing": "mail_from_invalid",
    "mail_bl": "blacklisted",
    "mail_optout": "opted_out",
}
MAX_RETRIES = 3


class ExpoFollowup(models.Model):
    """One post-fair follow-up: a classified contact of a fair, its deadline,
    the email it produced and whether the contact answered.

    The record keeps the fields, their rules and the buttons; the work is
    done by services: ``expo.followup.schedule`` (classification → follow-
    ups, deadlines, activities, mailing list), ``expo.followup.send``
    (claiming, recipients, rendering, queueing) and ``expo.followup.outcome``
    (mail server results, replies, overdue and escalation). The analysis is
    ``expo.followup.report``.
    """

    _name = "expo.followup"
    _description = "Post-fair Follow-up"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "due_date, id"
    _check_company_auto = True

    participation_id = fields.Many2one(
        "expo.participation",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    participation_ids = fields.Many2many(
        "expo.participation",
        "expo_followup_participation_rel",
        "followup_id",
        "participation_id",
        string="Roles at the fair",
        readonly=True,
        help="Every participation of the contact at this fair (one contact may "
        "hold several roles): they share this one follow-up.",
    )
    role_names = fields.Char(
        string="Roles of the contact", compute="_compute_role_names",
        help="The contact's roles at this fair.",
    )
    partner_id = fields.Many2one(
        related="participation_id.partner_id",
        store=True,
        precompute=True,
        index=True,
        string="Contact",
    )
    fair_id = fields.Many2one(
        related="participation_id.fair_id",
        store=True,
        precompute=True,
        index=True,
        string="Fair",
    )
    company_id = fields.Many2one(
        related="participation_id.company_id",
        store=True,
        precompute=True,
        index=True,
        string="Company",
    )
    class_id = fields.Many2one(
        "expo.followup.class",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    class_code = fields.Char(related="class_id.code", string="Class code")
    color = fields.Integer(related="class_id.color")
    partner_stage = fields.Selection(
        related="partner_id.expo_stage", string="Relationship stage"
    )
    priority = fields.Selection(related="class_id.priority", store=True)
    hesitation_reason = fields.Selection(
        HESITATION_REASONS, string="Hesitation reason", tracking=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
    )
    due_date = fields.Datetime(string="Deadline", required=True, index=True, tracking=True)
    scheduled_date = fields.Datetime(
        string="Send from",
        help="Automatic sending does not start before this moment.",
    )
    state = fields.Selection(
        FOLLOWUP_STATES,
        default="draft",
        required=True,
        index=True,
        tracking=True,
        group_expand="_group_expand_state",
    )
    channel = fields.Selection(
        [("email", "Personal email"), ("mailing_list", "Mailing list")],
        default="email",
        required=True,
    )
    auto_send = fields.Boolean(
        string="Send automatically",
        help="Sent by the scheduler once due; otherwise the owner reviews and sends it.",
    )
    template_id = fields.Many2one(
        "mail.template",
        string="Email template",
        domain="[('model', '=', 'expo.followup')]",
    )
    personal_note = fields.Html(
        string="Personal note",
        help="A personal paragraph added to the email above the template's text.",
    )
    playbook = fields.Html(related="class_id.playbook")
    products_discussed = fields.Text(related="participation_id.products_discussed")
    classification_note = fields.Text(related="participation_id.followup_note")
    mail_message_id = fields.Many2one(
        "mail.message", string="Message", readonly=True, ondelete="set null", copy=False,
        index="btree_not_null",
    )
    mail_mail_id = fields.Many2one(
        "mail.mail", string="Sent email", readonly=True, ondelete="set null", index="btree_not_null",
        copy=False,
    )
    mailing_list_id = fields.Many2one(
        "mailing.list", string="Mailing list", readonly=True, copy=False
    )
    # Indexed: deleting activities or messages sets these to NULL.
    activity_id = fields.Many2one(
        "mail.activity", string="Owner activity", readonly=True, ondelete="set null", copy=False,
        index="btree_not_null",
    )
    escalation_activity_id = fields.Many2one(
        "mail.activity", string="Escalation activity", readonly=True, ondelete="set null",
        copy=False, index="btree_not_null",
    )
    escalated_date = fields.Datetime(string="Escalated on", readonly=True, copy=False)
    failure_code = fields.Selection(
        FAILURE_CODES, string="Problem", readonly=True, copy=False
    )
    failure_reason = fields.Text(
        string="Technical details",
        readonly=True,
        copy=False,
        help="The message of the mail server or of the template, as it was given.",
    )
    retry_count = fields.Integer(string="Retries", readonly=True, copy=False)
    sent_date = fields.Datetime(string="Sent on", readonly=True, copy=False)
    replied_date = fields.Datetime(string="Replied on", readonly=True, copy=False)
    reply_message_id = fields.Many2one(
        "mail.message", string="Reply", readonly=True, ondelete="set null", copy=False,
        index="btree_not_null",
    )
    response_hours = fields.Float(
        string="Response time (h)",
        readonly=True,
        copy=False,
        digits=(12, 1),
        aggregator="avg",
        help="Hours between the follow-up and the contact's reply (its median "
        "per fair, class and owner is in the follow-up analysis).",
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="Still to be sent and past its deadline.",
    )
    email_from = fields.Char(
        compute="_compute_email_from",
        string="Sender",
        help="Owner or company address, following the company's setting.",
    )

    _sql_constraints = [
        (
            "partner_fair_unique",
            "unique(partner_id, fair_id)",
            "This contact already has a follow-up for this fair.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("partner_id", "class_id", "fair_id")
    def _compute_display_name(self):
        for followup in self:
            followup.display_name = _(
                "%(code)s · %(partner)s · %(fair)s",
                code=followup.class_id.code or "",
                partner=followup.partner_id.display_name or "",
                fair=followup.fair_id.display_name or "",
            )

    @api.depends("participation_ids.role_id")
    def _compute_role_names(self):
        for followup in self:
            followup.role_names = ", ".join(followup.participation_ids.role_id.mapped("name"))

    @api.depends("state", "due_date")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for followup in self:
            followup.is_overdue = bool(
                followup.state in OPEN_STATES and followup.due_date and followup.due_date < now
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(f"is_overdue {operator} {value!r}")
        overdue = [("state", "in", OPEN_STATES), ("due_date", "<", fields.Datetime.now())]
        if (operator == "=") == value:
            return overdue
        return ["!", "&", *overdue]

    @api.depends("user_id", "company_id")
    def _compute_email_from(self):
        for followup in self:
            followup.email_from = followup._get_author()[1]

    @api.model
    def _group_expand_state(self, states, domain):
        return [key for key, _label in FOLLOWUP_STATES]

    def _get_author(self):
        """(author partner, formatted address) following the sender setting."""
        self.ensure_one()
        company = self.company_id or self.env.company
        user = self.user_id
        if company.expo_followup_sender == "owner" and user.email:
            return user.partner_id, user.email_formatted
        return company.partner_id, company.email_formatted or user.email_formatted

    # ------------------------------------------------------------------
    # Entry points of the services (kept here: the classification wizard,
    # the capture addon, the crons and the bridges call them)
    # ------------------------------------------------------------------

    @api.model
    def _expo_schedule(self, participations):
        """Create or update the follow-ups of classified participations
        (``expo.followup.schedule``)."""
        return self.env["expo.followup.schedule"]._schedule(participations).with_env(self.env)

    @api.model
    def _expo_main_participation(self, participations):
        return self.env["expo.followup.schedule"]._main_participation(participations)

    @api.model
    def _expo_group_by_contact(self, participations):
        return self.env["expo.followup.schedule"]._group_by_contact(participations)

    @api.model
    def _cron_send_followups(self, batch_size=None, auto_commit=None):
        """Scheduler: send the due follow-ups (``expo.followup.send``)."""
        return (
            self.env["expo.followup.send"]
            .sudo()
            ._cron_send(batch_size=batch_size, auto_commit=auto_commit)
        )

    @api.model
    def _cron_check_overdue(self):
        """Scheduler: overdue follow-ups and escalation (``expo.followup.outcome``)."""
        return self.env["expo.followup.outcome"].sudo()._cron_check_overdue()

    def _expo_sync_activities(self):
        self.env["expo.followup.schedule"]._sync_activities(self)

    def _expo_close_activities(self, feedback):
        activities = self.activity_id.exists()
        if activities:
            activities.sudo().action_feedback(feedback=feedback)

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def _expo_check_own(self):
        """Users act on their own follow-ups, managers on all (record rules),
        before the sending machinery runs as superuser."""
        self.check_access("write")

    def action_send_now(self):
        self._expo_check_own()
        missing = self.filtered(lambda f: f.channel == "email" and not f.template_id)
        if missing:
            raise UserError(
                _(
                    "Choose an email template before sending the follow-up of %(contacts)s.",
                    contacts=", ".join(missing.partner_id.mapped("display_name")),
                )
            )
        Send = self.env["expo.followup.send"].sudo()
        claimed = Send._claim(ids=self.ids)
        if len(claimed) != len(self):
            raise UserError(
                _(
                    "Some of these follow-ups were already sent, cancelled, or are "
                    "being sent right now. Reload the page to see their status."
                )
            )
        Send._send(claimed)
        self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger()
        return True

    def action_retry(self):
        if self.filtered(lambda f: f.state != "failed"):
            raise UserError(_("Only failed follow-ups can be retried."))
        self.write({"retry_count": 0})
        return self.action_send_now()

    def action_schedule(self):
        self._expo_check_own()
        if self.filtered(lambda f: f.state not in ("draft", "failed")):
            raise UserError(_("Only follow-ups to review or failed ones can be scheduled."))
        self.write(
            {"state": "scheduled", "auto_send": True, "failure_code": False, "failure_reason": False}
        )

    def action_mark_done(self):
        self._expo_check_own()
        self.write({"state": "done"})
        self._expo_close_activities(_("Follow-up marked done."))

    def action_cancel(self):
        self._expo_check_own()
        if self.filtered(lambda f: f.state in ("queued",) + REACHED_STATES):
            raise UserError(_("A follow-up already sent cannot be cancelled; mark it done."))
        self.write({"state": "cancelled"})
        self.activity_id.sudo().unlink()

    def action_reset_draft(self):
        self._expo_check_own()
        if self.filtered(lambda f: f.state != "cancelled"):
            raise UserError(_("Only cancelled follow-ups can be reopened."))
        self.write(
            {"state": "draft", "failure_code": False, "failure_reason": False, "retry_count": 0}
        )
        self.filtered(lambda f: f.channel == "email").sudo()._expo_sync_activities()

    def action_open_partner(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
        }
