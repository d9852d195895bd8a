import os
import tempfile
from datetime import timedelta
from unittest.mock import patch

import qrcode
from PIL import Image

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import ChromeBrowser

BADGE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Zhang;Min\r\nFN:Zhang Min\r\n"
    "ORG:Ningbo Valve Works\r\nTITLE:Purchasing Manager\r\n"
    "EMAIL:zhang.min@nbvalve.example.cn\r\nTEL;TYPE=CELL:+86 139 5741 2233\r\nEND:VCARD"
)


def write_y4m(path, image, frames=15):
    """A .y4m video (the format Chromium's fake camera plays) showing
    ``image`` still: 640×480, 4:2:0, a few identical frames."""
    width, height = 640, 480
    frame = Image.new("RGB", (width, height), "white")
    image = image.convert("RGB")
    image.thumbnail((400, 400))
    frame.paste(image, ((width - image.width) // 2, (height - image.height) // 2))
    y, cb, cr = frame.convert("YCbCr").split()
    half = (width // 2, height // 2)
    planes = y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes()
    with open(path, "wb") as video:
        video.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _i in range(frames):
            video.write(b"FRAME\n" + planes)


@tagged("post_install", "-at_install")
class TestTourCapture(HttpCase):
    """The capture screen on a phone: scan a badge with the (fake) camera,
    photograph a card, capture offline; the database checked afterwards."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        # a company of its own: its only fair under way opens the screen
        cls.company = cls.env["res.company"].create({"name": "Tour Valves Ltd"})
        cls.user = new_test_user(
            cls.env, "capture_tour", groups="base.group_user,expo_crm.group_expo_user",
            name="Tina Tour", email="tina@tourvalves.example.com",
            company_id=cls.company.id, company_ids=[(6, 0, cls.company.ids)],
        )
        cls.fair = cls.env["expo.fair"].create(
            {
                "name": "Capture Tour Fair",
                "date_begin": today - timedelta(days=1),
                "date_end": today + timedelta(days=2),
                "state": "open",
                "company_id": cls.company.id,
            }
        )

    def _participations(self):
        return self.env["expo.participation"].search([("fair_id", "=", self.fair.id)])

    def test_scan_badge_with_the_camera(self):
        tmp = tempfile.mkdtemp(prefix="expo_capture_")
        video = os.path.join(tmp, "badge.y4m")
        write_y4m(video, qrcode.make(BADGE, border=4).get_image())
        spawn = ChromeBrowser._spawn_chrome

        def spawn_with_camera(browser, cmd):
            cmd = cmd[:-1] + [
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-video-capture={video}",
            ] + cmd[-1:]
            return spawn(browser, cmd)

        with patch.object(ChromeBrowser, "_spawn_chrome", spawn_with_camera):
            self.start_tour("/odoo/action-expo_crm_capture.expo_capture_client_action",
                            "expo_capture_scan_tour", login="capture_tour")
        participation = self._participations()
        self.assertEqual(len(participation), 1)
        self.assertEqual(participation.partner_id.name, "Zhang Min")
        self.assertEqual(participation.partner_id.parent_id.name, "Ningbo Valve Works")
        self.assertEqual(participation.source, "scan")
        self.assertEqual(participation.state, "attended")
        self.assertEqual(participation.user_id, self.user)
        self.assertEqual(participation.followup_class_id.code, "B")
        self.assertEqual(participation.hesitation_reason, "current_supplier")
        self.assertEqual(len(participation.followup_ids), 1)
        self.assertEqual(participation.followup_ids.class_id.code, "B")

    def test_photograph_a_card(self):
        # the OCR slots are shared by the machine: wait for one a little longer
        with patch.dict(os.environ, {"EXPO_OCR_TIMEOUT": "90"}):
            self.start_tour("/odoo/action-expo_crm_capture.expo_capture_client_action",
                            "expo_capture_card_tour", login="capture_tour", timeout=240)
        participation = self._participations()
        self.assertEqual(len(participation), 1)
        partner = participation.partner_id
        self.assertEqual(partner.email, "tom@bakerpumps.example.com")
        self.assertEqual(participation.source, "card")
        self.assertEqual(participation.followup_class_id.code, "D")
        self.assertTrue(
            self.env["ir.attachment"].search_count(
                [("res_model", "=", "res.partner"), ("res_id", "=", partner.id)]
            ),
            "the photo is kept on the contact",
        )

    def test_offline_captures_sent_once(self):
        self.start_tour("/odoo/action-expo_crm_capture.expo_capture_client_action",
                        "expo_capture_offline_tour", login="capture_tour")
        participations = self._participations()
        self.assertEqual(
            sorted(participations.partner_id.mapped("name")), ["Olga Offline", "Omar Offline"]
        )
        self.assertEqual(sorted(participations.followup_class_id.mapped("code")), ["C", "D"])
        logs = self.env["expo.capture.log"].search([("fair_id", "=", self.fair.id)])
        self.assertEqual(len(logs), 2)
        self.assertEqual(len(set(logs.mapped("client_uid"))), 2)

    def test_refused_capture_is_kept_and_named(self):
        self.start_tour("/odoo/action-expo_crm_capture.expo_capture_client_action",
                        "expo_capture_refused_tour", login="capture_tour")
        self.assertEqual(self.fair.state, "cancelled")
        self.assertFalse(self._participations(), "a cancelled fair takes no capture")
