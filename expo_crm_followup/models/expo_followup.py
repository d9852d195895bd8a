import logging
import re
import threading
from collections import defaultdict
from datetime import datetime, time, timedelta

from odoo import Command, _, api, fields, models
from odoo.addons.expo_crm.tools.settings import read_param
from odoo.exceptions import UserError
from odoo.models import parse_read_group_spec
from odoo.tools import SQL, exception_to_unicode

from .expo_followup_class import HESITATION_REASONS, add_delay

_logger = logging.getLogger(__name__)

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
SMTP_TROUBLE = re.compile(r"SMTP|[Cc]onnection|[Ss]ervice not available|[Tt]imed? ?out")
# Fields whose read_group aggregate may be "median".
MEDIAN_FIELDS = ("response_hours",)
MAX_RETRIES = 3
DEFAULT_BATCH_SIZE = 200


class ExpoFollowup(models.Model):
    """One post-fair follow-up: a classified contact of a fair, its deadline,
    the email it produced and whether the contact answered.

    SPECIFICATIONS: sending (``_cron_send_followups`` / ``action_send_now``)

    - Rows are *claimed* with ``SELECT … FOR UPDATE SKIP LOCKED`` and, in the
      same transaction, rendered, posted in the partner's chatter (which
      queues one ``mail.mail`` in Odoo's mail queue) and moved to ``sent``.
      A second worker skips the locked rows; a crash rolls back the message,
      the mail and the state together; a re-run finds the rows ``sent``.
      Nobody receives a follow-up twice.
    - The template is rendered in the partner's language (the template's
      ``lang`` is ``{{ object.partner_id.lang }}``).
    - A contact without a valid email, blacklisted, or opted out of the
      follow-up mailing list is ``cancelled`` with the reason.
    - A mail server error (reported by the mail queue through
      ``mail.mail._postprocess_sent_message``) makes the follow-up ``failed``
      with the reason; the queued mail is kept. "Retry" or the next cron run
      (at most ``MAX_RETRIES`` times) puts the same mail back in the queue:
      one message in the chatter, nothing lost.
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
    hesitation_reason = fields.Selection(HESITATION_REASONS, tracking=True)
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
        aggregator="median",
        help="Hours between the follow-up and the contact's reply (median in reports).",
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        store=True,
        precompute=True,
        readonly=False,
        index=True,
        help="Not sent and past its deadline (refreshed by the scheduler).",
    )
    # Report measures (0/1 counters and 0/100 rates: sums and averages in pivots)
    kpi_in_time = fields.Integer(
        string="Sent inside deadline", compute="_compute_kpis", store=True, precompute=True
    )
    kpi_overdue = fields.Integer(
        string="Overdue count", compute="_compute_kpis", store=True, precompute=True
    )
    kpi_replied = fields.Integer(
        string="Replied", compute="_compute_kpis", store=True, precompute=True
    )
    kpi_in_time_rate = fields.Integer(
        string="Inside deadline (%)", compute="_compute_kpis", store=True, precompute=True,
        aggregator="avg",
    )
    kpi_reply_rate = fields.Integer(
        string="Reply rate (%)", compute="_compute_kpis", store=True, precompute=True,
        aggregator="avg",
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
    # Reporting: a true median of the response time
    # ------------------------------------------------------------------

    def _read_group_select(self, aggregate_spec, query):
        """``response_hours:median`` is computed by PostgreSQL at every
        grouping level of the pivot (a mean would be dragged by the one buyer
        who answers after three weeks). Only this model knows "median":
        Odoo's table of aggregates is left alone."""
        if aggregate_spec != "__count":
            fname, property_name, func = parse_read_group_spec(aggregate_spec)
            if func == "median" and not property_name and fname in MEDIAN_FIELDS:
                self.check_field_access_rights("read", [fname])
                expr = self._field_to_sql(self._table, fname, query)
                return SQL("PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY %s)", expr)
        return super()._read_group_select(aggregate_spec, query)

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

    @api.depends("state", "sent_date", "due_date", "replied_date", "is_overdue")
    def _compute_kpis(self):
        for followup in self:
            in_time = bool(
                followup.sent_date
                and followup.due_date
                and followup.sent_date <= followup.due_date
                and followup.state in REACHED_STATES
            )
            followup.kpi_in_time = int(in_time)
            followup.kpi_in_time_rate = 100 if in_time else 0
            followup.kpi_overdue = int(followup.is_overdue)
            followup.kpi_replied = int(bool(followup.replied_date))
            followup.kpi_reply_rate = 100 if followup.replied_date else 0

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
    # Scheduling (classification wizard)
    # ------------------------------------------------------------------

    @api.model
    def _expo_deadline(self, participation, fclass):
        base_date = participation.met_date or participation.fair_id.date_end
        start = datetime.combine(base_date + timedelta(days=1), time.min)
        company = participation.company_id or self.env.company
        return add_delay(start, fclass.delay_hours, company.expo_followup_working_days)

    @api.model
    def _expo_group_by_contact(self, participations):
        """{(partner, fair): participations} of the given participations."""
        groups = defaultdict(lambda: self.env["expo.participation"])
        for participation in participations:
            groups[(participation.partner_id, participation.fair_id)] |= participation
        return groups

    @api.model
    def _expo_main_participation(self, participations):
        """The participation a contact's follow-up hangs on when it holds
        several roles at one fair: a classified one, in a role the fair
        classifies, of the best class (A before E), the first role."""
        fair = participations.fair_id[:1]
        return participations.sorted(
            lambda p: (
                not p.followup_class_id,
                p.role_id not in fair.classify_role_ids,
                p.followup_class_id.sequence,
                p.role_id.sequence,
                p.id,
            )
        )[:1]

    @api.model
    def _expo_schedule(self, participations):
        """Create or update the follow-up of every classified contact.

        One follow-up per contact and fair, whatever the number of roles the
        contact holds there (it lists them all in ``participation_ids``): a
        follow-up still open (to review, scheduled, failed) takes the new
        class, template and deadline; one already queued, sent, replied, done
        or cancelled is left alone. Returns the created and updated
        follow-ups."""
        participations = participations.filtered("followup_class_id")
        if not participations:
            return self
        Participation = self.env["expo.participation"]
        # Every role of these contacts at these fairs shares the follow-up.
        all_roles = Participation.search(
            [
                ("partner_id", "in", participations.partner_id.ids),
                ("fair_id", "in", participations.fair_id.ids),
                ("state", "!=", "cancelled"),
            ]
        )
        roles_of = self._expo_group_by_contact(all_roles)
        existing = {
            (f.partner_id, f.fair_id): f
            for f in self.sudo().search(
                [
                    ("partner_id", "in", participations.partner_id.ids),
                    ("fair_id", "in", participations.fair_id.ids),
                ]
            )
        }
        now = fields.Datetime.now()
        create_vals = []
        updated = self.browse()
        for key, classified in self._expo_group_by_contact(participations).items():
            participation = self._expo_main_participation(classified)
            roles = roles_of.get(key, Participation) | classified
            fclass = participation.followup_class_id
            company = participation.company_id
            auto = bool(fclass.auto_send and company.expo_followup_auto_send)
            template = fclass._get_template(participation.hesitation_reason)
            vals = {
                "class_id": fclass.id,
                "hesitation_reason": participation.hesitation_reason or False,
                "template_id": template.id,
                "due_date": self._expo_deadline(participation, fclass),
                "channel": "mailing_list" if fclass.bulk else "email",
                "auto_send": auto,
                "state": "scheduled" if auto and template else "draft",
                "scheduled_date": now,
            }
            followup = existing.get(key)
            if followup:
                if followup.participation_ids != roles:
                    followup.participation_ids = roles
                # Open follow-ups take the new class; so does one only added
                # to the mailing list when the contact now needs an email.
                reopen = followup.state == "listed" and not fclass.bulk
                if followup.state not in OPEN_STATES and not reopen:
                    continue
                if (
                    followup.class_id == fclass
                    and followup.hesitation_reason == vals["hesitation_reason"]
                ):
                    continue
                vals.update(failure_reason=False, failure_code=False)
                followup.write(vals)
                updated |= followup
            else:
                vals.update(
                    participation_id=participation.id,
                    participation_ids=[Command.set(roles.ids)],
                    user_id=(participation.user_id or self.env.user).id,
                )
                create_vals.append(vals)
        # Follow-ups belong to the contact's owner, who may not be the user
        # classifying: the wizard's caller has checked its rights on the
        # participations, the records are written as superuser.
        created = (
            self.sudo()
            .with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
            .create(create_vals)
            if create_vals
            else self.sudo().browse()
        )
        followups = created | updated
        followups.filtered(lambda f: f.channel == "mailing_list")._expo_subscribe_to_list()
        followups.filtered(lambda f: f.channel == "email")._expo_sync_activities()
        return (created | updated).with_env(self.env)

    def _expo_sync_activities(self):
        """One owner activity per open follow-up, due on its deadline."""
        activity_model_id = self.env["ir.model"]._get_id("expo.followup")
        default_type = self.env.ref(
            "expo_crm_followup.mail_activity_type_expo_followup", raise_if_not_found=False
        )
        to_create = []
        with_activity = self.filtered(lambda f: f.activity_id)
        for followup in with_activity:
            followup.activity_id.with_context(mail_activity_quick_update=True).write(
                {
                    "date_deadline": followup.due_date.date(),
                    "summary": followup.class_id.display_name,
                    "activity_type_id": (
                        followup.class_id.activity_type_id or default_type
                    ).id,
                }
            )
        # mail.activity computes the name of its document one record at a
        # time: compute them for the whole batch first (one query).
        (self - with_activity).mapped("display_name")
        for followup in self - with_activity:
            activity_type = followup.class_id.activity_type_id or default_type
            to_create.append(
                {
                    "res_model_id": activity_model_id,
                    "res_id": followup.id,
                    "activity_type_id": activity_type.id if activity_type else False,
                    "user_id": followup.user_id.id or self.env.user.id,
                    "date_deadline": followup.due_date.date(),
                    "summary": followup.class_id.display_name,
                }
            )
        if to_create:
            activities = (
                self.env["mail.activity"]
                .sudo()
                .with_context(mail_activity_quick_update=True)
                .create(to_create)
            )
            by_res = {a.res_id: a for a in activities}
            for followup in self - with_activity:
                followup.activity_id = by_res.get(followup.id)

    def _expo_subscribe_to_list(self):
        """Bulk classes: add the contacts to their company's follow-up mailing
        list (created the first time it is needed; existing mailing contacts
        are reused, each address once) and mark them "added to the list"."""
        now = fields.Datetime.now()
        excluded = self._expo_check_recipients()
        todo = self - excluded
        lists = {company: company._expo_followup_mailing_list() for company in todo.company_id}
        for mailing_list, followups in todo.grouped(lambda f: lists[f.company_id]).items():
            emails = {f.id: f.partner_id.email_normalized for f in followups}
            Contact = self.env["mailing.contact"].sudo()
            contacts = Contact.search([("email_normalized", "in", list(set(emails.values())))])
            contact_by_email = {}
            for contact in contacts.sorted("id"):
                contact_by_email.setdefault(contact.email_normalized, contact)
            subscriptions = self.env["mailing.subscription"].sudo().search(
                [("contact_id", "in", contacts.ids), ("list_id", "=", mailing_list.id)]
            )
            opted_out_emails = {s.contact_id.email_normalized for s in subscriptions if s.opt_out}
            subscribed = {s.contact_id.email_normalized for s in subscriptions}
            new_contacts, new_subscriptions = {}, []
            for followup in followups:
                email = emails[followup.id]
                if email in subscribed:
                    continue
                subscribed.add(email)
                contact = contact_by_email.get(email)
                if contact:
                    new_subscriptions.append({"contact_id": contact.id, "list_id": mailing_list.id})
                    continue
                partner = followup.partner_id
                new_contacts[email] = {
                    "name": partner.name,
                    "email": partner.email,
                    "company_name": partner.commercial_company_name or False,
                    "country_id": partner.country_id.id,
                    "list_ids": [Command.link(mailing_list.id)],
                }
            if new_contacts:
                Contact.create(list(new_contacts.values()))
            if new_subscriptions:
                self.env["mailing.subscription"].sudo().create(new_subscriptions)
            opted_out = followups.filtered(lambda f: emails[f.id] in opted_out_emails)
            opted_out.write(
                {"state": "cancelled", "failure_code": "opted_out", "failure_reason": False}
            )
            (followups - opted_out).write(
                {
                    "state": "listed",
                    "sent_date": now,
                    "mailing_list_id": mailing_list.id,
                    "failure_code": False,
                    "failure_reason": False,
                }
            )
        self.activity_id.unlink()

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------

    @api.model
    def _expo_claim(self, limit=None, ids=None):
        """Lock and return follow-ups ready to send, skipping rows another
        transaction holds. Without ``ids``: due automatic ones and failed ones
        still retryable (the scheduler). With ``ids``: those of them still
        open (a user's "Send now" / "Retry")."""
        self.flush_model()
        if ids is not None:
            condition = SQL(
                "id = ANY(%s) AND state = ANY(%s) AND channel = 'email'",
                list(ids),
                list(OPEN_STATES),
            )
        else:
            condition = SQL(
                """channel = 'email' AND (
                       (state = 'scheduled' AND auto_send
                        AND (scheduled_date IS NULL OR scheduled_date <= %s))
                    OR (state = 'failed' AND retry_count < %s))""",
                fields.Datetime.now(),
                MAX_RETRIES,
            )
        query = SQL(
            """SELECT id FROM expo_followup
                WHERE %s
             ORDER BY due_date, id
                %s
           FOR UPDATE SKIP LOCKED""",
            condition,
            SQL("LIMIT %s", limit) if limit else SQL(""),
        )
        self.env.cr.execute(query)
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _cron_send_followups(self, batch_size=None, auto_commit=None):
        """Scheduler: send the due follow-ups batch after batch, committing
        after each batch (except in tests), then wake the mail queue."""
        batch_size = batch_size or read_param(
            self.env, "expo_crm_followup.send_batch_size", DEFAULT_BATCH_SIZE, 1, 10000
        )
        if auto_commit is None:
            auto_commit = not getattr(threading.current_thread(), "testing", False)
        done = 0
        sent_any = False
        while True:
            batch = self.sudo()._expo_claim(limit=batch_size)
            if not batch:
                break
            batch._expo_send()
            done += len(batch)
            sent_any = sent_any or any(f.state == "queued" for f in batch)
            remaining = self.sudo().search_count(
                [
                    ("channel", "=", "email"),
                    "|",
                    "&", ("state", "=", "scheduled"), ("auto_send", "=", True),
                    "&", ("state", "=", "failed"), ("retry_count", "<", MAX_RETRIES),
                ]
            )
            self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
            if auto_commit:
                # One transaction per batch, like Odoo's mail queue: a batch
                # sent is kept even if a later one fails (rows claimed FOR
                # UPDATE in this transaction are released here).
                self.env.cr.commit()  # pylint: disable=invalid-commit
            if len(batch) < batch_size:
                break
        if sent_any:
            self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger()
        return done

    def _expo_check_recipients(self):
        """Cancel follow-ups whose contact cannot or must not be emailed; return them."""
        by_code = defaultdict(lambda: self.browse())
        for company, followups in self.grouped("company_id").items():
            refusals = followups.partner_id._expo_email_refusals(
                company.sudo().expo_followup_mailing_list_id
            )
            for followup in followups:
                code = refusals.get(followup.partner_id.id)
                if code:
                    by_code[code] |= followup
        cancelled = self.browse()
        for code, followups in by_code.items():
            followups.write({"state": "cancelled", "failure_code": code, "failure_reason": False})
            cancelled |= followups
        if cancelled:
            cancelled.activity_id.unlink()
        return cancelled

    def _expo_send(self):
        """Send claimed (locked) follow-ups: requeue the kept mail of failed
        ones, post the others in the partner's chatter. They are *queued*
        until the mail server accepts the email (``_expo_mail_result``). Runs
        as superuser; callers check the user's rights first."""
        requeue = self.filtered(
            lambda f: f.state == "failed" and f.mail_mail_id.state == "exception"
        )
        if requeue:
            requeue.mail_mail_id.mark_outgoing()
            for followup in requeue:
                followup.write(
                    {
                        "state": "queued",
                        "failure_code": False,
                        "failure_reason": False,
                        "retry_count": followup.retry_count + 1,
                    }
                )
        todo = self - requeue
        todo -= todo._expo_check_recipients()
        subtype_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "expo_crm_followup.mail_message_subtype_expo_followup"
        )
        sent = {}
        for template, followups in todo.grouped("template_id").items():
            if not template:
                followups.write(
                    {
                        "state": "failed",
                        "failure_code": "no_template",
                        "failure_reason": False,
                        "retry_count": MAX_RETRIES,
                    }
                )
                continue
            try:
                with self.env.cr.savepoint():
                    sent.update(followups._expo_queue_emails(template, subtype_id))
            except Exception as error:  # noqa: BLE001 - kept as failure reason, retryable
                _logger.warning("Follow-ups %s could not be queued", followups.ids, exc_info=True)
                followups._expo_fail(exception_to_unicode(error), code="render")
        if not sent:
            return
        done = self.browse(list(sent))
        refused = done.filtered(lambda f: sent[f.id].state == "cancel")
        for followup in refused:
            mail = sent[followup.id]
            followup.write(
                {
                    "state": "cancelled",
                    "failure_code": MAIL_FAILURES.get(mail.failure_type, "refused"),
                    "failure_reason": mail.failure_reason or mail.failure_type or False,
                    "mail_mail_id": mail.id,
                    "mail_message_id": mail.mail_message_id.id,
                }
            )
        done -= refused
        for fclass, followups in done.grouped("class_id").items():
            if fclass.attachment_ids:
                # The class's documents go with each email (and its log in
                # the chatter): the same attachments, linked, not copied.
                for followup in followups:
                    sent[followup.id].attachment_ids = [
                        Command.link(a.id) for a in fclass.attachment_ids
                    ]
        for followup in done:
            mail = sent[followup.id]
            retry = followup.state == "failed"
            followup.write(
                {
                    "state": "queued",
                    "failure_code": False,
                    "failure_reason": False,
                    "mail_message_id": mail.mail_message_id.id,
                    "mail_mail_id": mail.id,
                    "retry_count": followup.retry_count + (1 if retry else 0),
                }
            )
        # The email is in the contact's chatter: the owner's reminder goes
        # (unlinked, not "marked done", which would post one more message per
        # follow-up in a batch of hundreds).
        (done | refused).activity_id.exists().sudo().unlink()

    def _expo_queue_emails(self, template, subtype_id):
        """Render ``template`` on these follow-ups and queue one email each,
        the way Odoo's mass-mail composer does (set-based, rendered in each
        contact's language, ``mail.mail`` in the outgoing queue, the message
        kept as a log), then file each message in the contact's chatter with
        the follow-up subtype and the sender as author.

        The template is rendered as the user who sends (for the scheduler,
        which runs as superuser: each follow-up's owner), through a composer
        of that user, so Odoo's rendering rules apply to them: an expression
        reaching data they may not read fails (the follow-up is *failed* with
        the reason), and restricted template editing stays in force. Only the
        queueing of what was rendered and the filing in the chatter run with
        elevated rights.

        :return: {follow-up id: mail.mail}"""
        mails = self.env["mail.mail"].sudo()
        for sender, followups in self.grouped(lambda f: f._expo_sender()).items():
            try:
                with self.env.cr.savepoint():
                    mails |= followups._expo_render_as(sender, template)
            except Exception as error:  # noqa: BLE001 - kept as failure reason, retryable
                _logger.warning(
                    "Follow-ups %s could not be rendered as %s", followups.ids, sender.login,
                    exc_info=True,
                )
                followups._expo_fail(exception_to_unicode(error), code="render")
        mails.flush_recordset(["res_id"])
        by_followup = {mail.res_id: mail for mail in mails}
        rows = [
            (mail.mail_message_id.id, followup.partner_id.id, followup._get_author()[0].id)
            for followup in self
            if (mail := by_followup.get(followup.id))
        ]
        if rows:
            message_ids, partner_ids, author_ids = zip(*rows)
            self.env["mail.message"].flush_model()
            self.env.cr.execute(
                SQL(
                    """UPDATE mail_message m
                          SET model = 'res.partner', res_id = v.partner_id,
                              author_id = v.author_id, subtype_id = %s
                         FROM unnest(%s::int[], %s::int[], %s::int[])
                              AS v(message_id, partner_id, author_id)
                        WHERE m.id = v.message_id""",
                    subtype_id,
                    list(message_ids),
                    list(partner_ids),
                    list(author_ids),
                )
            )
            fnames = ["model", "res_id", "author_id", "subtype_id"]
            self.env["mail.message"].invalidate_model(fnames)
            self.env["mail.mail"].invalidate_model(fnames)
        return by_followup

    def _expo_sender(self):
        """The user whose rights render this follow-up's email: the user
        sending it, or its owner when the scheduler (superuser) sends. Only
        a follow-up of the system itself (no owner, or the superuser as
        owner: created by a script or a data import) renders as superuser,
        as Odoo's own scheduled mailings do."""
        self.ensure_one()
        user = self.env.user
        if user._is_superuser():
            user = self.user_id or user
        return user

    def _expo_render_as(self, sender, template):
        """Render ``template`` on these follow-ups as ``sender`` (Odoo's mass
        mail composer, no sudo) and queue the emails; return the mails."""
        composer = (
            self.env["mail.compose.message"]
            .with_user(sender)
            .with_context(mail_notify_force_send=False)
            .create(
                {
                    "composition_mode": "mass_mail",
                    "model": self._name,
                    "res_ids": self.ids,
                    "template_id": template.id,
                    "email_layout_xmlid": "expo_crm_followup.mail_layout_followup",
                    "force_send": False,
                    "auto_delete": True,
                    "auto_delete_keep_log": True,
                    "record_name": False,
                }
            )
        )
        mails, _messages = composer._action_send_mail()
        return mails.sudo()

    def _expo_fail(self, reason, code="unknown"):
        """Failed (retryable): ``code`` says what happened in the reader's
        language, ``reason`` keeps the technical message."""
        for followup in self:
            followup.write(
                {
                    "state": "failed",
                    "failure_code": code,
                    "failure_reason": reason,
                    "retry_count": followup.retry_count + (1 if followup.state == "failed" else 0),
                }
            )

    def _expo_close_activities(self, feedback):
        activities = self.activity_id.exists()
        if activities:
            activities.sudo().action_feedback(feedback=feedback)

    # ------------------------------------------------------------------
    # Mail queue feedback, replies
    # ------------------------------------------------------------------

    @api.model
    def _expo_mail_result(self, mails, failure_type=None, failure_reason=False):
        """Called by mail.mail after a delivery attempt of ``mails``: accepted
        by the mail server, the follow-up is *sent*; refused, it is *failed*
        (retryable) or *cancelled* (the address itself is refused)."""
        followups = self.sudo().search([("mail_mail_id", "in", mails.ids)])
        if not followups:
            return
        if not failure_type:
            followups.filtered(lambda f: f.state in ("queued", "failed")).write(
                {
                    "state": "sent",
                    "sent_date": fields.Datetime.now(),
                    "failure_code": False,
                    "failure_reason": False,
                }
            )
            return
        for followup in followups:
            details = followup.mail_mail_id.failure_reason or failure_reason or failure_type
            code = MAIL_FAILURES.get(failure_type, "unknown")
            if code == "unknown" and SMTP_TROUBLE.search(str(details or "")):
                # Odoo reports some server errors (refused during the
                # sending, not the connection) as "unknown".
                code = "mail_smtp"
            if code in ("no_email", "blacklisted", "opted_out", "mail_email_invalid"):
                followup.write(
                    {"state": "cancelled", "failure_code": code, "failure_reason": details}
                )
            elif followup.state in ("queued", "sent", "failed"):
                followup.write({"state": "failed", "failure_code": code, "failure_reason": details})

    def _expo_mark_replied(self, message):
        """The contact answered ``message`` after these follow-ups were sent."""
        reply_date = message.date or fields.Datetime.now()
        for followup in self:
            sent_date = followup.sent_date or followup.mail_message_id.date
            if not sent_date or sent_date > reply_date:
                continue
            hours = (reply_date - sent_date).total_seconds() / 3600.0
            followup.write(
                {
                    "state": "replied",
                    "replied_date": reply_date,
                    "reply_message_id": message.id,
                    "response_hours": round(hours, 2),
                }
            )
            # Written in the language of the owner, who reads it.
            owner_env = followup.with_context(lang=followup.user_id.lang or self.env.lang).env
            followup.message_post(
                body=owner_env._(
                    "%(contact)s replied after %(hours).1f hours.",
                    contact=followup.partner_id.display_name,
                    hours=hours,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._expo_close_activities(_("The contact replied."))

    # ------------------------------------------------------------------
    # Overdue and escalation
    # ------------------------------------------------------------------

    @api.model
    def _cron_check_overdue(self):
        """Flag follow-ups past their deadline and escalate the late ones."""
        now = fields.Datetime.now()
        late = self.sudo().search(
            [("state", "in", OPEN_STATES), ("due_date", "<", now), ("is_overdue", "=", False)]
        )
        if late:
            late.write({"is_overdue": True})
        self.sudo()._expo_escalate()

    def _expo_escalation_user(self):
        """Who hears about an overdue follow-up. Without the HR app there is
        no "manager of the employee": the company's escalation user (setting),
        else the fair's responsible when it is not the owner, else the first
        exhibition manager of the company who is not the owner."""
        self.ensure_one()
        company = self.company_id
        if company.expo_followup_escalation_user_id:
            return company.expo_followup_escalation_user_id
        fair_user = self.fair_id.user_id
        if fair_user and fair_user != self.user_id and fair_user.active:
            return fair_user
        managers = self.env.ref("expo_crm.group_expo_manager").users.filtered(
            lambda u: u.active
            and not u.share
            and u != self.user_id
            and u.id != api.SUPERUSER_ID
            and company in u.company_ids
        )
        return managers.sorted("id")[:1]

    def _expo_escalate(self):
        now = fields.Datetime.now()
        candidates = self.search(
            [
                ("state", "in", OPEN_STATES),
                ("is_overdue", "=", True),
                ("escalated_date", "=", False),
            ]
        )
        activity_type = self.env.ref(
            "expo_crm_followup.mail_activity_type_expo_escalation", raise_if_not_found=False
        )
        model_id = self.env["ir.model"]._get_id("expo.followup")
        vals_list, escalated = [], self.browse()
        for followup in candidates:
            days = followup.company_id.expo_followup_escalation_days
            if days <= 0 or followup.due_date + timedelta(days=days) > now:
                continue
            manager = followup._expo_escalation_user()
            if not manager:
                continue
            late_days = (now - followup.due_date).days
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": followup.id,
                    "activity_type_id": activity_type.id if activity_type else False,
                    "user_id": manager.id,
                    "date_deadline": fields.Date.context_today(self),
                    # In the language of the manager who reads it.
                    "summary": self.with_context(lang=manager.lang or self.env.lang).env._(
                        "Overdue follow-up: %(contact)s (owner %(owner)s, %(days)s days late)",
                        contact=followup.partner_id.display_name,
                        owner=followup.user_id.name or "-",
                        days=late_days,
                    ),
                }
            )
            escalated |= followup
        if not vals_list:
            return escalated
        activities = self.env["mail.activity"].sudo().create(vals_list)
        for followup, activity in zip(escalated, activities):
            followup.write({"escalated_date": now, "escalation_activity_id": activity.id})
        return escalated

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
        claimed = self.sudo()._expo_claim(ids=self.ids)
        if len(claimed) != len(self):
            raise UserError(
                _(
                    "Some of these follow-ups were already sent, cancelled, or are "
                    "being sent right now. Reload the page to see their status."
                )
            )
        claimed._expo_send()
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
