from odoo import _, api, fields, models

from ..tools.stages import EXPO_STAGES


class ExpoRelationship(models.Model):
    """What one company knows of its relationship with one contact.

    SPECIFICATIONS

    - One record per contact and company (``unique(partner_id, company_id)``),
      as ``crm.lead`` is to a customer: contacts (``res.partner``) are shared
      between companies, relationships are not. Company record rules keep
      each company's stage, history and figures to itself.
    - The lifecycle service (``expo.lifecycle``) creates and updates them
      from the company's own fairs; ``expo_crm_loyalty`` adds the scores,
      values, tiers and segments.
    - A stage set by hand (form, kanban drag and drop, "mark as lost") locks
      it: the automatic rules then leave it alone until it is unlocked.
    - Every stage change writes one ``expo.stage.history`` row of the
      relationship, in the reader's language when read.
    """

    _name = "expo.relationship"
    _description = "Exhibition Relationship"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "stage_date desc, id desc"
    _rec_name = "partner_id"
    _check_company_auto = True

    # Indexed by the unique (partner_id, company_id) constraint.
    partner_id = fields.Many2one(
        "res.partner", string="Contact", required=True, ondelete="cascade",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company,
        ondelete="cascade",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    stage = fields.Selection(
        EXPO_STAGES,
        string="Relationship stage",
        copy=False,
        tracking=True,
        group_expand="_group_expand_stage",
    )
    stage_date = fields.Date(string="In stage since", readonly=True, copy=False)
    stage_locked = fields.Boolean(
        string="Stage locked",
        copy=False,
        help="Keep the stage set by hand: the automatic rules leave this relationship alone.",
    )
    lost_reason = fields.Char(string="Lost reason", copy=False)
    attended_count = fields.Integer(string="Editions attended", readonly=True, copy=False)
    first_date = fields.Date(string="First attended", readonly=True, copy=False)
    last_date = fields.Date(string="Last attended", readonly=True, copy=False)
    user_id = fields.Many2one(
        "res.users", string="Owner", index=True,
        help="Who looks after this relationship: the owner of the latest attended "
        "participation, else the contact's salesperson.",
    )
    history_ids = fields.One2many("expo.stage.history", "relationship_id", string="Stage history")
    participation_ids = fields.One2many(
        "expo.participation", compute="_compute_participation_ids", string="Participations"
    )
    participation_count = fields.Integer(string="Number of participations", compute="_compute_participation_ids")
    # The contact's own fields, for the kanban card and the filters.
    email = fields.Char(related="partner_id.email")
    phone = fields.Char(related="partner_id.phone")
    country_id = fields.Many2one(related="partner_id.country_id")
    role_ids = fields.Many2many(related="partner_id.expo_role_ids", string="Exhibition roles")
    is_company = fields.Boolean(related="partner_id.is_company")
    color = fields.Integer(compute="_compute_color")

    _sql_constraints = [
        (
            "partner_company_uniq",
            "unique(partner_id, company_id)",
            "A contact has one relationship per company.",
        ),
    ]

    @api.model
    def _group_expand_stage(self, values, domain):
        return [key for key, _label in EXPO_STAGES]

    def _compute_participation_ids(self):
        Participation = self.env["expo.participation"]
        found = Participation.search(
            [("partner_id", "in", self.partner_id.ids), ("company_id", "in", self.company_id.ids)]
        )
        for relationship in self:
            mine = found.filtered(
                lambda p, r=relationship: p.partner_id == r.partner_id
                and p.company_id == r.company_id
            )
            relationship.participation_ids = mine
            relationship.participation_count = len(mine)

    @api.depends("stage")
    def _compute_color(self):
        colors = {"cultivation": 4, "confirmation": 10, "trust": 10, "weakening": 2, "dissolution": 1}
        for relationship in self:
            relationship.color = colors.get(relationship.stage, 0)

    # ------------------------------------------------------------------
    # Manual changes (form, kanban drag and drop, mark as lost)
    # ------------------------------------------------------------------

    def write(self, vals):
        if "stage" not in vals or self.env.context.get("expo_stage_auto"):
            res = super().write(vals)
            if vals.get("stage_locked") is False:
                # Unlocked: the automatic rules apply again, at once.
                self.env["expo.lifecycle"]._run(self.partner_id.ids)
            return res
        new_stage = vals["stage"] or False
        changed = self.filtered(lambda r: (r.stage or False) != new_stage)
        before = {r.id: (r.stage, r.stage_date) for r in changed}
        today = fields.Date.context_today(self)
        vals = dict(vals)
        vals.setdefault("stage_locked", bool(new_stage))
        res = super().write(vals)
        if changed:
            # Only a real change restarts the time in stage.
            super(ExpoRelationship, changed).write({"stage_date": today})
            reason = self.env.context.get("expo_stage_reason") or _("Set by hand")
            rule = self.env.context.get("expo_stage_rule") or "manual"
            self.env["expo.stage.history"].sudo().create(
                [
                    {
                        "relationship_id": relationship.id,
                        "stage_from": before[relationship.id][0],
                        "stage_to": new_stage,
                        "rule": rule,
                        "reason": reason,
                        "user_id": self.env.user.id,
                        "days_in_previous_stage": (today - before[relationship.id][1]).days
                        if before[relationship.id][1]
                        else 0,
                    }
                    for relationship in changed
                ]
            )
            if new_stage == "weakening":
                self.env["expo.lifecycle"]._schedule_weakening_activities(changed)
        return res

    def action_unlock_stage(self):
        """Give the relationship back to the automatic rules (recomputed at once)."""
        self.write({"stage_locked": False, "lost_reason": False})

    def action_view_participations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "expo_crm.expo_participation_action"
        )
        action["domain"] = [
            ("partner_id", "=", self.partner_id.id), ("company_id", "=", self.company_id.id)
        ]
        action["context"] = {"default_partner_id": self.partner_id.id}
        return action

    def action_view_stage_history(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "expo_crm.expo_stage_history_action"
        )
        action["domain"] = [("relationship_id", "=", self.id)]
        return action

    def action_open_partner(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
        }

    @api.model
    def _lost_domain(self):
        """Relationships marked lost by hand (a reason given, the stage locked
        at dissolution): left out of classification and invitations."""
        return [("stage", "=", "dissolution"), ("stage_locked", "=", True)]
