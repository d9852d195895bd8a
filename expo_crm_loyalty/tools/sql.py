"""Small SQL builders shared by the loyalty statements."""

from odoo.tools import SQL


def sql_mean(alias, *columns):
    """SQL for the mean of the columns that are not NULL (NULL if all are)."""
    terms = [SQL.identifier(alias, column) for column in columns]
    total = SQL(" + ").join(SQL("COALESCE(%s, 0)", term) for term in terms)
    count = SQL(" + ").join(SQL("(%s IS NOT NULL)::int", term) for term in terms)
    return SQL("((%s)::float8 / NULLIF(%s, 0))", total, count)


def scope_sql(partner_ids, column):
    """``column = ANY(partner_ids)``, or TRUE for everyone (None)."""
    if partner_ids is None:
        return SQL("TRUE")
    return SQL("%s = ANY(%s)", SQL(column), list(partner_ids))
