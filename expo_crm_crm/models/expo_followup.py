from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError


class ExpoFollowup(models.Model):
    _inherit = "expo.followup"

    lead_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        compute="_compute_lead_id",
        groups="sales_team.group_sale_salesman",
        help="The opportunity opened in the CRM pipeline when the contact was classified.",
    )
    failure_code = fields.Selection(
        selection_add=[("crm_lost", "The opportunity was lost; see the reason.")],
        ondelete={"crm_lost": "set null"},
    )

    def _compute_lead_id(self):
        leads = (
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            .search([("expo_followup_id", "in", self.ids)])
        )
        lead_of = {lead.expo_followup_id.id: lead.id for lead in leads}
        for followup in self:
            followup.lead_id = lead_of.get(followup.id, False)

    @api.model
    def _expo_schedule(self, participations):
        """Classifying also opens (or updates) the contacts' opportunities."""
        result = super()._expo_schedule(participations)
        classified = participations.filtered("followup_class_id")
        if classified:
            keys = {(p.partner_id.id, p.fair_id.id) for p in classified}
            followups = self.sudo().search(
                [
                    ("partner_id", "in", classified.partner_id.ids),
                    ("fair_id", "in", classified.fair_id.ids),
                ]
            ).filtered(lambda f: (f.partner_id.id, f.fair_id.id) in keys)
            followups._expo_crm_sync_leads()
        return result

    def _expo_crm_summary(self, participation):
        """Plain text of the classification: class, hesitation, note."""
        self.ensure_one()
        lines = [_("Class: %s", participation.followup_class_id.display_name)]
        if participation.hesitation_reason:
            reasons = dict(
                participation._fields["hesitation_reason"]._description_selection(self.env)
            )
            lines.append(_("Hesitation: %s", reasons[participation.hesitation_reason]))
        if participation.followup_note:
            lines.append(_("Note: %s", participation.followup_note))
        return "\n".join(lines)

    @api.model
    def _expo_crm_description(self, summary):
        return Markup("").join(Markup("<p>%s</p>") % line for line in summary.split("\n"))

    def _expo_crm_sync_leads(self):
        """Open one opportunity per follow-up whose class opens one, and bring
        the existing ones up to date (class tag, description); a few queries
        for the whole batch, as superuser (the owner's pipeline, whoever
        classifies)."""
        followups = self.sudo()
        if not followups:
            return self.env["crm.lead"]
        Lead = self.env["crm.lead"].sudo().with_context(
            active_test=False, mail_create_nosubscribe=True, tracking_disable=True
        )
        lead_of = {
            lead.expo_followup_id: lead
            for lead in Lead.search([("expo_followup_id", "in", followups.ids)])
        }
        main_of = {
            f: self._expo_main_participation(f.participation_ids | f.participation_id)
            for f in followups
        }
        class_of = {f: main_of[f].followup_class_id or f.class_id for f in followups}
        classes = self.env["expo.followup.class"].browse({c.id for c in class_of.values()})
        todo = followups.filtered(
            lambda f: f in lead_of or class_of[f].expo_open_opportunity
        )
        if not todo:
            return Lead.browse()
        tag_of = classes._expo_crm_tags()
        class_tags = self.env["expo.followup.class"].sudo().search(
            [("expo_crm_tag_id", "!=", False)]
        ).expo_crm_tag_id
        campaign_of = todo.fair_id._expo_crm_campaigns()
        source = self.env.ref("expo_crm_crm.utm_source_trade_fair", raise_if_not_found=False)
        teams = {}
        create_vals = []
        updated = Lead.browse()
        for followup in todo:
            fclass = class_of[followup]
            summary = followup._expo_crm_summary(main_of[followup])
            lead = lead_of.get(followup)
            if lead:
                vals = {}
                tags = (lead.tag_ids - class_tags) | tag_of[fclass]
                if tags != lead.tag_ids:
                    vals["tag_ids"] = [Command.set(tags.ids)]
                # An opportunity linked by hand gets the fair's marks.
                if not lead.campaign_id:
                    vals["campaign_id"] = campaign_of[followup.fair_id].id
                if not lead.source_id and source:
                    vals["source_id"] = source.id
                if not lead.expo_fair_id:
                    vals["expo_fair_id"] = followup.fair_id.id
                if summary != (lead.expo_summary or ""):
                    vals.update(
                        expo_summary=summary, description=self._expo_crm_description(summary)
                    )
                if vals:
                    lead.write(vals)
                    updated |= lead
                continue
            owner, company = followup.user_id, followup.company_id
            if company not in owner.company_ids:
                # An owner who cannot work in the fair's company: the
                # opportunity waits for a salesperson of that company.
                owner = owner.browse()
            if (owner, company) not in teams:
                Team = self.env["crm.team"].sudo().with_company(company)
                if owner:
                    team = Team._get_default_team_id(
                        user_id=owner.id, domain=[("company_id", "in", [False, company.id])]
                    )
                else:
                    team = Team.search([("company_id", "=", company.id)], limit=1)
                if team.company_id and team.company_id != company:
                    team = Team.browse()
                teams[owner, company] = team
            create_vals.append(
                {
                    "type": "opportunity",
                    "name": _(
                        "%(contact)s – %(fair)s",
                        contact=followup.partner_id.display_name,
                        fair=followup.fair_id.display_name,
                    ),
                    "partner_id": followup.partner_id.id,
                    "user_id": owner.id,
                    "team_id": teams[owner, company].id,
                    "company_id": company.id,
                    "campaign_id": campaign_of[followup.fair_id].id,
                    "source_id": source.id if source else False,
                    "tag_ids": [Command.set(tag_of[fclass].ids)],
                    "priority": fclass.priority,
                    "expo_summary": summary,
                    "description": self._expo_crm_description(summary),
                    "expo_followup_id": followup.id,
                    "expo_fair_id": followup.fair_id.id,
                }
            )
        created = Lead.create(create_vals) if create_vals else Lead.browse()
        return created | updated

    def action_expo_open_lead(self):
        self.ensure_one()
        if not self.lead_id:
            raise UserError(
                _("This follow-up has no opportunity: its class does not open one.")
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": self.lead_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {"default_type": "opportunity"},
        }
