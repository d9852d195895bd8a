from . import test_badge_parser
from . import test_card_parser
from . import test_ocr
from . import test_capture_service
from . import test_capture_access
from . import test_card_batch
from . import test_tour_capture
