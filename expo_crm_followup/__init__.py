from . import models
from . import services
from . import report
from . import wizards


def post_init_hook(env):
    """Every company gets its follow-up mailing list at install."""
    env["res.company"].search([])._expo_followup_mailing_list()
