from . import test_classify_wizard
from . import test_followup_cron
from . import test_reply_escalation
from . import test_access
from . import test_contact_import
from . import test_invitation
