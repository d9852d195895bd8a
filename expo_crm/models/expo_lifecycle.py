import json
import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..tools.lifecycle_sql import daily_partners_query, lifecycle_query
from ..tools.run_state import full_run_due, rates_fingerprint, read_run_state, write_run_state
from ..tools.settings import read_param
from ..tools.stages import FULL_RUN_DAYS, PARAM_DEFAULTS, PARAM_RANGES, RUN_STATE_PARAM

_logger = logging.getLogger(__name__)


class ExpoLifecycle(models.AbstractModel):
    """The relationship lifecycle engine, one service for the changes of a
    few contacts and for the daily cron.

    SPECIFICATIONS

    Each company's relationship with a contact (``expo.relationship``) is
    computed from that company's fairs only. A participation counts as
    attended when its state is *attended* and its fair is not cancelled
    (``expo.participation._expo_attended_domain``, the one rule). In order
    of precedence:

    - locked (``stage_locked``): the manual stage is kept;
    - no participation and no exhibition role: no stage;
    - known (a role, an invitation, a registration) but never attended:
      **cultivation**;
    - last attended edition ended before today minus the dissolution window
      (``expo_crm.dissolution_window_months``, 24): **dissolution**;
    - attended at least once and shows a warning signal: **weakening**.
      Signals: (a) a later edition of a series it attended has been held
      without it; (b) its latest booth area or fee (in the company's
      currency, at each fair's date) is under ``expo_crm.decline_ratio``
      (0.5) times the previous one; (c) any signal of ``_signals`` (the
      loyalty addon adds low satisfaction);
    - attended two or more editions, the last one inside the active window
      (``expo_crm.active_window_months``, 18): **trust**;
    - attended two or more editions but none inside the active window:
      **weakening**;
    - attended once: **confirmation**.

    A contact known by its roles only gets a relationship in its own company
    (else the current one). Steps can be skipped. A change writes the stage,
    its date and one ``expo.stage.history`` row; an unchanged stage writes
    nothing. Moving into weakening from another stage schedules an activity
    on the relationship for its owner (setting
    ``expo_crm.weakening_activity``); a relationship first computed in
    weakening (the first run, a load of past fairs) gets none. One aggregate query
    and set-based writes whatever the number of contacts.

    The daily cron: whatever is written (participations, fairs, roles,
    surveys) recomputes its contacts at once, so what a day changes by
    itself is a window crossed (dissolution, or trust past the active
    window) and an edition that ended (its series' attendees may now have
    skipped it). The cron recomputes those contacts only, and every
    relationship when it has never run, when the rules' settings or a
    currency rate changed since its last run, and at least every
    ``FULL_RUN_DAYS`` days.
    """

    _name = "expo.lifecycle"
    _description = "Relationship Lifecycle Engine"

    @api.model
    def _params(self):
        return {
            key: read_param(self.env, key, default, *PARAM_RANGES[key])
            for key, default in PARAM_DEFAULTS.items()
        }

    @api.model
    def _signals(self, pairs):
        """Extra weakening signals: ``{(partner_id, company_id): (rule,
        reason, values)}`` for the given pairs (a list). Addons override this
        with one aggregate query and merge their result with super()'s."""
        return {}

    # ------------------------------------------------------------------
    # Entry points
    # ------------------------------------------------------------------

    @api.model
    def _run(self, partner_ids=None):
        """Recompute the relationships of these contacts (every contact when
        None). Returns the number of stage changes."""
        if partner_ids is not None and not partner_ids:
            return 0
        return self._apply(self._compute(partner_ids))

    @api.model
    def _cron(self):
        """The daily run (see SPECIFICATIONS). Returns the number of stage
        changes."""
        params = self._params()
        today = fields.Date.context_today(self)
        state = read_run_state(self.env, RUN_STATE_PARAM)
        rates = rates_fingerprint(self.env)
        full = full_run_due(state, params, rates, today, FULL_RUN_DAYS)
        if full:
            changed = self._run(None)
            full_date = today
        else:
            active_limit, dissolution_limit = self._limits(params, today)
            self.env.flush_all()
            self.env.cr.execute(daily_partners_query(
                state["date"], today, active_limit, dissolution_limit
            ))
            changed = self._run([row[0] for row in self.env.cr.fetchall()])
            full_date = state["full"]
        write_run_state(
            self.env, RUN_STATE_PARAM, date=today, full=full_date, rules=params, rates=rates
        )
        _logger.info(
            "Exhibition lifecycle (%s run): %s stage changes", "full" if full else "daily", changed
        )
        return changed

    @api.model
    def _limits(self, params, today):
        """(active window's limit, dissolution window's limit) on ``today``."""
        return (
            today - relativedelta(months=params["expo_crm.active_window_months"]),
            today - relativedelta(months=params["expo_crm.dissolution_window_months"]),
        )

    # ------------------------------------------------------------------
    # The rules
    # ------------------------------------------------------------------

    @api.model
    def _compute(self, partner_ids=None):
        """``{(partner_id, company_id): (relationship_id, stage, rule, reason,
        facts, current)}`` with facts = (attended, first_date, last_date,
        owner_id), current = the relationship's stored (stage, stage_date,
        attended, first_date, last_date, owner_id) or None for one still to
        create; rule is None for a locked relationship. ``reason`` is the
        rule's values (its sentence is written only for a change) or, for a
        signal of ``_signals``, (sentence, values)."""
        params = self._params()
        today = fields.Date.context_today(self)
        active_limit, dissolution_limit = self._limits(params, today)
        ratio = params["expo_crm.decline_ratio"]
        self.env.flush_all()
        query = lifecycle_query(partner_ids, self.env.company.id, today)
        # JIT compilation costs more than it saves on this one-shot query;
        # its hashes and sorts fit in memory rather than spill to disk.
        self.env.cr.execute("SET LOCAL jit = off; SET LOCAL work_mem = '64MB'")
        self.env.cr.execute(query)
        rows = self.env.cr.fetchall()
        self.env.cr.execute("RESET jit; RESET work_mem")
        signal_pairs = [(row[0], row[1]) for row in rows if row[6]]
        signals = self._signals(signal_pairs) if signal_pairs else {}
        result = {}
        no_values = {}
        for (
            pid, cid, rel_id, current, locked, partner_owner, attended, first, last,
            area1, area2, fee1, fee2, owner, skipped, known,
            stage_date, old_count, old_first, old_last, old_owner,
        ) in rows:
            facts = (attended or 0, first, last, partner_owner or owner)
            stored = (
                (current, stage_date, old_count, old_first, old_last, old_owner) if rel_id else None
            )
            key = (pid, cid)
            if locked:
                stage, rule, values = current, None, None
            elif not attended:
                stage, rule, values = (
                    ("cultivation", "first_contact", no_values) if known
                    else (False, "no_data", no_values)
                )
            elif last < dissolution_limit:
                stage, rule, values = "dissolution", "dissolution_window", {"date": str(last)}
            elif skipped:
                stage, rule, values = "weakening", "skipped_edition", no_values
            elif attended > 1 and (
                (area2 and area1 < ratio * area2) or (fee2 and fee1 < ratio * fee2)
            ):
                stage, rule, values = "weakening", "decline", no_values
            elif key in signals:
                rule, reason, *extra = signals[key]
                stage, values = "weakening", (reason, extra[0] if extra else None)
            elif attended > 1 and last >= active_limit:
                stage, rule, values = "trust", "repeat_attendance", {"count": attended}
            elif attended > 1:
                stage, rule, values = "weakening", "inactive", no_values
            else:
                stage, rule, values = "confirmation", "first_attendance", no_values
            result[key] = (rel_id, stage, rule, values, facts, stored)
        return result

    # ------------------------------------------------------------------
    # Writing the result
    # ------------------------------------------------------------------

    @api.model
    def _apply(self, computed):
        """Create the missing relationships and write what changed, set-based:
        every relationship row is written at most once, one history row per
        stage change. Returns the number of stage changes."""
        if not computed:
            return 0
        cr = self.env.cr
        today = fields.Date.context_today(self)
        now = fields.Datetime.now()
        uid = self.env.uid
        # The rules' sentences in this user's language, written for the
        # changes only (history rows keep the rule and its values: each
        # reader sees them in theirs).
        msg = self.env["expo.stage.history"]._expo_rule_messages()

        written = {}

        def sentence(rule, reason):
            """(sentence, values as JSON), each distinct one made once."""
            if isinstance(reason, tuple):  # a signal: (sentence, values)
                text, values = reason
                return text, None if values is None else json.dumps(values)
            key = (rule, *reason.items())
            if key not in written:
                written[key] = (msg[rule] % reason if reason else msg[rule], json.dumps(reason))
            return written[key]

        new_rows, updates, history = [], [], []
        for key, (rel_id, stage, rule, reason, facts, stored) in computed.items():
            attended, first, last, owner = facts
            if not rel_id:
                if stage:
                    new_rows.append((*key, stage, attended, first, last, owner))
                    history.append((key, None, stage, rule, sentence(rule, reason), 0))
                continue
            old_stage, old_date, old_count, old_first, old_last, old_owner = stored
            moved = rule is not None and (stage or None) != (old_stage or None)
            if moved or (old_count or 0, old_first, old_last) != (attended, first, last) or (
                owner and not old_owner
            ):
                updates.append((rel_id, attended, first, last, moved, stage or None, owner))
            if moved:
                days = (today - old_date).days if old_date else 0
                history.append(
                    (key, old_stage, stage or None, rule, sentence(rule, reason), days)
                )
        rel_of = {key: value[0] for key, value in computed.items() if value[0]}
        if new_rows:
            cols = [list(col) for col in zip(*new_rows)]
            cr.execute(
                """INSERT INTO expo_relationship
                       (partner_id, company_id, stage, stage_date, stage_locked,
                        attended_count, first_date, last_date, user_id,
                        create_uid, create_date, write_uid, write_date)
                   SELECT v.pid, v.cid, v.stage, %s, FALSE, v.attended, v.first_date,
                          v.last_date, v.owner, %s, %s, %s, %s
                     FROM unnest(%s::int[], %s::int[], %s::varchar[], %s::int[],
                                 %s::date[], %s::date[], %s::int[])
                          AS v(pid, cid, stage, attended, first_date, last_date, owner)
                RETURNING id, partner_id, company_id""",
                [today, uid, now, uid, now, *cols],
            )
            for rel_id, pid, cid in cr.fetchall():
                rel_of[(pid, cid)] = rel_id
        if updates:
            cr.execute(
                """UPDATE expo_relationship r
                      SET attended_count = v.attended,
                          first_date = v.first_date,
                          last_date = v.last_date,
                          user_id = COALESCE(r.user_id, v.owner),
                          stage = CASE WHEN v.moved THEN v.stage ELSE r.stage END,
                          stage_date = CASE WHEN v.moved THEN %s ELSE r.stage_date END,
                          write_date = %s, write_uid = %s
                     FROM unnest(%s::int[], %s::int[], %s::date[], %s::date[], %s::bool[],
                                 %s::varchar[], %s::int[])
                          AS v(id, attended, first_date, last_date, moved, stage, owner)
                    WHERE r.id = v.id""",
                [today, now, uid, *[list(col) for col in zip(*updates)]],
            )
        if history:
            cr.execute(
                """INSERT INTO expo_stage_history
                       (relationship_id, partner_id, company_id, stage_from, stage_to, rule,
                        reason, reason_values, days_in_previous_stage, date, user_id,
                        create_uid, create_date, write_uid, write_date)
                   SELECT v.rid, v.pid, v.cid, v.sfrom, v.sto, v.rule, v.reason, v.rv::jsonb,
                          v.days, %s, %s, %s, %s, %s, %s
                     FROM unnest(%s::int[], %s::int[], %s::int[], %s::varchar[], %s::varchar[],
                                 %s::varchar[], %s::varchar[], %s::text[], %s::int[])
                          AS v(rid, pid, cid, sfrom, sto, rule, reason, rv, days)""",
                [
                    now, uid, uid, now, uid, now,
                    [rel_of[row[0]] for row in history],
                    [row[0][0] for row in history],
                    [row[0][1] for row in history],
                    [row[1] for row in history],
                    [row[2] for row in history],
                    [row[3] for row in history],
                    [row[4][0] for row in history],
                    [row[4][1] for row in history],
                    [row[5] for row in history],
                ],
            )
        Relationship = self.env["expo.relationship"]
        if new_rows or updates:
            Relationship.invalidate_model()
            self.env["expo.stage.history"].invalidate_model()
            touched = Relationship.browse(
                [rel_of[(row[0], row[1])] for row in new_rows] + [row[0] for row in updates]
            )
            # Stored computes of other addons depending on these columns.
            touched.modified(["stage", "attended_count", "last_date", "first_date"])
            self.env["res.partner"].invalidate_model(
                ["expo_relationship_ids", "expo_stage", "expo_stage_date",
                 "expo_attended_count", "expo_first_date", "expo_last_date"]
            )
        # An activity when a relationship moves into weakening, not when it is
        # first computed there (the first run, a load of past fairs).
        weakening = Relationship.browse(
            [rel_of[row[0]] for row in history if row[2] == "weakening" and row[1]]
        )
        if weakening:
            self._schedule_weakening_activities(weakening)
        return len(history)

    @api.model
    def _schedule_weakening_activities(self, relationships):
        """One activity per relationship entering weakening, for its owner
        (else the contact's salesperson, else the administrator), in the
        owner's language; batched through ``mail.activity``. Off when the
        setting ``expo_crm.weakening_activity`` is."""
        Activity = self.env["mail.activity"]
        if not relationships or not read_param(self.env, "expo_crm.weakening_activity", True):
            return Activity
        activity_type = self.env["mail.activity.type"].browse(
            read_param(self.env, "expo_crm.weakening_activity_type_id", 0, 0, 2**31 - 1)
        ).exists() or self.env.ref(
            "expo_crm.mail_activity_type_expo_weakening", raise_if_not_found=False
        )
        if not activity_type:
            return Activity
        fallback = self.env.ref("base.user_admin", raise_if_not_found=False) or self.env.user
        relationships = relationships.sudo()
        owners = {
            rel.id: rel.user_id or rel.partner_id.user_id or fallback for rel in relationships
        }
        summary_in = {}
        for lang in {user.lang or self.env.lang for user in owners.values()}:
            summary_in[lang] = activity_type.with_context(lang=lang).summary or self.with_context(
                lang=lang
            ).env._("Find out why this relationship is weakening")
        deadline = fields.Date.context_today(self) + relativedelta(
            **{activity_type.delay_unit or "days": activity_type.delay_count or 0}
        )
        model_id = self.env["ir.model"]._get_id("expo.relationship")
        return Activity.sudo().with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": rel.id,
                    # Given, not computed one record at a time by mail.activity.
                    "res_name": rel.partner_id.display_name,
                    "activity_type_id": activity_type.id,
                    "summary": summary_in[owners[rel.id].lang or self.env.lang],
                    "user_id": owners[rel.id].id,
                    "date_deadline": deadline,
                    "automated": True,
                }
                for rel in relationships
            ]
        )
