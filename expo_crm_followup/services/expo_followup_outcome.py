import re
from datetime import timedelta

from odoo import _, api, fields, models

from ..models.expo_followup import MAIL_FAILURES, OPEN_STATES

SMTP_TROUBLE = re.compile(r"SMTP|[Cc]onnection|[Ss]ervice not available|[Tt]imed? ?out")


class ExpoFollowupOutcome(models.AbstractModel):
    """What happens to follow-ups once they are out: the mail server's
    answer, the contact's reply, the deadline passing (overdue, escalation).

    SPECIFICATIONS

    - ``_mail_result``: called by ``mail.mail`` after each delivery attempt.
      Accepted: the follow-up is *sent*. Refused: *failed* (retryable) or
      *cancelled* when the address itself is refused.
    - ``_mark_replied``: an email of the contact answering the follow-up's
      message (matched by its ``In-Reply-To`` / ``References`` headers, see
      ``res.partner._message_post_after_hook``) makes it *replied* with the
      response time; the owner's activity is closed.
    - ``_cron_check_overdue``: open follow-ups past their deadline are
      overdue (``is_overdue`` is computed, not stored: the contacts'
      follow-up status is refreshed here); those late by the company's
      escalation days (0: never) get one activity for the escalation user,
      written in that user's language, once.
    """

    _name = "expo.followup.outcome"
    _description = "Follow-up results, replies and escalation"

    # ------------------------------------------------------------------
    # Mail queue feedback, replies
    # ------------------------------------------------------------------

    @api.model
    def _mail_result(self, mails, failure_type=None, failure_reason=False):
        followups = self.env["expo.followup"].sudo().search([("mail_mail_id", "in", mails.ids)])
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

    @api.model
    def _mark_replied(self, followups, message):
        """The contact answered ``message`` after ``followups`` were sent."""
        reply_date = message.date or fields.Datetime.now()
        for followup in followups:
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
        followups._expo_close_activities(_("The contact replied."))

    # ------------------------------------------------------------------
    # Overdue and escalation
    # ------------------------------------------------------------------

    @api.model
    def _cron_check_overdue(self):
        """Refresh what depends on the deadline having passed, then escalate
        the late follow-ups."""
        Followup = self.env["expo.followup"].sudo()
        # The contacts' follow-up status (stored) shows "overdue": recomputed
        # for the follow-ups that became overdue since the last run.
        late = Followup.search(
            [
                ("is_overdue", "=", True),
                ("participation_ids.followup_state", "in", ("scheduled", "failed")),
            ]
        )
        if late:
            # Computed (with the clock) earlier in this transaction: read anew.
            late.invalidate_recordset(["is_overdue"])
            late.modified(["is_overdue"])
        return self._escalate(Followup)

    @api.model
    def _escalation_user(self, followup):
        """Who hears about an overdue follow-up. Without the HR app there is
        no "manager of the employee": the company's escalation user (setting),
        else the fair's responsible when it is not the owner, else the first
        exhibition manager of the company who is not the owner."""
        company = followup.company_id
        if company.expo_followup_escalation_user_id:
            return company.expo_followup_escalation_user_id
        fair_user = followup.fair_id.user_id
        if fair_user and fair_user != followup.user_id and fair_user.active:
            return fair_user
        managers = self.env.ref("expo_crm.group_expo_manager").users.filtered(
            lambda u: u.active
            and not u.share
            and u != followup.user_id
            and u.id != api.SUPERUSER_ID
            and company in u.company_ids
        )
        return managers.sorted("id")[:1]

    @api.model
    def _escalate(self, Followup):
        now = fields.Datetime.now()
        candidates = Followup.search(
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
        vals_list, escalated = [], Followup.browse()
        for followup in candidates:
            days = followup.company_id.expo_followup_escalation_days
            if days <= 0 or followup.due_date + timedelta(days=days) > now:
                continue
            manager = self._escalation_user(followup)
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
