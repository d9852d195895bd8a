"""Saving a capture: the contact matched or created, the participation
created (or the registration of its badge updated), the class written and
the follow-up scheduled at once, idempotent on the phone's capture id.

SPECIFICATIONS (``expo_save_capture``)
- ``values``: name, company_name, function, email, phone, mobile, website,
  street, city, country_code, badge_code; and from the screen: source (scan,
  card, manual), hesitation_reason, interest_ids, card_image (base64 photo
  kept as an attachment of the contact).
- a ``client_uid`` already saved in the fair's company returns its
  participation and changes nothing;
- a ``badge_code`` found on a participation of the fair (the registration
  list) completes that participation and its contact;
- else the contact is matched the way the contact import matches (email,
  E.164 phone, company + name) or created (the company as a company contact,
  the person as its child); its empty fields are filled, never overwritten;
- the participation: trade visitor, attended (registered while the fair has
  not begun), met today, the source, owner = the user, the badge code;
- ``class_code`` (A–E) sets the follow-up class, the hesitation reason when
  the class uses one, the note; the follow-up is scheduled with the engine
  of the classify wizard (``expo.followup._expo_schedule``).
"""

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .expo_capture import MAX_IMAGE_BYTES, UNDERSTOOD_KEYS, image_bytes_of

PARTNER_FIELDS = ("email", "phone", "mobile", "function", "street", "city", "website")
SOURCES = ("scan", "card", "manual")


def clean(value):
    return (value or "").strip() if isinstance(value, str) else value or False


class ExpoCapture(models.AbstractModel):
    _inherit = "expo.capture"

    @api.model
    def expo_save_capture(self, fair_id, values, class_code=None, note=None, client_uid=None):
        """Save one capture (see the module docstring); returns the participation."""
        fair = self._expo_fair(fair_id)
        values = dict(values or {})
        Log = self.env["expo.capture.log"]
        client_uid = clean(client_uid)
        if client_uid:
            done = Log.search(
                [("client_uid", "=", client_uid), ("company_id", "=", fair.company_id.id)], limit=1
            )
            if done:
                return done.participation_id
        Participation = self.env["expo.participation"]
        Participation.check_access("create")
        fclass = self._expo_class(fair, class_code)
        source = values.get("source") if values.get("source") in SOURCES else "manual"
        note = self._expo_badge_raw(values, clean(note))
        badge_code = clean(values.get("badge_code"))
        participation = self._expo_registration(fair, badge_code)
        partner = participation.partner_id or self._expo_contact(fair, values)
        if participation:
            self._expo_complete(partner, values)
        else:
            participation = self._expo_participation(fair, partner)
        vals = self._expo_participation_values(participation, fair, source, badge_code)
        if fclass:
            vals["followup_class_id"] = fclass.id
            reason = values.get("hesitation_reason") if fclass.use_hesitation else False
            vals["hesitation_reason"] = reason or False
        if note:
            old = participation.followup_note
            vals["followup_note"] = f"{old}\n{note}" if old and note not in old else note
        interests = [int(i) for i in values.get("interest_ids") or [] if str(i).isdigit()]
        if interests:
            vals["interest_tag_ids"] = [fields.Command.link(i) for i in interests]
        if participation:
            participation.write(vals)
        else:
            vals.update(
                partner_id=partner.id,
                fair_id=fair.id,
                company_id=fair.company_id.id,
                role_id=self.env.ref("expo_crm.role_trade_visitor").id,
            )
            participation = Participation.create(vals)
        if values.get("card_image"):
            self._expo_keep_photo(partner, values)
        if fclass:
            self.env["expo.followup"]._expo_schedule(participation)
        if client_uid:
            Log.create(
                {
                    "client_uid": client_uid,
                    "participation_id": participation.id,
                    "source": source,
                    "company_id": fair.company_id.id,
                }
            )
        return participation

    @api.model
    def expo_save_capture_for_screen(self, fair_id, values, class_code=None, note=None,
                                     client_uid=None):
        """``expo_save_capture`` for the phone: answers what the list of the
        day shows instead of a record."""
        participation = self.expo_save_capture(
            fair_id, values, class_code=class_code, note=note, client_uid=client_uid
        )
        return {
            "participation_id": participation.id,
            "name": participation.partner_id.name,
            "class_code": participation.followup_class_id.code or "",
            "followup_state": participation.followup_state,
        }

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------

    @api.model
    def _expo_badge_raw(self, values, note):
        """A badge scanned offline comes as its raw text: read it now, and
        keep the text in the note when it says nothing understood."""
        raw = clean(values.pop("badge_raw", None))
        if not raw:
            return note
        parsed = {k: v for k, v in self.expo_parse_badge(raw).items() if v}
        for key, value in parsed.items():
            if not values.get(key):
                values[key] = value
        if not set(parsed) & UNDERSTOOD_KEYS and raw not in (note or ""):
            note = f"{note}\n{raw}" if note else raw
        return note

    @api.model
    def _expo_class(self, fair, class_code):
        if not class_code:
            return self.env["expo.followup.class"]
        classes = self._expo_classes(fair.company_id).filtered(
            lambda c: (c.code or "").upper() == str(class_code).strip().upper()
        )
        if not classes:
            raise UserError(_("There is no follow-up class “%(code)s”.", code=class_code))
        # the company's own class before a shared one
        return classes.sorted(lambda c: not c.company_id)[0]

    @api.model
    def _expo_country(self, values):
        code = clean(values.get("country_code"))
        if not code:
            return self.env["res.country"]
        return self.env["res.country"].search([("code", "=", code.upper())], limit=1)

    @api.model
    def _expo_match(self, fair, values):
        """The existing contact of these values: the contact import's matching."""
        return self.env["expo.contact.importer"].expo_match_partner(
            dict(values), company=fair.company_id
        )[:1]

    @api.model
    def _expo_contact(self, fair, values):
        """The contact of a capture: matched, completed, or created."""
        partner = self._expo_match(fair, values)
        if partner:
            self._expo_complete(partner, values)
            return partner
        name = clean(values.get("name"))
        company_name = clean(values.get("company_name"))
        email = clean(values.get("email"))
        badge_code = clean(values.get("badge_code"))
        if not (name or company_name or email or clean(values.get("mobile"))
                or clean(values.get("phone"))):
            if not badge_code:
                raise UserError(_("Type at least a name, a company, an email or a phone number."))
            # a badge not on the registration list: named after it until completed
            name = _("Badge %(code)s", code=badge_code)
        Partner = self.env["res.partner"]
        country = self._expo_country(values)
        company = Partner
        if company_name:
            company = Partner.search(
                [("is_company", "=", True), ("name", "=ilike", company_name)], limit=1
            ) or Partner.create(
                {
                    "name": company_name,
                    "is_company": True,
                    "country_id": country.id,
                    "city": clean(values.get("city")),
                    "street": clean(values.get("street")),
                    "website": clean(values.get("website")),
                }
            )
            if not name and not email:
                return company
        vals = {
            "name": name or email or clean(values.get("mobile")) or clean(values.get("phone")),
            "parent_id": company.id,
            "country_id": country.id,
            "user_id": self.env.uid,
        }
        for fname in PARTNER_FIELDS:
            if fname == "website" and company:
                continue
            if fname in ("street", "city") and company:
                continue  # the company's address
            vals[fname] = clean(values.get(fname))
        return Partner.create(vals)

    @api.model
    def _expo_complete(self, partner, values):
        """Fill the contact's empty fields, never blank one out."""
        vals = {}
        for fname in PARTNER_FIELDS:
            value = clean(values.get(fname))
            if value and not partner[fname]:
                vals[fname] = value
        country = self._expo_country(values)
        if country and not partner.country_id:
            vals["country_id"] = country.id
        if vals:
            partner.write(vals)

    @api.model
    def _expo_participation(self, fair, partner):
        """The participation of the contact at the fair as a trade visitor
        (empty when there is none yet)."""
        role = self.env.ref("expo_crm.role_trade_visitor")
        return self.env["expo.participation"].search(
            [("partner_id", "=", partner.id), ("fair_id", "=", fair.id), ("role_id", "=", role.id)],
            limit=1,
        )

    @api.model
    def _expo_participation_values(self, participation, fair, source, badge_code):
        today = fields.Date.context_today(self)
        vals = {"met_date": today, "user_id": self.env.uid, "source": source}
        begun = fair.date_begin <= today
        if not participation:
            vals["state"] = "attended" if begun else "registered"
        elif participation.state in ("registered", "invited", "no_show") and begun:
            vals["state"] = "attended"
        elif participation.state == "cancelled":
            vals["state"] = "attended" if begun else "registered"
        if badge_code and not participation.badge_code:
            vals["badge_code"] = badge_code
        return vals

    @api.model
    def _expo_keep_photo(self, partner, values):
        data = image_bytes_of(values["card_image"])
        if len(data) > MAX_IMAGE_BYTES:
            raise UserError(_("The photo is too large (15 MB at most)."))
        attachment = self.env["ir.attachment"].create(
            {
                "name": clean(values.get("card_image_name")) or _("Business card.jpg"),
                "raw": data,
                "res_model": "res.partner",
                "res_id": partner.id,
            }
        )
        partner.message_post(
            body=Markup("<p>%s</p>") % _("Business card photographed at the fair."),
            attachment_ids=attachment.ids,
            subtype_xmlid="mail.mt_note",
        )
        return attachment
