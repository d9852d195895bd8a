"""A pile of business cards after the fair: photos uploaded on a fair (several
files or a zip), read by OCR in the background, reviewed, confirmed.

SPECIFICATIONS
- Read the cards: a zip is unpacked (its images only), each photo becomes
  a pending line; the batch is queued and the cron triggered
  (``expo_card_batch_job``).
- The cron reads the pending lines one by one, committing each: a job that
  dies resumes at the first line not read; the progress is shown on the
  batch and reported to the cron (``_notify_progress``).
- Review: the lines read, editable (name, company, title, email, phones,
  country, class), the existing contact each one matches.
- Confirm: every line read and not yet saved goes through
  ``expo.capture.expo_save_capture`` with the id ``card-batch-<line id>``:
  confirming twice creates nothing new; the photo is kept on the contact.
"""

import io
import mimetypes
import zipfile

from odoo import _, api, fields, models
from odoo.exceptions import UserError

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff")
MAX_ZIP_IMAGES = 2000


class ExpoCardBatch(models.Model):
    _name = "expo.card.batch"
    _description = "Pile of Business Cards"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name")
    fair_id = fields.Many2one(
        "expo.fair", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(
        related="fair_id.company_id", store=True, index=True, string="Company"
    )
    user_id = fields.Many2one(
        "res.users", string="Started by", default=lambda self: self.env.user, readonly=True
    )
    state = fields.Selection(
        [
            ("draft", "Upload"),
            ("queued", "Waiting"),
            ("running", "Reading"),
            ("review", "To review"),
            ("done", "Confirmed"),
        ],
        default="draft",
        required=True,
        readonly=True,
    )
    upload_ids = fields.Many2many(
        "ir.attachment",
        "expo_card_batch_upload_rel",
        "batch_id",
        "attachment_id",
        string="Photos or zip",
        help="Photos of the cards (JPEG, PNG…), several at once, or a zip of them.",
    )
    line_ids = fields.One2many("expo.card.batch.line", "batch_id", string="Cards")
    card_count = fields.Integer(compute="_compute_counts", string="Number of cards")
    read_count = fields.Integer(compute="_compute_counts", string="Read")
    saved_count = fields.Integer(compute="_compute_counts", string="Saved")
    failed_count = fields.Integer(compute="_compute_counts", string="Not read")
    progress = fields.Float(compute="_compute_counts")
    job_error = fields.Text(string="Error", readonly=True)

    @api.depends("fair_id", "create_date")
    def _compute_name(self):
        for batch in self:
            batch.name = _(
                "Cards of %(fair)s", fair=batch.fair_id.display_name or ""
            )

    @api.depends("line_ids.state", "line_ids.participation_id")
    def _compute_counts(self):
        for batch in self:
            lines = batch.line_ids
            batch.card_count = len(lines)
            batch.read_count = len(lines.filtered(lambda card: card.state == "read"))
            batch.failed_count = len(lines.filtered(lambda card: card.state == "failed"))
            batch.saved_count = len(lines.filtered("participation_id"))
            done = batch.read_count + batch.failed_count
            batch.progress = 100.0 * done / len(lines) if lines else 0.0

    def _action_open(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "expo.card.batch",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    # ------------------------------------------------------------------
    # Upload
    # ------------------------------------------------------------------

    @api.model
    def _images_of(self, attachment):
        """[(file name, bytes, mimetype)] of an uploaded file: the file itself
        when it is an image, the images inside a zip."""
        name = attachment.name or ""
        data = attachment.raw or b""
        if name.lower().endswith(".zip") or data[:4] == b"PK\x03\x04":
            try:
                archive = zipfile.ZipFile(io.BytesIO(data))
            except zipfile.BadZipFile as error:
                raise UserError(_("%(file)s is not a readable zip.", file=name)) from error
            images = []
            for info in archive.infolist():
                base = info.filename.rsplit("/", 1)[-1]
                if info.is_dir() or base.startswith(".") or "__MACOSX" in info.filename:
                    continue
                if not base.lower().endswith(IMAGE_EXTENSIONS):
                    continue
                if len(images) >= MAX_ZIP_IMAGES:
                    break
                images.append(
                    (base, archive.read(info), mimetypes.guess_type(base)[0] or "image/jpeg")
                )
            return images
        if (attachment.mimetype or "").startswith("image/") or name.lower().endswith(
            IMAGE_EXTENSIONS
        ):
            return [(name, data, attachment.mimetype or "image/jpeg")]
        raise UserError(_("%(file)s is neither a photo nor a zip of photos.", file=name))

    def action_read_cards(self):
        """Turn the uploaded photos into pending cards and start the job."""
        self.ensure_one()
        self.env["expo.participation"].check_access("create")
        if self.state not in ("draft", "review"):
            return self._action_open()
        Attachment = self.env["ir.attachment"]
        vals_list = []
        for upload in self.upload_ids.sorted("id"):
            for name, data, mimetype in self._images_of(upload):
                photo = Attachment.create(
                    {
                        "name": name,
                        "raw": data,
                        "mimetype": mimetype,
                        "res_model": self._name,
                        "res_id": self.id,
                    }
                )
                vals_list.append({"batch_id": self.id, "attachment_id": photo.id})
        if not vals_list and not self.line_ids.filtered(lambda card: card.state == "pending"):
            raise UserError(_("Add the photos of the cards (or a zip of them) first."))
        self.env["expo.card.batch.line"].create(vals_list)
        uploads = self.upload_ids
        self.write({"upload_ids": [fields.Command.clear()], "state": "queued", "job_error": False})
        uploads.unlink()
        self.env.ref("expo_crm_capture.ir_cron_expo_card_batch").sudo()._trigger()
        return self._action_open()

    def action_refresh(self):
        self.ensure_one()
        return self._action_open()

    # ------------------------------------------------------------------
    # Confirm
    # ------------------------------------------------------------------

    def action_confirm(self):
        """Save every card read and not saved yet (see the module docstring)."""
        self.ensure_one()
        if self.state in ("queued", "running"):
            raise UserError(_("The cards are still being read."))
        Capture = self.env["expo.capture"]
        saved = 0
        for line in self.line_ids.filtered(lambda card: card.state == "read" and not card.participation_id):
            participation = Capture.expo_save_capture(
                self.fair_id.id,
                line._capture_values(),
                class_code=line.class_id.code or None,
                note=line.note or None,
                client_uid=f"card-batch-{line.id}",
            )
            line.participation_id = participation
            saved += 1
        self.state = "done"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("%(count)s contacts saved from the cards.", count=saved),
                "next": self._action_open(),
            },
        }
