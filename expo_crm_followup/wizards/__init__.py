from . import expo_classify_wizard
from . import expo_classify_wizard_line
from . import expo_contact_import
from . import expo_contact_import_line
from . import expo_invitation_wizard
from . import expo_contact_import_job
from . import mail_compose_message
