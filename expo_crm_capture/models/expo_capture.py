"""The capture service: what the phone screen (and any script) calls.

SPECIFICATIONS
- ``expo_parse_badge(text)``: the text of a badge's QR code or barcode (vCard,
  MECARD, BIZCARD, an email, a URL or a registration code) → dict with any of
  name, company_name, function, email, phone, mobile, website, street, city,
  country_code (ISO 3166 alpha-2), badge_code.
- ``expo_read_card(image_bytes)``: a photo of a business card (bytes, or
  base64 text from the browser) → the same keys plus raw_text; the OCR runs
  outside the HTTP worker (see ``tools``).
- ``expo_save_capture(fair_id, values, class_code=None, note=None,
  client_uid=None)`` → the participation (see ``expo_capture_save``).
- ``expo_capture_start(fair_id=None)`` and ``expo_capture_today(fair_id)``:
  what the screen shows (fairs, classes, reasons, interests, countries, the
  user's captures of the day).
Everything runs with the caller's rights: the fair must be readable by the
user (company rules), contacts and participations are written as the user.
"""

import base64
import binascii
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import OcrError, parse_badge, read_card

# a fair is offered from a few days before it begins to a few days after
PICK_DAYS_BEFORE = 7
PICK_DAYS_AFTER = 14
MAX_IMAGE_BYTES = 15 * 1024 * 1024
# a badge is understood when one of these was read from it
UNDERSTOOD_KEYS = {"name", "company_name", "email", "phone", "mobile", "badge_code"}


def image_bytes_of(image):
    """Bytes of a photo given as bytes or as base64 text (a data URL too)."""
    if isinstance(image, bytes):
        return image
    if not isinstance(image, str) or not image:
        raise UserError(_("No photo was received."))
    if image.startswith("data:") and "," in image:
        image = image.split(",", 1)[1]
    try:
        return base64.b64decode(image, validate=False)
    except (binascii.Error, ValueError) as error:
        raise UserError(_("The photo could not be read.")) from error


class ExpoCapture(models.AbstractModel):
    _name = "expo.capture"
    _description = "Capture at the Fair (service)"

    # ------------------------------------------------------------------
    # Reading
    # ------------------------------------------------------------------

    @api.model
    def expo_parse_badge(self, text):
        """Fields read from the text of a badge's code (see module docstring)."""
        return parse_badge(text or "")

    @api.model
    def expo_read_badge(self, fair_id, text):
        """For the screen: the badge's fields, completed from the fair's
        registration list when its code is there; ``understood`` is False
        when nothing could be read from the text."""
        fair = self._expo_fair(fair_id)
        values = {k: v for k, v in self.expo_parse_badge(text).items() if v}
        values["understood"] = bool(set(values) & UNDERSTOOD_KEYS)
        registration = self._expo_registration(fair, values.get("badge_code"))
        if registration:
            partner = registration.partner_id
            values.setdefault("name", partner.name if not partner.is_company else False)
            values.setdefault(
                "company_name", partner.parent_id.name or partner.company_name or False
            )
            for fname in ("email", "mobile", "phone", "function"):
                values.setdefault(fname, partner[fname] or False)
            values.setdefault("country_code", partner.country_id.code or False)
            values["registered"] = True
        return values

    @api.model
    def _expo_registration(self, fair, badge_code):
        """The participation of the fair carrying this badge code (the
        registration list), if any."""
        Participation = self.env["expo.participation"]
        if not badge_code:
            return Participation
        return Participation.search(
            [("fair_id", "=", fair.id), ("badge_code", "=", badge_code),
             ("state", "!=", "cancelled")],
            limit=1,
        )

    @api.model
    def expo_read_card(self, image_bytes):
        """Fields read from the photo of a business card, plus raw_text."""
        self.env["expo.participation"].check_access("create")
        data = image_bytes_of(image_bytes)
        if len(data) > MAX_IMAGE_BYTES:
            raise UserError(_("The photo is too large (15 MB at most)."))
        try:
            # numbers printed without a country code are read as the company's
            return read_card(data, default_country=self.env.company.country_id.code or None)
        except OcrError as error:
            raise UserError(self._expo_ocr_message(error)) from error

    @api.model
    def _expo_ocr_message(self, error):
        """Why a card could not be read, in the user's language."""
        messages = {
            "unavailable": _("Cards cannot be read on this server: the OCR is not installed."),
            "timeout": _("Reading the card took too long. Try again, or type it."),
            "busy": _("The server is reading other cards. Try again in a moment."),
            "bad_image": _("This file is not a photo that can be read."),
            "too_large": _("The photo is too large (15 MB at most)."),
            "ocr_failed": _("The card could not be read. Try a sharper photo, or type it."),
            "crashed": _("The card reader stopped. Try again."),
        }
        return messages.get(getattr(error, "code", ""), messages["ocr_failed"])

    # ------------------------------------------------------------------
    # What the screen shows
    # ------------------------------------------------------------------

    @api.model
    def _expo_fair(self, fair_id):
        """The fair, readable by the user (company rules apply)."""
        fair = self.env["expo.fair"].browse(int(fair_id or 0)).exists()
        if not fair:
            raise UserError(_("This fair does not exist any more."))
        fair.check_access("read")
        if fair.state == "cancelled":
            raise UserError(_("%(fair)s is cancelled.", fair=fair.display_name))
        return fair

    @api.model
    def _expo_pickable_fairs(self):
        """The fairs under way or near; when there is none, the latest ones."""
        today = fields.Date.context_today(self)
        Fair = self.env["expo.fair"]
        domain = [("state", "!=", "cancelled"), ("company_id", "in", self.env.companies.ids)]
        near = Fair.search(
            domain
            + [
                ("date_begin", "<=", today + timedelta(days=PICK_DAYS_BEFORE)),
                ("date_end", ">=", today - timedelta(days=PICK_DAYS_AFTER)),
            ],
            order="date_begin desc, id desc",
        )
        return near or Fair.search(domain, order="date_begin desc, id desc", limit=8)

    @api.model
    def expo_capture_start(self, fair_id=None):
        """Everything the capture screen needs, in the user's language."""
        today = fields.Date.context_today(self)
        fairs = self._expo_pickable_fairs()
        fair = self.env["expo.fair"]
        if fair_id:
            fair = self._expo_fair(fair_id)
        else:
            under_way = fairs.filtered(lambda f: f.date_begin <= today <= f.date_end)
            if len(under_way) == 1:
                fair = under_way
        if fair and fair not in fairs:
            fairs |= fair
        classes = self._expo_classes(fair.company_id or self.env.company)
        Participation = self.env["expo.participation"]
        reasons = Participation._fields["hesitation_reason"]._description_selection(self.env)
        countries = self.env["res.country"].search_read([], ["code", "name"], limit=400)
        countries.sort(key=lambda c: c["name"])
        return {
            "fair_id": fair.id or False,
            "fairs": [
                {
                    "id": f.id,
                    "name": f.display_name,
                    "date_begin": fields.Date.to_string(f.date_begin),
                    "date_end": fields.Date.to_string(f.date_end),
                    "under_way": f.date_begin <= today <= f.date_end,
                }
                for f in fairs
            ],
            "classes": [
                {
                    "code": c.code,
                    "name": c.name,
                    "use_hesitation": c.use_hesitation,
                    "color": c.color,
                }
                for c in classes
            ],
            "reasons": [[key, label] for key, label in reasons],
            "interests": self.env["expo.industry.tag"].search_read([], ["name"], limit=60),
            "countries": [[c["code"], c["name"]] for c in countries],
            # the fair's country, else the company's
            "default_country": fair.country_id.code
            or (fair.company_id or self.env.company).country_id.code
            or False,
            "today": self.expo_capture_today(fair.id) if fair else [],
        }

    @api.model
    def _expo_classes(self, company):
        return self.env["expo.followup.class"].search(
            [("company_id", "in", [False, company.id])], order="sequence, id"
        )

    @api.model
    def expo_capture_today(self, fair_id):
        """The user's captures of the day at this fair, latest first."""
        fair = self._expo_fair(fair_id)
        tz_today = fields.Datetime.context_timestamp(self, fields.Datetime.now()).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
        since = fields.Datetime.now() - (
            fields.Datetime.context_timestamp(self, fields.Datetime.now()) - tz_today
        )
        logs = self.env["expo.capture.log"].search(
            [
                ("fair_id", "=", fair.id),
                ("user_id", "=", self.env.uid),
                ("create_date", ">=", since),
            ],
            limit=200,
        )
        result = []
        seen = set()
        for log in logs:
            participation = log.participation_id
            if participation.id in seen:
                continue
            seen.add(participation.id)
            partner = participation.partner_id
            result.append(
                {
                    "uid": log.client_uid,
                    "participation_id": participation.id,
                    "name": partner.name or "",
                    "company": partner.parent_id.name or partner.company_name or "",
                    "class_code": participation.followup_class_id.code or "",
                    "class_name": participation.followup_class_id.name or "",
                    "source": log.source,
                    "time": fields.Datetime.context_timestamp(self, log.create_date).strftime("%H:%M"),
                }
            )
        return result
