from . import expo_capture_log
from . import expo_participation
from . import expo_fair
from . import expo_capture
from . import expo_capture_save
from . import expo_card_batch
from . import expo_card_batch_line
from . import expo_card_batch_job
