from . import expo_followup_schedule
from . import expo_followup_send
from . import expo_followup_outcome
