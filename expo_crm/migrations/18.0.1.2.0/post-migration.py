"""18.0.1.2.0: relationships per contact and company (see pre-migration).

The daily lifecycle cron now runs the ``expo.lifecycle`` service (its record
is ``noupdate``: updated here). The other companies' relationships, and the
facts of every relationship, come from the lifecycle computed on each
company's own fairs: the cron is triggered to run once the upgrade is over,
when every addon's rules are loaded. Stages moved by the pre-migration are
kept until then, and change only where a company's fairs say otherwise.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cron = env.ref("expo_crm.ir_cron_expo_lifecycle", raise_if_not_found=False)
    if cron:
        cron.write(
            {"model_id": env["ir.model"]._get_id("expo.lifecycle"), "code": "model._cron()"}
        )
        cron._trigger()
