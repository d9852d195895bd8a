from . import expo_followup_schedule
from . import expo_followup_send
from . import expo_followup_outcome
from . import expo_contact_importer
from . import expo_contact_importer_analysis
from . import expo_contact_importer_write
