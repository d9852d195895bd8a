"""The real OCR on a few generated card photos: the dependency works, the
worker runs outside this process and is reused, sideways/upside-down and
EXIF-rotated phone photos are read, huge photos are scaled down, bad files
are refused with a code."""

import io
import json
import os
import time

from PIL import Image

from odoo.tests import BaseCase

from ..tools import OcrError, ocr, read_card, read_cards, shutdown_worker

CARDS = os.path.join(os.path.dirname(__file__), "data", "cards")


def _card(name):
    with open(os.path.join(CARDS, name + ".jpg"), "rb") as f:
        image = f.read()
    with open(os.path.join(CARDS, name + ".json"), encoding="utf-8") as f:
        return image, json.load(f)


def _jpeg(img, **kwargs):
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80, **kwargs)
    return buf.getvalue()


class TestOcr(BaseCase):
    @classmethod
    def tearDownClass(cls):
        shutdown_worker()
        super().tearDownClass()

    def assertFields(self, got, truth, fields=("email", "mobile", "name")):
        for field in fields:
            self.assertEqual(got.get(field), truth.get(field), "%s in %s" % (field, got.get("raw_text")))

    def test_read_cards(self):
        # 简体, upright
        image, card = _card("card_01")
        got = read_card(image)
        self.assertFields(got, card["truth"], ("email", "mobile", "name", "company_name"))
        self.assertTrue(got["raw_text"])
        pid = ocr.last_read()["pid"]
        self.assertNotEqual(pid, os.getpid(), "the OCR runs in its own process")
        # English, upside down (photographed the wrong way round)
        image, card = _card("card_06")
        upside_down = _jpeg(Image.open(io.BytesIO(image)).rotate(180))
        self.assertFields(read_card(upside_down), card["truth"])
        self.assertEqual(ocr.last_read()["angle"], 180)
        self.assertEqual(ocr.last_read()["pid"], pid, "the worker is reused")
        # 繁體, a phone JPEG stored sideways with its EXIF orientation tag
        image, card = _card("card_02")
        sideways = Image.open(io.BytesIO(image)).rotate(90, expand=True)
        exif = Image.Exif()
        exif[0x0112] = 6  # "rotate 90° clockwise to display"
        got = read_card(_jpeg(sideways, exif=exif.tobytes()))
        self.assertFields(got, card["truth"])
        self.assertEqual(ocr.last_read()["angle"], 0, "turned upright by its EXIF tag, not by guessing")
        # sideways without EXIF: turned by the worker; and a huge photo, scaled down
        image, card = _card("card_18")  # a card photographed at 90°
        big = Image.open(io.BytesIO(image))
        big = big.resize((big.width * 4, big.height * 4))
        self.assertGreater(max(big.size), 3000)
        results = read_cards([_jpeg(big)])
        self.assertFields(results[0], card["truth"], ("email", "mobile"))
        self.assertIn(ocr.last_read()["angle"], (90, 270))
        self.assertLess(ocr.last_read()["rss_mb"], 800)
        # in a pile, a file that is not a photo does not stop the others
        results = read_cards([b"not a photo", _card("card_05")[0]])
        self.assertEqual(results[0], {"error": "bad_image", "raw_text": ""})
        self.assertEqual(results[1]["email"], _card("card_05")[1]["truth"]["email"])

    def test_refused_and_restarted(self):
        with self.assertRaises(OcrError) as caught:
            read_card(b"")
        self.assertEqual(caught.exception.code, "bad_image")
        with self.assertRaises(OcrError) as caught:
            read_card(b"\xff\xd8" + b"0" * (ocr.MAX_BYTES + 1))
        self.assertEqual(caught.exception.code, "too_large")
        with self.assertRaises(OcrError) as caught:
            read_card(b"GIF89a garbage")
        self.assertEqual(caught.exception.code, "bad_image")
        # a worker ends itself when idle, and is started again for the next card
        pid = ocr.last_read()["pid"]
        shutdown_worker()
        image, card = _card("card_05")
        os.environ["EXPO_OCR_IDLE"] = "1"
        try:
            self.assertEqual(read_card(image).get("email"), card["truth"]["email"])
        finally:
            del os.environ["EXPO_OCR_IDLE"]
        idle_pid = ocr.last_read()["pid"]
        self.assertNotEqual(idle_pid, pid)
        deadline = time.monotonic() + 10
        while ocr._WORKER.alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        self.assertFalse(ocr._WORKER.alive(), "the idle worker ended itself")
        self.assertEqual(read_card(image).get("email"), card["truth"]["email"])
        restarted_pid = ocr.last_read()["pid"]
        self.assertNotIn(restarted_pid, (pid, idle_pid))
        # after EXPO_OCR_RECYCLE cards the child is replaced by a fresh one
        os.environ["EXPO_OCR_RECYCLE"] = "1"
        try:
            self.assertEqual(read_card(image).get("email"), card["truth"]["email"])
        finally:
            del os.environ["EXPO_OCR_RECYCLE"]
        self.assertNotEqual(ocr.last_read()["pid"], restarted_pid)
