"""Fees in the company's currency: the SQL that converts a fair's fees from
the fair's currency to its company's, at the fair's first day (Odoo's rates:
the company's own rates before shared ones, then the latest rate of that
day or before, else the first one after; a currency with no rate counts as 1)."""

from odoo.tools import SQL


def _rate(currency_column):
    return SQL(
        """(SELECT r.rate FROM res_currency_rate r
             WHERE r.currency_id = %(currency)s
               AND (r.company_id = f.company_id OR r.company_id IS NULL)
          ORDER BY r.company_id NULLS LAST,
                   r.name <= f.date_begin DESC,
                   CASE WHEN r.name <= f.date_begin THEN r.name END DESC,
                   r.name
             LIMIT 1)""",
        currency=SQL(currency_column),
    )


def fair_rate_cte():
    """A CTE ``fair_rate(fair_id, factor)``: multiply a fee of the fair by
    ``factor`` to get it in the fair's company's currency."""
    return SQL(
        """fair_rate AS (
            SELECT f.id AS fair_id,
                   CASE WHEN f.currency_id IS NULL OR f.currency_id = co.currency_id THEN 1.0
                        ELSE COALESCE(%(company_rate)s, 1.0)
                             / COALESCE(NULLIF(%(fair_rate)s, 0), 1.0)
                   END AS factor
              FROM expo_fair f
              JOIN res_company co ON co.id = f.company_id
        )""",
        company_rate=_rate("co.currency_id"),
        fair_rate=_rate("f.currency_id"),
    )
