from . import expo_followup_class
from . import expo_fair
from . import expo_followup
from . import crm_lead
