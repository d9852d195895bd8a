import base64
import io
import os
import zipfile
from unittest.mock import patch

from odoo.tools import file_open

from ..models import expo_card_batch_job
from .common import ExpoCaptureCommon

CARDS = {
    b"card-one": {"name": "王静", "company_name": "苏州市中联电子科技有限公司", "function": "总经理",
                  "email": "sales@zhonglian.example.cn", "mobile": "+8617309114170",
                  "country_code": "CN", "raw_text": "王静\n总经理"},
    b"card-two": {"name": "Tom Baker", "company_name": "Baker Pumps Ltd", "email": "tom@bakerpumps.example",
                  "country_code": "GB", "raw_text": "Tom Baker"},
}


class TestCardBatch(ExpoCaptureCommon):
    def _zip(self, files):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in files.items():
                archive.writestr(name, data)
        return buffer.getvalue()

    def _batch(self):
        Batch = self.env["expo.card.batch"].with_user(self.user)
        upload = self.env["ir.attachment"].with_user(self.user).create(
            {
                "name": "cards.zip",
                "raw": self._zip(
                    {"pile/one.jpg": b"card-one", "pile/two.JPG": b"card-two",
                     "pile/notes.txt": b"not a card", "__MACOSX/._one.jpg": b"junk"}
                ),
            }
        )
        return Batch.create({"fair_id": self.fair.id, "upload_ids": [(6, 0, upload.ids)]})

    def test_pile_resumes_and_confirming_twice_creates_nothing_new(self):
        calls = []

        def fake_read(data, timeout=None, default_country=None):
            calls.append(data)
            return dict(CARDS[data])

        batch = self._batch()
        batch.action_read_cards()
        self.assertEqual(batch.state, "queued")
        self.assertEqual(len(batch.line_ids), 2, "the two photos of the zip, nothing else")
        self.assertEqual(set(batch.line_ids.mapped("state")), {"pending"})
        with patch.object(expo_card_batch_job, "read_card", fake_read):
            # the job dies after the first card (a cron call stopped short)
            self.env["expo.card.batch"]._cron_read_cards(max_cards=1)
            self.assertEqual(batch.state, "running")
            self.assertEqual(batch.line_ids.mapped("state"), ["read", "pending"])
            # the next run resumes at the card not read
            self.env["expo.card.batch"]._cron_read_cards()
        self.assertEqual(calls, [b"card-one", b"card-two"], "each card read once")
        self.assertEqual(batch.state, "review")
        first = batch.line_ids[0]
        self.assertEqual(first.name, "王静")
        self.assertEqual(first.country_id.code, "CN")
        first.class_id = self.class_b
        batch.action_confirm()
        self.assertEqual(batch.saved_count, 2)
        participations = batch.line_ids.participation_id
        self.assertEqual(len(participations), 2)
        self.assertEqual(set(participations.mapped("source")), {"card"})
        self.assertEqual(first.participation_id.followup_class_id, self.class_b)
        self.assertTrue(first.participation_id.followup_ids, "class B: follow-up scheduled")
        photos = self.env["ir.attachment"].search(
            [("res_model", "=", "res.partner"), ("res_id", "in", participations.partner_id.ids)]
        )
        self.assertEqual(sorted(photos.mapped("raw")), [b"card-one", b"card-two"])
        partners = self.env["res.partner"].search_count([])
        count = self.env["expo.participation"].search_count([("fair_id", "=", self.fair.id)])
        batch.action_confirm()
        # even a line that lost its link is saved only once (the card's id)
        batch.line_ids.participation_id = False
        batch.action_confirm()
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        self.assertEqual(
            self.env["expo.participation"].search_count([("fair_id", "=", self.fair.id)]), count
        )
        self.assertEqual(batch.line_ids.participation_id, participations)

    def test_card_not_read_does_not_stop_the_pile(self):
        def fake_read(data, timeout=None, default_country=None):
            if data == b"card-one":
                raise expo_card_batch_job.OcrError("bad_image")
            return dict(CARDS[data])

        batch = self._batch()
        batch.action_read_cards()
        with patch.object(expo_card_batch_job, "read_card", fake_read):
            self.env["expo.card.batch"]._cron_read_cards()
        self.assertEqual(batch.line_ids.mapped("state"), ["failed", "read"])
        self.assertTrue(batch.line_ids[0].error)
        self.assertEqual(batch.state, "review")

    def test_real_card_read_by_ocr(self):
        with file_open("expo_crm_capture/tests/data/cards/card_01.jpg", "rb") as image:
            data = image.read()
        # the OCR slots are shared by the machine: wait for one a little longer
        with patch.dict(os.environ, {"EXPO_OCR_TIMEOUT": "90"}):
            values = self.env["expo.capture"].with_user(self.user).expo_read_card(
                base64.b64encode(data).decode()
            )
        self.assertEqual(values.get("email"), "sales@zhonglian-electronics.com.cn")
        self.assertEqual(values.get("mobile"), "+8617309114170")
        self.assertTrue(values.get("raw_text"))

    def test_pile_of_cards_button_reopens_an_empty_pile(self):
        """Pressing "Pile of cards" twice opens the same empty pile, not two."""
        first = self.fair.action_expo_card_batch()
        second = self.fair.action_expo_card_batch()
        self.assertEqual(first["res_id"], second["res_id"])
        self.assertEqual(
            self.env["expo.card.batch"].search_count([("fair_id", "=", self.fair.id)]), 1
        )
