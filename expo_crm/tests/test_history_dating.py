from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ExpoCrmCommon


@tagged("post_install", "-at_install")
class TestHistoryDating(ExpoCrmCommon):
    """A history loaded in one go (an import, the demo data) is dated after
    the fairs that caused it, whatever the hour and the user's time zone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Two fairs outside any series, both inside the active window.
        cls.autumn = cls._fair("Test Autumn Days", "2025-11-01", "2025-11-03", series=False)
        cls.spring = cls._fair("Test Spring Days", "2026-03-01", "2026-03-03", series=False)

    def _load_and_date(self, tz):
        partner = self._partner("Imported Regular Co.")
        self._take_part(partner, self.autumn)
        self._take_part(partner, self.spring)
        self.env.user.tz = tz
        self.env["expo.stage.history"].with_context(tz=tz)._expo_date_from_fairs()
        return partner, self._history(partner)

    def test_dated_after_its_fairs_late_in_the_utc_day(self):
        # 23:30 UTC is already the next day in Brussels and Shanghai.
        for tz in ("Europe/Brussels", "Asia/Shanghai", "America/Los_Angeles"):
            with self.subTest(tz=tz), freeze_time("2026-06-15 23:30:00"):
                partner, history = self._load_and_date(tz)
                self.assertEqual(
                    [h.date.date() for h in history],
                    [self.autumn.date_end, self.spring.date_end],
                )
                self.assertEqual(
                    history[1].days_in_previous_stage,
                    (self.spring.date_end - self.autumn.date_end).days,
                )
                self.assertEqual(
                    [h.rule for h in history], ["first_attendance", "repeat_attendance"]
                )
                self.assertEqual(partner.expo_stage_date, self.spring.date_end)

    def test_never_dated_in_the_future(self):
        # A fair that ends today: its change keeps today's date, not 09:00
        # later on.
        with freeze_time("2026-05-13 06:00:00"):
            partner = self._partner("Same Day Co.")
            self._take_part(partner, self.ed_2026)
            self.env["expo.stage.history"]._expo_date_from_fairs()
            history = self._history(partner)
            self.assertEqual(len(history), 1)
            self.assertEqual(history.date, datetime(2026, 5, 13, 6, 0))
