import logging
import threading
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.addons.expo_crm.tools.settings import read_param
from odoo.tools import SQL, exception_to_unicode

from ..models.expo_followup import MAIL_FAILURES, MAX_RETRIES, OPEN_STATES

_logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 200


class ExpoFollowupSend(models.AbstractModel):
    """Sending follow-ups: the service behind the scheduler, "Send now" and
    "Retry" (as ``account.move.send`` is for invoices).

    SPECIFICATIONS

    - Rows are *claimed* with ``SELECT … FOR UPDATE SKIP LOCKED`` and, in the
      same transaction, rendered, queued as ``mail.mail`` (filed in the
      contact's chatter) and moved to ``queued``. A second worker skips the
      locked rows; a crash rolls back the message, the mail and the state
      together; a re-run finds the rows ``queued``. Nobody receives a
      follow-up twice.
    - The template is rendered in the contact's language, as the user who
      sends (the scheduler: each follow-up's owner), through Odoo's mass-mail
      composer: an expression reaching data the sender may not read fails
      the follow-up with the reason.
    - A contact who must not be emailed (``res.partner._expo_email_refusals``:
      no valid email, blacklisted, opted out of the company's follow-up
      mailing list) is ``cancelled`` with the reason.
    - Bulk classes (E) are not emailed: the contacts join the company's
      follow-up mailing list (``listed``).
    - A mail server error (``expo.followup.outcome``) makes the follow-up
      ``failed``; "Retry" or the next run (at most ``MAX_RETRIES`` times)
      puts the same mail back in the queue: one message in the chatter.
    """

    _name = "expo.followup.send"
    _description = "Follow-up sending"

    # ------------------------------------------------------------------
    # Claiming
    # ------------------------------------------------------------------

    @api.model
    def _claim(self, limit=None, ids=None):
        """Lock and return follow-ups ready to send, skipping rows another
        transaction holds. Without ``ids``: due automatic ones and failed ones
        still retryable (the scheduler). With ``ids``: those of them still
        open (a user's "Send now" / "Retry")."""
        Followup = self.env["expo.followup"]
        Followup.flush_model()
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
        self.env.cr.execute(
            SQL(
                """SELECT id FROM expo_followup
                    WHERE %s
                 ORDER BY due_date, id
                    %s
               FOR UPDATE SKIP LOCKED""",
                condition,
                SQL("LIMIT %s", limit) if limit else SQL(""),
            )
        )
        return Followup.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _cron_send(self, batch_size=None, auto_commit=None):
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
            batch = self._claim(limit=batch_size)
            if not batch:
                break
            self._send(batch)
            done += len(batch)
            sent_any = sent_any or any(f.state == "queued" for f in batch)
            remaining = self.env["expo.followup"].search_count(
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

    # ------------------------------------------------------------------
    # Recipients
    # ------------------------------------------------------------------

    @api.model
    def _check_recipients(self, followups):
        """Cancel the follow-ups whose contact must not be emailed (the one
        rule, ``res.partner._expo_email_refusals``); return them."""
        by_code = defaultdict(lambda: followups.browse())
        for company, group in followups.grouped("company_id").items():
            refusals = group.partner_id._expo_email_refusals(
                company.sudo().expo_followup_mailing_list_id
            )
            for followup in group:
                code = refusals.get(followup.partner_id.id)
                if code:
                    by_code[code] |= followup
        cancelled = followups.browse()
        for code, group in by_code.items():
            group.write({"state": "cancelled", "failure_code": code, "failure_reason": False})
            cancelled |= group
        if cancelled:
            cancelled.activity_id.unlink()
        return cancelled

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------

    @api.model
    def _send(self, followups):
        """Send claimed (locked) follow-ups: requeue the kept mail of failed
        ones, queue an email for the others. They are *queued* until the mail
        server accepts the email (``expo.followup.outcome``). Runs as
        superuser; callers check the user's rights first."""
        requeue = followups.filtered(
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
        todo = followups - requeue
        todo -= self._check_recipients(todo)
        sent = {}
        for template, group in todo.grouped("template_id").items():
            if not template:
                group.write(
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
                    sent.update(self._queue_emails(group, template))
            except Exception as error:  # noqa: BLE001 - kept as failure reason, retryable
                _logger.warning("Follow-ups %s could not be queued", group.ids, exc_info=True)
                self._fail(group, exception_to_unicode(error), code="render")
        if not sent:
            return
        done = followups.browse(list(sent))
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
        for fclass, group in done.grouped("class_id").items():
            if fclass.attachment_ids:
                # The class's documents go with each email (and its log in
                # the chatter): the same attachments, linked, not copied.
                for followup in group:
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

    @api.model
    def _queue_emails(self, followups, template):
        """Render ``template`` on ``followups`` and queue one email each, the
        way Odoo's mass-mail composer does (set-based, in each contact's
        language, ``mail.mail`` in the outgoing queue, the message kept as a
        log filed in the contact's chatter: ``mail.compose.message``'s
        ``_prepare_mail_values`` of this addon).

        The template is rendered as the user who sends (for the scheduler,
        which runs as superuser: each follow-up's owner), through a composer
        of that user, so Odoo's rendering rules apply to them: an expression
        reaching data they may not read fails (the follow-up is *failed* with
        the reason), and restricted template editing stays in force.

        :return: {follow-up id: mail.mail}"""
        by_followup = {}
        for sender, group in followups.grouped(self._sender).items():
            try:
                with self.env.cr.savepoint():
                    mails = self._render_as(group, sender, template)
            except Exception as error:  # noqa: BLE001 - kept as failure reason, retryable
                _logger.warning(
                    "Follow-ups %s could not be rendered as %s", group.ids, sender.login,
                    exc_info=True,
                )
                self._fail(group, exception_to_unicode(error), code="render")
                continue
            # The composer creates the mails in the order of its records.
            if len(mails) != len(group) or any(
                mail.res_id != followup.partner_id.id for followup, mail in zip(group, mails)
            ):
                raise ValueError("The composer's emails do not match the follow-ups.")
            by_followup.update({f.id: mail for f, mail in zip(group, mails)})
        return by_followup

    @api.model
    def _sender(self, followup):
        """The user whose rights render this follow-up's email: the user
        sending it, or its owner when the scheduler (superuser) sends. Only
        a follow-up of the system itself (no owner, or the superuser as
        owner: created by a script or a data import) renders as superuser,
        as Odoo's own scheduled mailings do."""
        user = self.env.user
        if user._is_superuser():
            user = followup.user_id or user
        return user

    @api.model
    def _render_as(self, followups, sender, template):
        """Render ``template`` on ``followups`` as ``sender`` (Odoo's mass
        mail composer, no sudo) and queue the emails; return the mails, in
        the order of ``followups``."""
        composer = (
            self.env["mail.compose.message"]
            .with_user(sender)
            .with_context(mail_notify_force_send=False, expo_followup_chatter=True)
            .create(
                {
                    "composition_mode": "mass_mail",
                    "model": "expo.followup",
                    "res_ids": followups.ids,
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

    @api.model
    def _fail(self, followups, reason, code="unknown"):
        """Failed (retryable): ``code`` says what happened in the reader's
        language, ``reason`` keeps the technical message."""
        for followup in followups:
            followup.write(
                {
                    "state": "failed",
                    "failure_code": code,
                    "failure_reason": reason,
                    "retry_count": followup.retry_count + (1 if followup.state == "failed" else 0),
                }
            )
