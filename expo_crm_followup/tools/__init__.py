"""Plain-Python helpers of the contact import (no ORM): reading files,
checking cells, writing spreadsheets safely."""
