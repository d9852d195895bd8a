"""Contact import: large files as a background job.

A file of more rows than the ``expo_crm_followup.import_background_rows``
setting (5,000 by default) is not imported while the user waits: Import puts
the wizard in the queued state and triggers the import cron. The cron reads
the file and imports it chunk after chunk (``import_chunk_rows`` rows, 1,000
by default), each chunk analysed, matched and written like a small file. The
position of the next row, the counters and the rows with a problem are
written on the wizard in the same transaction as the chunk's contacts, and
the transaction is committed: a job that dies resumes at the first row not
committed, and no row is imported twice. Rows of a later chunk that repeat a
contact of an earlier one find it as an existing contact (they update it).

When the last chunk is written, the user who started the import gets an
inbox notification (with the error report attached) and a notification in
the browser.
"""

import base64
import bisect
import json
import logging
import threading
import time

from markupsafe import Markup
from psycopg2.errors import LockNotAvailable, SerializationFailure

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.addons.expo_crm.tools.settings import read_param
from odoo.exceptions import UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

THRESHOLD_PARAM = "expo_crm_followup.import_background_rows"
CHUNK_PARAM = "expo_crm_followup.import_chunk_rows"
# one cron call stops starting chunks after this many seconds; Odoo calls it
# again at once while rows remain, up to 10 times in one cron run, which
# stays within the default time limit of a cron worker (120 s)
CALL_SECONDS = 8
# the parsed file of the job this process is running, kept from one call to
# the next (a file is read once per process, not once per call):
# {"key": (database, wizard id, created on), "value": _parse_file()}
_PARSED = {}
RUNNING = ("queued", "running")


class ExpoContactImport(models.TransientModel):
    _inherit = "expo.contact.import"  # pylint: disable=consider-merging-classes-inherited

    job_user_id = fields.Many2one("res.users", string="Started by", readonly=True)
    job_company_ids = fields.Many2many(
        "res.company",
        "expo_contact_import_job_company_rel",
        "wizard_id",
        "company_id",
        string="Companies of the import",
        readonly=True,
    )
    job_next_row = fields.Integer(
        string="Next row", readonly=True, help="Row of the file the background import goes on with."
    )
    job_done_count = fields.Integer(string="Rows done", readonly=True)
    job_progress = fields.Float(string="Progress", compute="_compute_job_progress")
    job_note = fields.Char(string="Background import", readonly=True)
    job_error = fields.Text(string="Import error", readonly=True)

    @api.depends("job_done_count", "row_count")
    def _compute_job_progress(self):
        for wizard in self:
            total = wizard.row_count
            wizard.job_progress = 100.0 * wizard.job_done_count / total if total else 0.0

    # ------------------------------------------------------------------
    # Settings
    # ------------------------------------------------------------------

    @api.model
    def _background_threshold(self):
        return read_param(self.env, THRESHOLD_PARAM, 5000, minimum=1, maximum=10_000_000)

    @api.model
    def _chunk_size(self):
        return read_param(self.env, CHUNK_PARAM, 1000, minimum=1, maximum=100_000)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_preview(self):
        """A large file is previewed on its first rows only: analysing every
        row is the import's work, which runs in the background."""
        self.ensure_one()
        parsed_file = self._parse_file()
        data = parsed_file["rows"]
        if len(data) <= self._background_threshold():
            self.job_note = False
            return self._preview(parsed_file)
        sample = data[: self._chunk_size()]
        analysis = self._importer()._analyse_rows(parsed_file, self._import_options(), rows=sample)
        self.line_ids.unlink()
        self._write_lines(analysis)
        stats = analysis["stats"]
        self.write(
            {
                "state": "preview",
                "detected_encoding": analysis["encoding"],
                "column_summary": analysis["column_summary"],
                "row_count": len(data),
                "to_create_count": stats["new"],
                "to_update_count": stats["update"],
                "duplicate_count": stats["duplicate"],
                "skipped_count": stats["skip"],
                "job_note": _(
                    "This file has %(rows)s rows: it is imported in the background. "
                    "The preview shows what happens to its first %(sample)s rows.",
                    rows=len(data),
                    sample=len(sample),
                ),
            }
        )
        return self._reopen()

    def action_import(self):
        self.ensure_one()
        if self.state in RUNNING:
            return self._reopen()
        self.env["res.partner"].check_access("create")
        parsed_file = self._parse_file()
        data = parsed_file["rows"]
        if len(data) <= self._background_threshold():
            return self._import_now(parsed_file)
        self.line_ids.unlink()
        self.write(
            {
                "state": "queued",
                "detected_encoding": parsed_file["encoding"] or False,
                "column_summary": self.env["expo.contact.importer"]._column_summary(
                    parsed_file["header"], parsed_file["mapping"]
                ),
                "row_count": len(data),
                "job_user_id": self.env.user.id,
                "job_company_ids": [fields.Command.set(self.env.companies.ids)],
                "job_next_row": 0,
                "job_done_count": 0,
                "job_error": False,
                "job_note": _(
                    "This file has %(rows)s rows: it is imported in the background. You can "
                    "close this window; you will be notified when the import is finished.",
                    rows=len(data),
                ),
                "duplicate_count": 0,
                "skipped_count": 0,
                "created_count": 0,
                "updated_count": 0,
                "company_created_count": 0,
                "participation_created_count": 0,
                "participation_updated_count": 0,
                "error_report": False,
                "error_report_name": False,
            }
        )
        self.env.ref("expo_crm_followup.ir_cron_expo_contact_import").sudo()._trigger()
        return self._reopen()

    def action_refresh(self):
        self.ensure_one()
        return self._reopen()

    # ------------------------------------------------------------------
    # The job
    # ------------------------------------------------------------------

    @api.model
    def _cron_import_contacts(self, max_chunks=None):
        """Cron: go on with the queued imports, oldest first, chunk after
        chunk, committing each one, for about ``CALL_SECONDS``; reports its
        progress (rows done in this call, rows remaining in every queued
        import) so that the cron is called again while rows remain."""
        progress = {"chunks": 0, "rows": 0, "max_chunks": max_chunks,
                    "deadline": time.monotonic() + CALL_SECONDS}
        for job in self.sudo().search([("state", "in", RUNNING)], order="id"):
            if job._job_stop(progress):
                break
            job._job_run(progress)
        self._job_report_progress(progress)

    @api.model
    def _job_stop(self, progress):
        """Whether this cron call has done its share of chunks or time."""
        if progress["max_chunks"] is not None and progress["chunks"] >= progress["max_chunks"]:
            return True
        return bool(progress["chunks"]) and time.monotonic() > progress["deadline"]

    @api.model
    def _job_report_progress(self, progress):
        self.env.cr.execute(
            SQL(
                """SELECT COALESCE(SUM(GREATEST(row_count - job_done_count, 0)), 0)
                     FROM expo_contact_import WHERE state IN %s""",
                RUNNING,
            )
        )
        remaining = self.env.cr.fetchone()[0]
        self.env["ir.cron"]._notify_progress(done=progress["rows"], remaining=remaining)

    def _job_commit(self):
        if getattr(threading.current_thread(), "testing", False) or self.env.context.get(
            "expo_import_no_commit"
        ):
            return
        self.env.cr.commit()  # pylint: disable=invalid-commit

    def _job_env(self):
        """The wizard as the user who started the import: their rights,
        their companies and their language."""
        user = self.job_user_id or self.create_uid
        return self.with_user(user).with_context(
            lang=user.lang,
            allowed_company_ids=self.job_company_ids.ids or user.company_ids.ids,
        )

    def _job_run(self, progress):
        """Import the next chunks of this job, until the cron call has done
        its share (see ``_job_stop``), and finish the job after its last
        row. ``progress`` counts the chunks and rows of the cron call."""
        self.ensure_one()
        wizard = self._job_env()
        key = (self.env.cr.dbname, self.id, str(self.create_date))
        try:
            if _PARSED.get("key") != key:
                _PARSED.clear()
                _PARSED["value"] = wizard._parse_file()
                _PARSED["key"] = key
            parsed_file = _PARSED["value"]
        except UserError as error:
            wizard._job_finish([], error=error.args[0])
            wizard._job_commit()
            return
        data, header = parsed_file["rows"], parsed_file["header"]
        numbers = [number for number, __ in data]
        position = bisect.bisect_left(numbers, wizard.job_next_row)
        del numbers
        if wizard.state == "queued":
            wizard.state = "running"
        size = wizard._chunk_size()
        while position < len(data):
            if wizard._job_stop(progress):
                return
            chunk = data[position: position + size]
            try:
                with wizard.env.cr.savepoint():
                    wizard._job_chunk(parsed_file, chunk)
            except (SerializationFailure, LockNotAvailable):
                raise  # a concurrent transaction: the cron tries again
            except Exception as error:  # noqa: BLE001 - the job stops, the user is told
                _logger.exception("Contact import %s stopped at row %s", wizard.id, chunk[0][0])
                wizard.env.invalidate_all(flush=False)
                wizard._job_finish(
                    header,
                    error=_("stopped at row %(row)s: %(error)s", row=chunk[0][0], error=error),
                )
                wizard._job_report_progress(progress)
                wizard._job_commit()
                return
            position += len(chunk)
            progress["chunks"] += 1
            progress["rows"] += len(chunk)
            if position < len(data):
                wizard._job_report_progress(progress)
                wizard._job_commit()
                # the written records are not needed any more
                wizard.env.invalidate_all()
        wizard._job_finish(header)
        wizard._job_report_progress(progress)
        wizard._job_commit()

    def _job_chunk(self, parsed_file, chunk):
        """Analyse and write one chunk; its problems, counters and the next
        row are written in the same transaction."""
        importer = self._importer()
        options = self._import_options()
        analysis = importer._analyse_rows(parsed_file, options, rows=chunk)
        result = importer._execute(analysis, options)
        self._write_lines(analysis, only_problems=True)
        stats = analysis["stats"]
        self.write(
            {
                "job_next_row": chunk[-1][0] + 1,
                "job_done_count": self.job_done_count + len(chunk),
                "duplicate_count": self.duplicate_count + stats["duplicate"],
                "skipped_count": self.skipped_count + stats["skip"],
                "created_count": self.created_count + result["created"],
                "updated_count": self.updated_count + result["updated"],
                "company_created_count": self.company_created_count + result["companies"],
                "participation_created_count": self.participation_created_count
                + result["participations_created"],
                "participation_updated_count": self.participation_updated_count
                + result["participations_updated"],
            }
        )

    def _job_finish(self, header, error=False):
        """Last step of a job: the error report, the done state and the
        user's notification."""
        _PARSED.clear()
        vals = {"state": "done", "job_error": error or False, "job_note": False}
        skipped = self.env["expo.contact.import.line"].search(
            [("wizard_id", "=", self.id), ("status", "=", "skip")], order="row_number, id"
        )
        vals.update(
            self._error_report_vals(
                header,
                [(line.row_number, json.loads(line.raw_cells or "[]"), line.problem or "") for line in skipped],
            )
        )
        self.write(vals)
        self._job_notify()

    def _job_notify(self):
        """Tell the user who started the import that it is finished: an
        inbox notification on the fair (the error report attached) and a
        notification in the open browser tabs."""
        user = self.job_user_id or self.create_uid
        if self.job_error:
            title = _("Contact import failed")
            message = _(
                "The import of %(file)s into %(fair)s failed: %(error)s",
                file=self.file_name or "",
                fair=self.fair_id.display_name,
                error=self.job_error,
            )
        else:
            title = _("Contact import finished")
            message = _(
                "%(file)s is imported into %(fair)s: %(rows)s rows, %(created)s contacts created, "
                "%(updated)s existing contacts completed, %(duplicates)s duplicates merged, "
                "%(skipped)s rows skipped.",
                file=self.file_name or "",
                fair=self.fair_id.display_name,
                rows=self.job_done_count,
                created=self.created_count,
                updated=self.updated_count,
                duplicates=self.duplicate_count,
                skipped=self.skipped_count,
            )
            if self.error_report:
                message += " " + _("The skipped rows and their reasons are in the attached error report.")
        attachments = []
        if self.error_report:
            attachments.append((self.error_report_name, base64.b64decode(self.error_report)))
        # sent by the system (OdooBot), not as the user: an author is not
        # notified of their own messages
        self.fair_id.with_user(SUPERUSER_ID).message_notify(
            partner_ids=user.partner_id.ids,
            author_id=self.env.ref("base.partner_root").id,
            subject=title,
            body=Markup("<p>%s</p>") % message,
            attachments=attachments,
            subtype_xmlid="mail.mt_note",
        )
        user._bus_send(
            "simple_notification",
            {
                "type": "warning" if self.job_error or self.skipped_count else "success",
                "title": title,
                "message": message,
                "sticky": True,
            },
        )

    # ------------------------------------------------------------------
    # A queued or running import is not vacuumed
    # ------------------------------------------------------------------

    def _transient_clean_rows_older_than(self, seconds):
        self.env.cr.execute(
            SQL(
                """SELECT id FROM expo_contact_import
                    WHERE state NOT IN %s
                      AND COALESCE(write_date, create_date, (now() AT TIME ZONE 'UTC'))::timestamp
                          < (now() AT TIME ZONE 'UTC') - interval %s""",
                RUNNING,
                f"{max(seconds, 300)} seconds",
            )
        )
        self.sudo().browse([row[0] for row in self.env.cr.fetchall()]).unlink()
