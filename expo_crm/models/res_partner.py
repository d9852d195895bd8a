import json
import logging
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.tools import SQL

from ..tools.settings import read_param

_logger = logging.getLogger(__name__)

EXPO_STAGES = [
    ("cultivation", "Cultivation"),
    ("confirmation", "Confirmation"),
    ("trust", "Trust"),
    ("weakening", "Weakening"),
    ("dissolution", "Dissolution"),
]

PARAM_DEFAULTS = {
    "expo_crm.active_window_months": 18,
    "expo_crm.dissolution_window_months": 24,
    "expo_crm.decline_ratio": 0.5,
}
# Accepted range of each setting (a stored value outside it gives the default).
PARAM_RANGES = {
    "expo_crm.active_window_months": (1, 1200),
    "expo_crm.dissolution_window_months": (1, 1200),
    "expo_crm.decline_ratio": (0.0, 1.0),
}


class ResPartner(models.Model):
    """Exhibition data on contacts and the relationship lifecycle.

    SPECIFICATIONS: the lifecycle engine (``_expo_compute_stages``)

    A contact's stage is computed from its attended participations (a
    participation counts when its state is *attended* and its fair is not
    cancelled), in this order of precedence:

    - locked (``expo_stage_locked``): the manual stage is kept;
    - no participation and no exhibition role: no stage;
    - known (a role, an invitation, a registration) but never attended:
      **cultivation**;
    - last attended edition ended before today minus the dissolution window
      (``expo_crm.dissolution_window_months``, 24): **dissolution**;
    - attended at least once and shows a warning signal: **weakening**.
      Signals: (a) a later edition of a series it attended has been held
      without it; (b) its latest booth area or fee is under
      ``expo_crm.decline_ratio`` (0.5) times the previous one; (c) any
      signal from ``_expo_stage_signals`` (the loyalty addon adds low
      satisfaction);
    - attended two or more editions, the last one inside the active window
      (``expo_crm.active_window_months``, 18): **trust**;
    - attended two or more editions but none inside the active window:
      **weakening**;
    - attended once: **confirmation**.

    Steps can be skipped (confirmation → dissolution). A change writes the
    stage, its date and one ``expo.stage.history`` row; an unchanged stage
    writes nothing. Entering weakening schedules an activity for the owner
    (setting ``expo_crm.weakening_activity``). The engine runs for the
    partners of changed participations and for everyone in the daily cron,
    with one aggregate query and batched writes whatever the partner count.
    """

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
    expo_attended_count = fields.Integer(
        string="Editions attended", readonly=True, copy=False
    )
    expo_first_date = fields.Date(string="First attended", readonly=True, copy=False)
    expo_last_date = fields.Date(string="Last attended", readonly=True, copy=False)
    expo_stage = fields.Selection(
        EXPO_STAGES,
        string="Relationship stage",
        index=True,
        copy=False,
        group_expand="_expo_group_expand_stage",
    )
    expo_stage_date = fields.Date(string="In stage since", readonly=True, copy=False)
    expo_stage_locked = fields.Boolean(
        string="Stage locked",
        copy=False,
        help="Keep the stage set by hand: the automatic rules leave this contact alone.",
    )
    expo_lost_reason = fields.Char(
        string="Lost reason", copy=False, groups="expo_crm.group_expo_user"
    )
    expo_stage_history_ids = fields.One2many(
        "expo.stage.history", "partner_id", string="Stage history"
    )

    # ------------------------------------------------------------------
    # Computes and UI helpers
    # ------------------------------------------------------------------

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
    def _expo_group_expand_stage(self, values, domain):
        return [key for key, _label in EXPO_STAGES]

    def action_expo_view_participations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "expo_crm.expo_participation_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_expo_view_stage_history(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "expo_crm.expo_stage_history_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        return action

    @api.model
    def _expo_lost_domain(self):
        """Contacts marked lost by hand (a reason given, the stage locked at
        dissolution): left out of classification and invitations."""
        return [("expo_stage", "=", "dissolution"), ("expo_stage_locked", "=", True)]

    def action_expo_unlock_stage(self):
        """Give the contact back to the automatic rules (recomputed at once)."""
        self.write({"expo_stage_locked": False, "expo_lost_reason": False})

    # ------------------------------------------------------------------
    # Manual stage changes (form, kanban drag and drop)
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        # A contact created with an exhibition role is known to the fair.
        partners.filtered("expo_role_ids")._expo_update_stage()
        return partners

    def write(self, vals):
        if "expo_stage" not in vals or self.env.context.get("expo_stage_auto"):
            res = super().write(vals)
            if vals.get("expo_stage_locked") is False or "expo_role_ids" in vals:
                # Unlocked or roles changed: the automatic rules apply again.
                self._expo_update_stage()
            return res
        new_stage = vals["expo_stage"] or False
        changed = self.filtered(lambda p: (p.expo_stage or False) != new_stage)
        before = {p.id: (p.expo_stage, p.expo_stage_date) for p in changed}
        today = fields.Date.context_today(self)
        vals = dict(vals)
        vals.setdefault("expo_stage_locked", bool(new_stage))
        res = super().write(vals)
        if changed:
            # Only a real change restarts the time in stage.
            super(ResPartner, changed).write({"expo_stage_date": today})
            reason = self.env.context.get("expo_stage_reason") or _("Set by hand")
            rule = self.env.context.get("expo_stage_rule") or "manual"
            self.env["expo.stage.history"].sudo().create(
                [
                    {
                        "partner_id": partner.id,
                        "stage_from": before[partner.id][0],
                        "stage_to": new_stage,
                        "rule": rule,
                        "reason": reason,
                        "user_id": self.env.user.id,
                        "days_in_previous_stage": (today - before[partner.id][1]).days
                        if before[partner.id][1]
                        else 0,
                    }
                    for partner in changed
                ]
            )
            if new_stage == "weakening":
                changed._expo_schedule_weakening_activities(
                    {p.id: (p.user_id.id or self.env.user.id) for p in changed}
                )
        if "expo_role_ids" in vals and not vals["expo_stage_locked"]:
            self._expo_update_stage()
        return res

    # ------------------------------------------------------------------
    # Lifecycle engine
    # ------------------------------------------------------------------

    @api.model
    def _expo_lifecycle_params(self):
        return {
            key: read_param(self.env, key, default, *PARAM_RANGES[key])
            for key, default in PARAM_DEFAULTS.items()
        }

    def _expo_stage_signals(self, partner_ids):
        """Extra weakening signals: ``{partner_id: (rule, reason)}``.

        ``partner_ids`` is a list of ids, or None for every partner. Addons
        override this with one aggregate query (never one per partner) and
        merge their result with super()'s.
        """
        return {}

    def _expo_compute_stages(self, partner_ids=None):
        """Return ``{partner_id: (stage, rule, reason, facts)}`` for the given
        ids (None: every partner with exhibition data or a stage), where
        facts = (attended_count, first_date, last_date, owner_id)."""
        params = self._expo_lifecycle_params()
        today = fields.Date.context_today(self)
        active_limit = today - relativedelta(months=params["expo_crm.active_window_months"])
        dissolution_limit = today - relativedelta(
            months=params["expo_crm.dissolution_window_months"]
        )
        ratio = params["expo_crm.decline_ratio"]
        self.env.flush_all()
        if partner_ids is None:
            scope = SQL("TRUE")
            scope_p = SQL("TRUE")
        else:
            scope = SQL("partner_id = ANY(%s)", list(partner_ids))
            scope_p = SQL("rp.id = ANY(%s)", list(partner_ids))
        query = SQL(
            """
            WITH per_fair AS (
                -- one row per partner and attended edition (a partner may
                -- hold several roles at the same fair: sum its area and fee)
                SELECT p.partner_id, p.fair_id, f.series_id,
                       f.date_begin, f.date_end,
                       SUM(COALESCE(p.area_sqm, 0))::float AS area,
                       SUM(COALESCE(p.fee_amount, 0))::float AS fee,
                       MAX(p.user_id) AS user_id
                  FROM expo_participation p
                  JOIN expo_fair f ON f.id = p.fair_id
                 WHERE p.state = 'attended' AND f.state != 'cancelled' AND %(scope_a)s
              GROUP BY p.partner_id, p.fair_id, f.series_id, f.date_begin, f.date_end
            ),
            att AS (
                SELECT per_fair.*,
                       ROW_NUMBER() OVER (PARTITION BY partner_id
                                          ORDER BY date_begin DESC, fair_id DESC) AS rn
                  FROM per_fair
            ),
            agg AS (
                SELECT partner_id,
                       COUNT(*) AS attended,
                       MIN(date_begin) AS first_date,
                       MAX(date_end) AS last_date,
                       MAX(area) FILTER (WHERE rn = 1) AS area1,
                       MAX(area) FILTER (WHERE rn = 2) AS area2,
                       MAX(fee) FILTER (WHERE rn = 1) AS fee1,
                       MAX(fee) FILTER (WHERE rn = 2) AS fee2,
                       MAX(user_id) FILTER (WHERE rn = 1) AS owner
                  FROM att GROUP BY partner_id
            ),
            latest AS (
                SELECT DISTINCT ON (series_id) series_id, date_begin
                  FROM expo_fair
                 WHERE series_id IS NOT NULL AND state != 'cancelled' AND date_end < %(today)s
              ORDER BY series_id, date_begin DESC, id DESC
            ),
            skipped AS (
                SELECT DISTINCT partner_id FROM (
                    SELECT a.partner_id
                      FROM att a JOIN latest l ON l.series_id = a.series_id
                  GROUP BY a.partner_id, a.series_id
                    HAVING MAX(a.date_begin) < MAX(l.date_begin)) s
            ),
            known AS (
                SELECT partner_id FROM expo_participation
                 WHERE state != 'cancelled' AND %(scope_a)s
                UNION
                SELECT partner_id FROM expo_partner_role_rel WHERE %(scope_a)s
            )
            -- joins, not correlated sub-queries: those turn quadratic once
            -- their hash no longer fits in work_mem (100,000+ partners)
            SELECT rp.id, rp.expo_stage, rp.expo_stage_locked, rp.user_id,
                   agg.attended, agg.first_date, agg.last_date,
                   agg.area1, agg.area2, agg.fee1, agg.fee2, agg.owner,
                   sk.partner_id IS NOT NULL,
                   kn.partner_id IS NOT NULL
              FROM res_partner rp
              LEFT JOIN agg ON agg.partner_id = rp.id
              LEFT JOIN skipped sk ON sk.partner_id = rp.id
              LEFT JOIN known kn ON kn.partner_id = rp.id
             WHERE %(scope_p)s
               AND (rp.expo_stage IS NOT NULL OR kn.partner_id IS NOT NULL)
            """,
            scope_a=scope,
            scope_p=scope_p,
            today=today,
        )
        # JIT compilation costs more than it saves on this one-shot query.
        self.env.cr.execute("SET LOCAL jit = off")
        self.env.cr.execute(query)
        rows = self.env.cr.fetchall()
        signal_ids = [row[0] for row in rows if row[4]]
        signals = self._expo_stage_signals(signal_ids) if signal_ids else {}
        self.env.cr.execute("RESET jit")
        # The rules' sentences, in this user's language (history rows keep
        # the rule and its values: each reader sees them in theirs).
        msg = self.env["expo.stage.history"]._expo_rule_messages()
        result = {}
        for (
            pid, current, locked, partner_owner, attended, first, last,
            area1, area2, fee1, fee2, owner, skipped, known,
        ) in rows:
            facts = (attended or 0, first, last, partner_owner or owner)
            if locked:
                result[pid] = (current, None, None, facts)
                continue
            if not attended:
                if known:
                    result[pid] = ("cultivation", "first_contact", (msg["first_contact"], {}), facts)
                else:
                    result[pid] = (False, "no_data", (msg["no_data"], {}), facts)
            elif last < dissolution_limit:
                result[pid] = (
                    "dissolution",
                    "dissolution_window",
                    (msg["dissolution_window"] % {"date": last}, {"date": str(last)}),
                    facts,
                )
            elif skipped:
                result[pid] = ("weakening", "skipped_edition", (msg["skipped_edition"], {}), facts)
            elif attended > 1 and (
                (area2 and area1 < ratio * area2) or (fee2 and fee1 < ratio * fee2)
            ):
                result[pid] = ("weakening", "decline", (msg["decline"], {}), facts)
            elif pid in signals:
                rule, reason, *values = signals[pid]
                result[pid] = ("weakening", rule, (reason, values[0] if values else None), facts)
            elif attended > 1 and last >= active_limit:
                result[pid] = (
                    "trust",
                    "repeat_attendance",
                    (msg["repeat_attendance"] % {"count": attended}, {"count": attended}),
                    facts,
                )
            elif attended > 1:
                result[pid] = ("weakening", "inactive", (msg["inactive"], {}), facts)
            else:
                result[pid] = ("confirmation", "first_attendance", (msg["first_attendance"], {}), facts)
        return result

    def _expo_update_stage(self):
        """Recompute the lifecycle of these partners (all partners when
        called on an empty recordset from the cron, see ``_cron_expo_lifecycle``)."""
        if not self:
            return 0
        return self._expo_apply_stages(self._expo_compute_stages(self.ids))

    @api.model
    def _cron_expo_lifecycle(self):
        changed = self._expo_apply_stages(self._expo_compute_stages(None))
        _logger.info("Exhibition lifecycle: %s stage changes", changed)
        return changed

    @api.model
    def _expo_apply_stages(self, computed):
        """Write stages and facts in bulk; only changes touch the partner and
        the history. Returns the number of stage changes."""
        if not computed:
            return 0
        cr = self.env.cr
        today = fields.Date.context_today(self)
        now = fields.Datetime.now()
        ids = list(computed)
        cr.execute(
            """SELECT id, expo_stage, expo_stage_date, expo_attended_count,
                      expo_first_date, expo_last_date
                 FROM res_partner WHERE id = ANY(%s)""",
            [ids],
        )
        current = {row[0]: row[1:] for row in cr.fetchall()}
        facts_rows, stage_rows, history = [], [], []
        weakening_owner = {}
        for pid, (stage, rule, reason, facts) in computed.items():
            old_stage, old_date, old_count, old_first, old_last = current[pid]
            attended, first, last, owner = facts
            if (old_count or 0, old_first, old_last) != (attended, first, last):
                facts_rows.append((pid, attended, first, last))
            if rule is None or (stage or None) == (old_stage or None):
                continue
            stage_rows.append((pid, stage or None))
            history.append(
                (
                    pid,
                    old_stage,
                    stage or None,
                    rule,
                    reason[0] if isinstance(reason, tuple) else reason,
                    json.dumps(reason[1]) if isinstance(reason, tuple) and reason[1] is not None
                    else None,
                    (today - old_date).days if old_date else 0,
                )
            )
            if stage == "weakening":
                weakening_owner[pid] = owner
        if facts_rows or stage_rows:
            # One UPDATE for facts and stages: each row of res_partner is
            # rewritten once (its many indexes make every rewrite count).
            stage_of = dict(stage_rows)
            facts_of = {row[0]: row[1:] for row in facts_rows}
            rows = []
            for pid in facts_of.keys() | stage_of.keys():
                attended, first, last = facts_of.get(pid) or computed[pid][3][:3]
                rows.append((pid, attended, first, last, pid in stage_of, stage_of.get(pid)))
            cr.execute(
                """UPDATE res_partner rp
                      SET expo_attended_count = v.attended,
                          expo_first_date = v.first_date,
                          expo_last_date = v.last_date,
                          expo_stage = CASE WHEN v.moved THEN v.stage ELSE rp.expo_stage END,
                          expo_stage_date = CASE WHEN v.moved THEN %s ELSE rp.expo_stage_date END,
                          write_date = CASE WHEN v.moved THEN %s ELSE rp.write_date END,
                          write_uid = CASE WHEN v.moved THEN %s ELSE rp.write_uid END
                     FROM (SELECT unnest(%s::int[]) AS id, unnest(%s::int[]) AS attended,
                                  unnest(%s::date[]) AS first_date, unnest(%s::date[]) AS last_date,
                                  unnest(%s::bool[]) AS moved, unnest(%s::varchar[]) AS stage) v
                    WHERE rp.id = v.id""",
                [today, now, self.env.uid] + [list(col) for col in zip(*rows)],
            )
        if stage_rows:
            cols = [list(col) for col in zip(*history)]
            cr.execute(
                """INSERT INTO expo_stage_history
                       (partner_id, stage_from, stage_to, rule, reason, reason_values,
                        days_in_previous_stage, date, user_id, company_id,
                        create_uid, create_date, write_uid, write_date)
                   SELECT v.pid, v.sfrom, v.sto, v.rule, v.reason, v.rv::jsonb, v.days,
                          %s, %s, rp.company_id, %s, %s, %s, %s
                     FROM (SELECT unnest(%s::int[]) AS pid, unnest(%s::varchar[]) AS sfrom,
                                  unnest(%s::varchar[]) AS sto, unnest(%s::varchar[]) AS rule,
                                  unnest(%s::varchar[]) AS reason, unnest(%s::text[]) AS rv,
                                  unnest(%s::int[]) AS days) v
                     JOIN res_partner rp ON rp.id = v.pid""",
                [now, self.env.uid, self.env.uid, now, self.env.uid, now] + cols,
            )
        if facts_rows or stage_rows:
            touched = self.browse({row[0] for row in facts_rows} | {row[0] for row in stage_rows})
            self.invalidate_model(
                ["expo_stage", "expo_stage_date", "expo_attended_count",
                 "expo_first_date", "expo_last_date", "write_date", "write_uid"]
            )
            self.env["expo.stage.history"].invalidate_model()
            touched.modified(["expo_stage", "expo_attended_count", "expo_last_date"])
        if weakening_owner:
            self.browse(list(weakening_owner))._expo_schedule_weakening_activities(weakening_owner)
        return len(stage_rows)

    def _expo_schedule_weakening_activities(self, owners):
        """One activity per partner entering weakening, for its owner
        (``owners``: {partner_id: user_id}), unless switched off.

        Set-based like the rest of the engine: the activities and the owners'
        follower subscriptions are inserted with a constant number of queries
        whatever the number of partners (the ORM would insert them a hundred
        at a time and read each partner's name on its own)."""
        Activity = self.env["mail.activity"]
        if not self or not read_param(self.env, "expo_crm.weakening_activity", True):
            return Activity
        activity_type = self.env["mail.activity.type"].browse(
            read_param(self.env, "expo_crm.weakening_activity_type_id", 0, 0, 2**31 - 1)
        ).exists() or self.env.ref(
            "expo_crm.mail_activity_type_expo_weakening", raise_if_not_found=False
        )
        if not activity_type:
            return Activity
        fallback = self.env.ref("base.user_admin", raise_if_not_found=False) or self.env.user
        deadline = fields.Date.context_today(self) + relativedelta(
            **{activity_type.delay_unit or "days": activity_type.delay_count or 0}
        )
        partner_ids = self.ids
        user_ids = [owners.get(pid) or fallback.id for pid in partner_ids]
        # Each owner reads the summary in their own language.
        users = self.env["res.users"].sudo().browse(set(user_ids))
        lang_of = {user.id: user.lang or self.env.lang for user in users}
        summary_in = {}
        for lang in set(lang_of.values()):
            localized = activity_type.with_context(lang=lang)
            summary_in[lang] = localized.summary or self.with_context(lang=lang).env._(
                "Find out why this relationship is weakening"
            )
        summaries = [summary_in[lang_of[uid]] for uid in user_ids]
        now = fields.Datetime.now()
        self.flush_recordset(["complete_name"])
        cr = self.env.cr
        cr.execute(
            """
            INSERT INTO mail_activity
                   (res_model_id, res_model, res_id, res_name, activity_type_id,
                    summary, date_deadline, user_id, user_tz, automated, active,
                    create_uid, create_date, write_uid, write_date)
            SELECT %(model_id)s, 'res.partner', v.pid, rp.complete_name, %(type_id)s,
                   v.summary, %(deadline)s, v.uid, up.tz, TRUE, TRUE,
                   %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM unnest(%(pids)s::int[], %(uids)s::int[], %(summaries)s::varchar[])
                   AS v(pid, uid, summary)
              JOIN res_partner rp ON rp.id = v.pid
              JOIN res_users u ON u.id = v.uid
              JOIN res_partner up ON up.id = u.partner_id
         RETURNING id
            """,
            {
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "type_id": activity_type.id,
                "summaries": summaries,
                "deadline": deadline,
                "uid": self.env.uid,
                "now": now,
                "pids": partner_ids,
                "uids": user_ids,
            },
        )
        activities = Activity.browse([row[0] for row in cr.fetchall()])
        # The owner follows the contact, as when an activity is assigned by hand.
        subtype_ids = self.env["mail.message.subtype"].default_subtypes("res.partner")[0].ids
        cr.execute(
            """
            WITH new_followers AS (
                INSERT INTO mail_followers (res_model, res_id, partner_id)
                SELECT DISTINCT 'res.partner', v.pid, u.partner_id
                  FROM unnest(%(pids)s::int[], %(uids)s::int[]) AS v(pid, uid)
                  JOIN res_users u ON u.id = v.uid
                ON CONFLICT (res_model, res_id, partner_id) DO NOTHING
             RETURNING id
            )
            INSERT INTO mail_followers_mail_message_subtype_rel
                   (mail_followers_id, mail_message_subtype_id)
            SELECT f.id, s.id FROM new_followers f CROSS JOIN unnest(%(subtypes)s::int[]) AS s(id)
            """,
            {"pids": partner_ids, "uids": user_ids, "subtypes": subtype_ids},
        )
        Activity.invalidate_model()
        self.env["mail.followers"].invalidate_model()
        self.invalidate_recordset(["activity_ids", "message_follower_ids", "message_partner_ids"])
        if deadline <= fields.Date.today():
            # Due today: refresh the owners' activity counters, as Odoo does.
            counts = defaultdict(int)
            for user_id in user_ids:
                counts[user_id] += 1
            for user in self.env["res.users"].browse(list(counts)):
                user._bus_send(
                    "mail.activity/updated",
                    {"activity_created": True, "count_diff": counts[user.id]},
                )
        return activities
