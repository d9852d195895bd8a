"""Large contact files: imported by the cron in committed chunks, resumable,
without duplicates, the user notified with the result and the error report."""

import base64
import csv
import io
from datetime import date
from unittest.mock import patch

from odoo.tests import TransactionCase, tagged

THRESHOLD = "expo_crm_followup.import_background_rows"
CHUNK = "expo_crm_followup.import_chunk_rows"

NEW_EMAILS = [
    "anna@new.example.com", "ben@new.example.com", "carl@new.example.com",
    "dora@new.example.com", "eve@new.example.com", "fay@new.example.com",
]


def _csv(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return base64.b64encode(buffer.getvalue().encode("utf-8"))


@tagged("post_install", "-at_install")
class TestContactImportBackground(TransactionCase):
    # the day after the fair: its contacts may be marked attended
    freeze_time = "2031-04-20 09:00:00"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.fair = cls.env["expo.fair"].create(
            {"name": "Big File Fair 2031", "date_begin": date(2031, 4, 15), "date_end": date(2031, 4, 19)}
        )
        cls.user = cls.env["res.users"].create(
            {
                "name": "Big File Importer",
                "login": "expo_big_file_importer",
                "email": "importer@example.com",
                "notification_type": "inbox",
                "groups_id": [
                    (4, cls.env.ref("expo_crm.group_expo_user").id),
                    (4, cls.env.ref("base.group_partner_manager").id),
                ],
            }
        )
        cls.existing = cls.env["res.partner"].create(
            {"name": "Existing Buyer", "email": "existing.buyer@example.com"}
        )
        # chunks of 4 rows: rows 2-5, 6-9, 10-11 of the file
        cls.file = _csv(
            [
                ["Name", "Company", "Email", "Mobile", "Country"],
                ["Existing Buyer", "", "existing.buyer@example.com", "", ""],  # 2: update
                ["Anna New", "Acme Big", "anna@new.example.com", "", "China"],  # 3: new
                ["Bad Row", "", "bad@@example.com", "", ""],  # 4: skipped
                ["Ben New", "Acme Big", "ben@new.example.com", "", ""],  # 5: new
                ["Carl New", "", "carl@new.example.com", "", ""],  # 6: new
                ["Dora New", "", "dora@new.example.com", "", ""],  # 7: new
                ["Anna New", "", "ANNA@new.example.com", "", ""],  # 8: Anna again (2nd chunk)
                ["Eve New", "", "eve@new.example.com", "", ""],  # 9: new
                ["Fay New", "", "fay@new.example.com", "", ""],  # 10: new
                ["=HYPERLINK(1)", "", "x y@example.com", "", ""],  # 11: skipped
            ]
        )
        cls.env["ir.config_parameter"].set_param(THRESHOLD, "3")
        cls.env["ir.config_parameter"].set_param(CHUNK, "4")
        cls.cron = cls.env.ref("expo_crm_followup.ir_cron_expo_contact_import")

    def _wizard(self):
        return self.env["expo.contact.import"].with_user(self.user).create(
            {"fair_id": self.fair.id, "file": self.file, "file_name": "scans.csv", "user_id": self.user.id}
        )

    def _people(self, emails):
        return self.env["res.partner"].search([("email_normalized", "in", emails)])

    def _run_cron(self, **kwargs):
        self.env["expo.contact.import"]._cron_import_contacts(**kwargs)

    # ------------------------------------------------------------------

    def test_over_threshold_queues_instead_of_importing(self):
        wizard = self._wizard()
        triggers_before = self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.cron.id)])
        wizard.action_import()
        self.assertEqual(wizard.state, "queued")
        self.assertEqual(wizard.row_count, 10)
        self.assertEqual(wizard.job_done_count, 0)
        self.assertFalse(self._people(NEW_EMAILS), "nothing is imported while the user waits")
        self.assertFalse(wizard.line_ids)
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.cron.id)]),
            triggers_before + 1,
            "the import cron is triggered",
        )
        # a second click does not queue the file again
        wizard.action_import()
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.cron.id)]),
            triggers_before + 1,
        )

    def test_under_threshold_imports_at_once(self):
        self.env["ir.config_parameter"].set_param(THRESHOLD, "50")
        wizard = self._wizard()
        wizard.action_import()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(len(self._people(NEW_EMAILS)), 6)

    def test_job_imports_everything(self):
        wizard = self._wizard()
        wizard.action_import()
        with patch.object(type(self.env["ir.cron"]), "_notify_progress", autospec=True) as progress:
            self._run_cron()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(wizard.job_done_count, 10)
        self.assertEqual(wizard.job_next_row, 12)
        people = self._people(NEW_EMAILS)
        self.assertEqual(sorted(people.mapped("email_normalized")), sorted(NEW_EMAILS))
        # imported with the rights of the user who started it
        self.assertEqual(set(people.mapped("create_uid")), {self.user})
        self.assertEqual(people.filtered(lambda p: p.name == "Ben New").parent_id.name, "Acme Big")
        participations = self.env["expo.participation"].search([("fair_id", "=", self.fair.id)])
        self.assertEqual(participations.partner_id, people | self.existing)
        self.assertEqual(wizard.created_count, 6)
        self.assertEqual(wizard.skipped_count, 2)
        self.assertEqual(wizard.participation_created_count, 7)
        skipped = wizard.problem_line_ids.filtered(lambda line: line.status == "skip")
        self.assertEqual(sorted(skipped.mapped("row_number")), [4, 11])
        # progress reported after each chunk, nothing remaining at the end
        calls = [call.kwargs for call in progress.call_args_list]
        self.assertGreaterEqual(len(calls), 3)
        self.assertEqual(calls[-1]["remaining"], 0)
        self.assertEqual(calls[-1]["done"], 10, "rows done in this cron call")
        self.assertTrue(any(call["remaining"] > 0 for call in calls[:-1]))
        # the error report holds the skipped rows, cells escaped
        report = base64.b64decode(wizard.error_report).decode("utf-8-sig")
        lines = list(csv.reader(io.StringIO(report)))
        self.assertEqual([line[0] for line in lines[1:]], ["4", "11"])
        self.assertEqual(lines[2][1], "'=HYPERLINK(1)")
        self.assertIn("bad@@example.com", lines[1])

    def test_interrupted_job_resumes_without_duplicates(self):
        wizard = self._wizard()
        wizard.action_import()
        self._run_cron(max_chunks=1)
        # one chunk (rows 2-5) written, its position stored with it
        self.assertEqual(wizard.state, "running")
        self.assertEqual(wizard.job_next_row, 6)
        self.assertEqual(wizard.job_done_count, 4)
        self.assertEqual(len(self._people(NEW_EMAILS)), 2)
        self.assertEqual(wizard.job_progress, 40.0)
        # the worker "dies"; the cron runs again and goes on where it stopped
        self._run_cron()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(wizard.job_done_count, 10)
        for email in NEW_EMAILS:
            self.assertEqual(len(self._people([email])), 1, f"{email} imported once")
        participations = self.env["expo.participation"].search([("fair_id", "=", self.fair.id)])
        self.assertEqual(len(participations), 7, "one participation per person")
        self.assertEqual(wizard.created_count, 6)
        skipped = wizard.problem_line_ids.filtered(lambda line: line.status == "skip")
        self.assertEqual(sorted(skipped.mapped("row_number")), [4, 11], "each bad row reported once")
        # a job already done is not run again
        self._run_cron()
        self.assertEqual(wizard.created_count, 6)
        self.assertEqual(len(self._people(NEW_EMAILS)), 6)

    def test_user_notified_with_result_and_error_report(self):
        wizard = self._wizard()
        wizard.action_import()
        with patch.object(type(self.env["res.users"]), "_bus_send", autospec=True) as bus:
            self._run_cron()
        messages = self.env["mail.message"].search(
            [("model", "=", "expo.fair"), ("res_id", "=", self.fair.id),
             ("partner_ids", "in", self.user.partner_id.ids)]
        )
        self.assertEqual(len(messages), 1)
        self.assertEqual(messages.subject, "Contact import finished")
        self.assertIn("6 contacts created", messages.body)
        self.assertEqual(messages.attachment_ids.mapped("name"), ["scans-errors.csv"])
        self.assertIn(b"bad@@example.com", base64.b64decode(messages.attachment_ids.datas))
        self.assertTrue(
            self.env["mail.notification"].search(
                [("mail_message_id", "=", messages.id), ("res_partner_id", "=", self.user.partner_id.id)]
            ),
            "in the user's inbox",
        )
        popups = [call.args for call in bus.call_args_list if call.args[1] == "simple_notification"]
        self.assertEqual(len(popups), 1, "one notification in the browser")
        user, __, payload = popups[0]
        self.assertEqual(user, self.user)
        self.assertEqual(payload["title"], "Contact import finished")
        self.assertIn("6 contacts created", payload["message"])

    def test_chunk_that_crashes_stops_the_job_and_tells_the_user(self):
        wizard = self._wizard()
        wizard.action_import()
        Importer = type(self.env["expo.contact.importer"])
        execute = Importer._execute
        calls = []

        def crash_second_chunk(self, analysis, options):
            calls.append(1)
            if len(calls) == 2:
                raise RuntimeError("disk full")
            return execute(self, analysis, options)

        with patch.object(Importer, "_execute", crash_second_chunk):
            self._run_cron()
        self.assertEqual(wizard.state, "done")
        self.assertIn("stopped at row 6", wizard.job_error)
        self.assertIn("disk full", wizard.job_error)
        self.assertEqual(wizard.job_done_count, 4, "the first chunk stays imported")
        self.assertEqual(len(self._people(NEW_EMAILS)), 2)
        message = self.env["mail.message"].search(
            [("model", "=", "expo.fair"), ("res_id", "=", self.fair.id)]
        )
        self.assertEqual(message.subject, "Contact import failed")

    def test_large_file_preview_reads_first_chunk_only(self):
        wizard = self._wizard()
        wizard.action_preview()
        self.assertEqual(wizard.state, "preview")
        self.assertEqual(wizard.row_count, 10)
        self.assertEqual(sorted(wizard.line_ids.mapped("row_number")), [2, 3, 4, 5])
        self.assertIn("10 rows", wizard.job_note)
        wizard.action_import()
        self.assertEqual(wizard.state, "queued")

    def test_running_import_not_vacuumed(self):
        queued = self._wizard()
        queued.action_import()
        self._run_cron(max_chunks=1)
        finished = self._wizard()
        finished.state = "done"
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE expo_contact_import SET write_date = now() - interval '3 hours' WHERE id IN %s",
            [(queued.id, finished.id)],
        )
        self.env.cr.execute(
            "UPDATE expo_contact_import_line SET write_date = now() - interval '3 hours' WHERE wizard_id = %s",
            [queued.id],
        )
        self.env["expo.contact.import.line"]._transient_clean_rows_older_than(3600)
        self.env["expo.contact.import"]._transient_clean_rows_older_than(3600)
        self.assertTrue(queued.exists())
        self.assertTrue(queued.problem_line_ids.exists())
        self.assertFalse(finished.exists())
