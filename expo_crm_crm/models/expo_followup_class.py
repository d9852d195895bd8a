from odoo import api, fields, models


class ExpoFollowupClass(models.Model):
    _inherit = "expo.followup.class"

    expo_open_opportunity = fields.Boolean(
        string="Open an opportunity",
        help="Classifying a contact in this class opens an opportunity in the CRM "
        "pipeline (one per contact and fair) for the owner's sales team.",
    )
    expo_crm_tag_id = fields.Many2one(
        "crm.tag",
        string="CRM tag",
        copy=False,
        ondelete="set null",
        help="Tag of the opportunities of this class (created the first time "
        "it is needed).",
    )

    @api.model
    def _expo_class_a(self, companies):
        """{company: the class with code A of the company, else a shared one}."""
        classes = self.sudo().search(
            [("code", "=ilike", "A"), ("company_id", "in", [False, *companies.ids])],
        )
        return {
            company: classes.filtered(lambda c, co=company: c.company_id == co)[:1]
            or classes.filtered(lambda c: not c.company_id)[:1]
            for company in companies
        }

    def _expo_crm_tags(self):
        """{class: crm.tag}: one tag per class, named after the class in every
        installed language, created when missing (an existing tag of the same
        name is reused)."""
        missing = self.filtered(lambda c: not c.expo_crm_tag_id)
        if missing:
            Tag = self.env["crm.tag"].sudo().with_context(lang="en_US")
            names = {c: c.with_context(lang="en_US").display_name for c in missing}
            existing = {t.name: t for t in Tag.search([("name", "in", list(names.values()))])}
            to_create = [c for c in missing if names[c] not in existing]
            created = Tag.create([{"name": names[c], "color": c.color} for c in to_create])
            langs = [
                code for code, _name in self.env["res.lang"].get_installed() if code != "en_US"
            ]
            for fclass, tag in zip(to_create, created):
                if langs:
                    tag.update_field_translations(
                        "name",
                        {lang: fclass.with_context(lang=lang).display_name for lang in langs},
                    )
                existing[names[fclass]] = tag
            for fclass in missing:
                fclass.sudo().expo_crm_tag_id = existing[names[fclass]]
        return {fclass: fclass.sudo().expo_crm_tag_id for fclass in self}
