from . import test_capture_service
from . import test_capture_access
from . import test_card_batch
from . import test_tour_capture
