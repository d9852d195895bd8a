from odoo import api, fields, models

from ..tools.stages import EXPO_STAGES

# The current company's relationship, as shown on the contact:
# {field on res.partner: field on expo.relationship}.
RELATIONSHIP_FIELDS = {
    "expo_stage": "stage",
    "expo_stage_date": "stage_date",
    "expo_stage_locked": "stage_locked",
    "expo_lost_reason": "lost_reason",
    "expo_attended_count": "attended_count",
    "expo_first_date": "first_date",
    "expo_last_date": "last_date",
}
# Those a user may set from the contact (written on the relationship).
WRITABLE = {"expo_stage", "expo_stage_locked", "expo_lost_reason"}


class ResPartner(models.Model):
    """Exhibition data on contacts: roles and participations (shared by the
    companies), and the current company's relationship (``expo.relationship``)
    shown as if it were the contact's own, so that a single-company user sees
    one stage per contact. Setting the stage here sets it on that
    relationship, created when missing."""

    _inherit = "res.partner"

    expo_role_ids = fields.Many2many(
        "expo.role",
        "expo_partner_role_rel",
        "partner_id",
        "role_id",
        string="Exhibition roles",
    )
    expo_participation_ids = fields.One2many(
        "expo.participation",
        "partner_id",
        string="Participations",
        groups="expo_crm.group_expo_user",
    )
    expo_participation_count = fields.Integer(
        compute="_compute_expo_participation_count",
        string="Participations count",
        groups="expo_crm.group_expo_user",
    )
    expo_relationship_ids = fields.One2many(
        "expo.relationship", "partner_id", string="Relationships",
        groups="expo_crm.group_expo_user",
    )
    expo_relationship_count = fields.Integer(
        compute="_compute_expo_relationship", string="Relationships count",
        groups="expo_crm.group_expo_user",
    )
    expo_relationship_id = fields.Many2one(
        "expo.relationship", compute="_compute_expo_relationship",
        string="Relationship", help="This company's relationship with the contact.",
    )
    expo_stage = fields.Selection(
        EXPO_STAGES, string="Relationship stage", compute="_compute_expo_relationship",
        search="_search_expo_stage", readonly=False,
    )
    expo_stage_date = fields.Date(
        string="In stage since", compute="_compute_expo_relationship"
    )
    expo_stage_locked = fields.Boolean(
        string="Stage locked", compute="_compute_expo_relationship",
        search="_search_expo_stage_locked", readonly=False,
        help="Keep the stage set by hand: the automatic rules leave this contact alone.",
    )
    expo_lost_reason = fields.Char(
        string="Lost reason", compute="_compute_expo_relationship", readonly=False,
        search="_search_expo_lost_reason", groups="expo_crm.group_expo_user",
    )
    expo_attended_count = fields.Integer(
        string="Editions attended", compute="_compute_expo_relationship"
    )
    expo_first_date = fields.Date(string="First attended", compute="_compute_expo_relationship")
    expo_last_date = fields.Date(string="Last attended", compute="_compute_expo_relationship")
    expo_stage_history_ids = fields.One2many(
        "expo.stage.history", compute="_compute_expo_relationship", string="Stage history"
    )

    # ------------------------------------------------------------------
    # The current company's relationship
    # ------------------------------------------------------------------

    def _expo_relationships(self, company=None):
        """{partner_id: relationship} in ``company`` (the current one)."""
        company = company or self.env.company
        relationships = (
            self.env["expo.relationship"]
            .sudo()
            .search([("partner_id", "in", self.ids), ("company_id", "=", company.id)])
        )
        return {rel.partner_id.id: rel.sudo(False) for rel in relationships}

    @api.depends_context("company")
    @api.depends(
        "expo_relationship_ids.stage", "expo_relationship_ids.stage_locked",
        "expo_relationship_ids.attended_count", "expo_relationship_ids.last_date",
    )
    def _compute_expo_relationship(self):
        Relationship = self.env["expo.relationship"]
        found = self._expo_relationships() if self.ids else {}
        counts = {}
        if self.ids:
            counts = {
                partner.id: count
                for partner, count in Relationship.sudo()._read_group(
                    [("partner_id", "in", self.ids), ("company_id", "in", self.env.companies.ids)],
                    ["partner_id"], ["__count"],
                )
            }
        for partner in self:
            rel = found.get(partner.id, Relationship)
            partner.expo_relationship_id = rel
            partner.expo_relationship_count = counts.get(partner.id, 0)
            sudo_rel = rel.sudo()
            for name, rel_name in RELATIONSHIP_FIELDS.items():
                partner[name] = sudo_rel[rel_name] if rel else False
            partner.expo_stage_history_ids = sudo_rel.history_ids.sudo(False)

    def _expo_relationship_domain(self, domain):
        return [
            ("expo_relationship_ids", "any",
             [("company_id", "=", self.env.company.id), *domain]),
        ]

    def _search_expo_stage(self, operator, value):
        if operator in ("=", "!=") and not value:
            has_stage = self._expo_relationship_domain([("stage", "!=", False)])
            return has_stage if operator == "!=" else ["!", *has_stage]
        if operator in ("!=", "not in"):
            positive = "=" if operator == "!=" else "in"
            return ["!", *self._expo_relationship_domain([("stage", positive, value)])]
        return self._expo_relationship_domain([("stage", operator, value)])

    def _search_expo_stage_locked(self, operator, value):
        wanted = bool(value) if operator == "=" else not value
        locked = self._expo_relationship_domain([("stage_locked", "=", True)])
        return locked if wanted else ["!", *locked]

    def _search_expo_lost_reason(self, operator, value):
        if operator in ("=", "!=") and not value:
            has_reason = self._expo_relationship_domain([("lost_reason", "!=", False)])
            return has_reason if operator == "!=" else ["!", *has_reason]
        return self._expo_relationship_domain([("lost_reason", operator, value)])

    def _compute_expo_participation_count(self):
        counts = {
            partner.id: count
            for partner, count in self.env["expo.participation"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        }
        for partner in self:
            partner.expo_participation_count = counts.get(partner.id, 0)

    @api.model
    def _expo_lost_domain(self):
        """Contacts this company marked lost by hand: left out of
        classification and invitations."""
        return self._expo_relationship_domain(self.env["expo.relationship"]._lost_domain())

    def _expo_ensure_relationship(self, company=None):
        """This company's relationships of these contacts, created when missing."""
        company = company or self.env.company
        found = self._expo_relationships(company)
        missing = self.filtered(lambda p: p.id not in found)
        Relationship = self.env["expo.relationship"]
        if missing:
            Relationship.create(
                [{"partner_id": partner.id, "company_id": company.id} for partner in missing]
            )
            found = self._expo_relationships(company)
        return Relationship.union(*(found[partner.id] for partner in self))

    # ------------------------------------------------------------------
    # Writes: the relationship's fields go to the relationship
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # Only what is set: a form sends its empty fields too.
        relationship_vals = [
            {
                RELATIONSHIP_FIELDS[key]: value
                for key in WRITABLE & set(vals)
                if (value := vals.pop(key))
            }
            for vals in vals_list
        ]
        partners = super().create(vals_list)
        for partner, rel_vals in zip(partners, relationship_vals):
            if rel_vals:
                partner._expo_ensure_relationship().write(rel_vals)
        # A contact created with an exhibition role is known to the fair.
        partners.filtered("expo_role_ids")._expo_update_stage()
        return partners

    def write(self, vals):
        rel_vals = {RELATIONSHIP_FIELDS[key]: vals[key] for key in WRITABLE & set(vals)}
        vals = {key: value for key, value in vals.items() if key not in WRITABLE}
        res = super().write(vals) if vals else True
        if rel_vals:
            self._expo_ensure_relationship().write(rel_vals)
        if "expo_role_ids" in vals and not rel_vals.get("stage_locked"):
            self._expo_update_stage()
        return res

    def _expo_update_stage(self):
        """Recompute these contacts' relationships (every company)."""
        return self.env["expo.lifecycle"]._run(self.ids) if self else 0

    @api.model
    def _cron_expo_lifecycle(self):
        return self.env["expo.lifecycle"]._cron()

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def action_expo_view_participations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "expo_crm.expo_participation_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_expo_view_relationships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "expo_crm.expo_relationship_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        if self.expo_relationship_count == 1 and self.expo_relationship_id:
            action.update(view_mode="form", res_id=self.expo_relationship_id.id, views=[(False, "form")])
        return action

    def action_expo_view_stage_history(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "expo_crm.expo_stage_history_action"
        )
        action["domain"] = [("relationship_id", "=", self.expo_relationship_id.id)]
        return action

    def action_expo_unlock_stage(self):
        """Give the contact back to the automatic rules (recomputed at once)."""
        self.expo_relationship_id.action_unlock_stage()
