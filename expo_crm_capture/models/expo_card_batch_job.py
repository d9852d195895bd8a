"""A pile of cards: the background reading (cron, resumable).

Each cron call reads the pending cards of the queued batches, oldest first,
one card at a time, and commits after each card: a job that dies (worker
killed, time limit, server restart) resumes at the first card not read. A
card the OCR cannot read is marked "not read" with the reason; the others go
on. When the last card of a batch is read, the batch goes to review and its
user is notified.
"""

import logging
import threading
import time

from psycopg2.errors import LockNotAvailable, SerializationFailure

from odoo import _, api, models
from odoo.tools import SQL

from ..tools import OcrError, read_card

_logger = logging.getLogger(__name__)

# one cron call stops starting cards after this many seconds (Odoo calls it
# again at once while cards remain)
CALL_SECONDS = 30
RUNNING = ("queued", "running")


class ExpoCardBatch(models.Model):
    _inherit = "expo.card.batch"

    @api.model
    def _cron_read_cards(self, max_cards=None):
        progress = {"cards": 0, "max": max_cards, "deadline": time.monotonic() + CALL_SECONDS}
        for batch in self.sudo().search([("state", "in", RUNNING)], order="id"):
            if self._job_stop(progress):
                break
            batch._job_run(progress)
        self._job_report_progress(progress)

    @api.model
    def _job_stop(self, progress):
        if progress["max"] is not None and progress["cards"] >= progress["max"]:
            return True
        return bool(progress["cards"]) and time.monotonic() > progress["deadline"]

    @api.model
    def _job_report_progress(self, progress):
        self.env.cr.execute(
            SQL(
                """SELECT COUNT(*) FROM expo_card_batch_line l
                     JOIN expo_card_batch b ON b.id = l.batch_id
                    WHERE l.state = 'pending' AND b.state IN %s""",
                RUNNING,
            )
        )
        remaining = self.env.cr.fetchone()[0]
        self.env["ir.cron"]._notify_progress(done=progress["cards"], remaining=remaining)

    def _job_commit(self):
        if getattr(threading.current_thread(), "testing", False) or self.env.context.get(
            "expo_card_no_commit"
        ):
            return
        self.env.cr.commit()  # pylint: disable=invalid-commit

    def _job_env(self):
        """The batch as the user who started it (rights, companies, language)."""
        user = self.user_id or self.create_uid
        return self.with_user(user).with_context(
            lang=user.lang, allowed_company_ids=(self.company_id | user.company_ids).ids
        )

    def _job_run(self, progress):
        self.ensure_one()
        batch = self._job_env()
        if batch.state == "queued":
            batch.state = "running"
        Capture = batch.env["expo.capture"]
        for line in batch.line_ids.filtered(lambda card: card.state == "pending").sorted("id"):
            if self._job_stop(progress):
                return
            try:
                with batch.env.cr.savepoint():
                    card = read_card(
                        line.attachment_id.raw or b"",
                        default_country=batch.company_id.country_id.code or None,
                    )
                    vals = line._values_of_card(card)
                    vals["state"] = "read"
                    match = Capture._expo_match(
                        batch.fair_id, {**card, "country_code": card.get("country_code")}
                    )
                    vals["match_partner_id"] = match.id or False
                    line.write(vals)
            except (SerializationFailure, LockNotAvailable):
                raise
            except OcrError as error:
                line.write({"state": "failed", "error": Capture._expo_ocr_message(error)})
            except Exception as error:  # noqa: BLE001 - this card is not read, the others go on
                _logger.info("Card %s of batch %s not read", line.id, batch.id, exc_info=True)
                line.write({"state": "failed", "error": str(error)[:200]})
            progress["cards"] += 1
            batch._job_commit()
        batch._job_finish()
        batch._job_commit()

    def _job_finish(self):
        self.state = "review"
        self.user_id._bus_send(
            "simple_notification",
            {
                "type": "warning" if self.failed_count else "success",
                "title": _("Business cards read"),
                "message": _(
                    "%(fair)s: %(read)s cards read, %(failed)s not read. Review them and confirm.",
                    fair=self.fair_id.display_name,
                    read=self.read_count,
                    failed=self.failed_count,
                ),
                "sticky": True,
            },
        )
