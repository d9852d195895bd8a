import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.addons.expo_crm.tools.run_state import (
    full_run_due,
    rates_fingerprint,
    read_run_state,
    write_run_state,
)
from odoo.addons.expo_crm.tools.settings import read_param
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..tools.figures import (
    ANALYST,
    FULL_RUN_DAYS,
    LOYALTY_FIELDS,
    LOYALTY_PARAM_RANGES,
    LOYALTY_PARAMS,
    RUN_STATE_PARAM,
)
from ..tools.formulas import loyalty_update_sql
from ..tools.queries import changed_partners_sql, ensure_relationships_sql

_logger = logging.getLogger(__name__)


class ExpoLoyalty(models.AbstractModel):
    """The value and loyalty engine: one service for "Recompute now", the
    nightly cron and the tests.

    SPECIFICATIONS (every formula in ``tools/formulas.py``, each with a
    worked example in readme/DESCRIPTION.md)

    Figures are computed per relationship (contact × company) from that
    company's fairs, participations, surveys and costs only, by one SQL
    statement (aggregates, window functions, one batched UPDATE of the
    changed rows of ``expo_relationship``); a relationship without the data
    behind a figure keeps it empty (NULL). "Attended" means an attended
    participation of a fair that is not cancelled. Fees are converted from
    the fair's currency to the company's at the fair's first day.

    - Revenue = Σ fees of attended participations; cost = Σ relationship
      costs; economic value = revenue − cost (= relationship profitability,
      value − cost); per year = economic value / active years, active years
      = last year − first year + 1 over attended fairs and costs;
      profitability rate = (revenue − cost) / cost × 100.
    - Pareto, within each company: relationships with an economic value
      ranked by it, descending. before = Σ of the positive values strictly
      greater than this one's (ties excluded); tier A when before < 80% of
      the company's positive total, B when < 95%, else C; a value ≤ 0 is C.
      Equal values thus get the tier of the first of them. Share of value =
      value / positive total of the company × 100.
    - Value profile 0–100: economic = value / the company's largest value ×
      100 (≥ 0); demonstration and capability = manual 0–5 × 20;
      recommendation = attended referrals / the company's largest count ×
      100. Value score = weighted mean of the available ones (Settings).
    - RFM, over the company's attended relationships: recency = days since
      the end of the last attended edition, frequency = editions attended,
      monetary = revenue. Score = 5 − ⌊5·b / n⌋ with n relationships and b
      strictly better ones. Ties get the score of the first of them. Cell =
      R, F, M digits ("545").
    - Retention probability r = Σ editions attended / Σ editions held (not
      cancelled, started) since the first one attended, over the series.
      Repeat rate = Σ (attended − 1) / Σ (held − 1).
    - CLV with m = economic value per year, d = discount rate: closed form
      m·r / (1 + d − r); horizon T: Σ_{t=1..T} m·r^(t−1) / (1 + d)^t.
    - Loyalty 0–100 with s(x) = (x − 1) × 25 for a 1–5 score: relationship
      quality Q = mean(s(trust), s(belonging), s(mean overall
      satisfaction)); cognitive = mean(s(trust), Q); affective = s(mean
      overall satisfaction); conative = mean(s(mean intent to return),
      10 × mean would-recommend); behavioural = 100 × repeat rate; attitude
      = mean(cognitive, affective, conative); index = mean(attitude,
      behavioural). Segment: attitude ≥ threshold and behaviour ≥
      threshold: true; attitude only: latent; behaviour only: spurious;
      neither: no loyalty.
    - Satisfaction: latest and previous overall score (by fair date, survey
      date, id); falling when latest < previous. The lifecycle gains the
      signal "latest overall under the threshold" (weakening).

    The nightly cron recomputes the contacts whose data changed since its
    previous run (participations, fairs, surveys, costs, relationships
    written or deleted, an edition that started, their referrers); every
    other relationship keeps its figures and takes part in the rankings
    with them. Every relationship is recomputed when the cron never ran,
    when a setting or a currency rate changed, and at least every
    ``FULL_RUN_DAYS`` days; "Recompute now" recomputes everything.
    """

    _name = "expo.loyalty"
    _description = "Value and Loyalty Engine"

    @api.model
    def _params(self):
        return {
            key: read_param(self.env, key, default, *LOYALTY_PARAM_RANGES[key])
            for key, default in LOYALTY_PARAMS.items()
        }

    @api.model
    def _recompute(self, partner_ids=None, keep_others=False, fair_ids=None):
        """Recompute the figures of every relationship (or of the contacts
        ``partner_ids``: ranked among themselves, or among every relationship
        with ``keep_others``) and of every edition (or of the editions
        ``fair_ids`` and those that follow them): a fixed number of
        statements whatever the number of contacts. Recomputing without a
        change in the data writes nothing. Returns the number of
        relationships whose figures changed."""
        if not (self.env.su or self.env.user.has_group(ANALYST)):
            raise AccessError(_("Only Expo CRM analysts can recompute loyalty figures."))
        if partner_ids is not None:
            partner_ids = list(partner_ids)
        self.env.flush_all()
        cr = self.env.cr
        Relationship = self.env["expo.relationship"]
        # One big statement: JIT compilation would cost more than it saves
        # (off until the end of the transaction).
        cr.execute(SQL(
            "SET LOCAL jit = off; SET LOCAL work_mem = '64MB'; %s",
            ensure_relationships_sql(partner_ids, self.env.uid, fields.Datetime.now()),
        ))
        if cr.rowcount:
            Relationship.invalidate_model()
            self.env["res.partner"].invalidate_model(["expo_relationship_ids"])
        cr.execute(loyalty_update_sql(
            self._params(), fields.Date.context_today(self), partner_ids, keep_others
        ))
        changed = Relationship.browse(row[0] for row in cr.fetchall())
        if changed:
            Relationship.invalidate_model(LOYALTY_FIELDS)
            # Own columns written in SQL: tell the fields that depend on them.
            changed.modified(LOYALTY_FIELDS)
        self.env["expo.fair"]._expo_recompute_edition_stats(fair_ids)
        _logger.info("Expo loyalty: figures of %s relationships changed", len(changed))
        return len(changed)

    @api.model
    def _cron(self):
        """The nightly run (see SPECIFICATIONS). Returns the number of
        relationships whose figures changed."""
        cr = self.env.cr
        started = cr.now()
        today = fields.Date.context_today(self)
        params = self._params()
        rates = rates_fingerprint(self.env)
        state = read_run_state(self.env, RUN_STATE_PARAM)
        if state and "since" not in state:
            state = None
        full = full_run_due(state, params, rates, today, FULL_RUN_DAYS)
        if full:
            changed = self._recompute()
        else:
            self.env.flush_all()
            cr.execute(changed_partners_sql(state["since"], state["date"], today))
            partner_ids = [row[0] for row in cr.fetchall()]
            # Edition figures follow their data at once; a day changes those
            # of the editions that started (now held).
            cr.execute(
                "SELECT id FROM expo_fair WHERE date_begin > %s AND date_begin <= %s",
                [state["date"], today],
            )
            fair_ids = [row[0] for row in cr.fetchall()]
            changed = self._recompute(partner_ids, keep_others=True, fair_ids=fair_ids)
        write_run_state(
            self.env, RUN_STATE_PARAM,
            # Rows written by a transaction that began a little before this
            # one are looked at again next time.
            since=started - timedelta(hours=1),
            date=today,
            full=today if full else state["full"],
            rules=params,
            rates=rates,
        )
        return changed

    @api.model
    def _expo_touch(self, partner_ids):
        """Mark the relationships of these contacts for the next nightly run
        (a deletion leaves no written row behind)."""
        partner_ids = [pid for pid in partner_ids if pid]
        if partner_ids:
            self.env["expo.relationship"].flush_model()
            self.env.cr.execute(
                "UPDATE expo_relationship SET write_date = (now() AT TIME ZONE 'UTC')"
                " WHERE partner_id = ANY(%s)",
                [partner_ids],
            )
            self.env["expo.relationship"].invalidate_model(["write_date"])

    @api.model
    def _pareto_summary(self):
        """(relationships in A, ranked ones, share of value made by A) of
        the current company, for the notification of "Recompute now"."""
        self.env.cr.execute(
            """
            SELECT COUNT(*) FILTER (WHERE expo_pareto_tier = 'A'),
                   COUNT(*),
                   COALESCE(SUM(expo_value_share) FILTER (WHERE expo_pareto_tier = 'A'), 0)
              FROM expo_relationship
             WHERE expo_pareto_tier IS NOT NULL AND company_id = %s
            """,
            [self.env.company.id],
        )
        return self.env.cr.fetchone()

    @api.model
    def action_recompute(self):
        """"Recompute now": recompute and tell what came out."""
        updated = self._recompute()
        in_a, ranked, share = self._pareto_summary()
        if ranked:
            message = _(
                "%(updated)s contacts updated. Tier A: %(in_a)s of %(ranked)s ranked contacts "
                "(%(a_share)s%%) make %(value_share)s%% of the economic value.",
                updated=updated,
                in_a=in_a,
                ranked=ranked,
                a_share=round(100.0 * in_a / ranked, 1),
                value_share=round(share, 1),
            )
        else:
            message = _("%(updated)s contacts updated. No contact has an economic value yet.",
                        updated=updated)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Loyalty figures recomputed"),
                "message": message,
                "type": "success",
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
