"""Reading contacts at the booth, in plain Python (no ORM): badge codes
(vCard, MECARD, BIZCARD, e-mail, telephone, registration code), business-card
photos read by OCR in a separate worker process, and the lines of a card.

Importable without Odoo's models; rapidocr is imported by the worker only."""

from .badge import parse_badge
from .card_parser import parse_card_lines
from .ocr import OcrError, read_card, read_cards, shutdown_worker

__all__ = ["OcrError", "parse_badge", "parse_card_lines", "read_card", "read_cards", "shutdown_worker"]
