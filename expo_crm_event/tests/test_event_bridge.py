from datetime import datetime, timedelta
from unittest.mock import patch

from odoo import fields
from odoo.addons.expo_crm.tests.common import ExpoCrmCommon
from odoo.exceptions import UserError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestEventBridge(ExpoCrmCommon):
    """A fair linked to an Odoo event: registrations become trade visitors,
    rented booths exhibitors, incrementally and idempotently."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env["expo.fair"])
        # A fair under way (begun yesterday) and one to come.
        cls.fair_now = cls._fair(
            "Test Valve Week", today - timedelta(days=1), today + timedelta(days=2), "open",
            series=False,
        )
        cls.fair_later = cls._fair(
            "Test Valve Week Next", today + timedelta(days=60), today + timedelta(days=63),
            "planned", series=False,
        )
        cls.event = cls._event("Test Valve Week event", today - timedelta(days=1))
        cls.buyer = cls._partner("Test Buyer Co", email="buyer@example.com")
        cls.buyer_2 = cls._partner("Test Second Buyer Co", email="second@example.com")
        cls.renter = cls._partner("Test Booth Renter Ltd")
        cls.category = cls.env["event.booth.category"].create(
            {"name": "Test shell scheme", "expo_area_sqm": 36.0, "expo_price": 9000.0}
        )

    @classmethod
    def _event(cls, name, day, **vals):
        begin = datetime.combine(day, datetime.min.time()) + timedelta(hours=1)
        return cls.env["event.event"].create(
            dict({"name": name, "date_begin": begin, "date_end": begin + timedelta(days=3)}, **vals)
        )

    def _register(self, partner, event=None, **vals):
        return self.env["event.registration"].create(
            dict({"event_id": (event or self.event).id, "partner_id": partner.id}, **vals)
        )

    def _participations(self, fair=None, role=None):
        return self.env["expo.participation"].search(
            [("fair_id", "=", (fair or self.fair_now).id), ("role_id", "=", (role or self.role_visitor).id)]
        )

    def _participation(self, partner, fair=None, role=None):
        participation = self._participations(fair, role).filtered(lambda p: p.partner_id == partner)
        self.assertEqual(len(participation), 1, f"one participation of {partner.name}")
        return participation

    # ------------------------------------------------------------------

    def test_link_keeps_both_sides(self):
        self.fair_now.expo_event_id = self.event
        self.assertEqual(self.event.expo_fair_id, self.fair_now)
        other = self._event("Test other event", self.fair_now.date_begin)
        other.expo_fair_id = self.fair_later
        self.assertEqual(self.fair_later.expo_event_id, other)
        self.fair_now.expo_event_id = False
        self.assertFalse(self.event.expo_fair_id)

    def test_link_and_registration_registered(self):
        self.fair_now.expo_event_id = self.event
        registration = self._register(self.buyer)
        participation = self._participation(self.buyer)
        self.assertEqual(participation.state, "registered")
        self.assertEqual(participation.role_id, self.role_visitor)
        self.assertEqual(participation.source, "event")
        self.assertEqual(registration.expo_participation_id, participation)
        self.assertEqual(self.fair_now.expo_registration_count, 1)

    def test_unlinked_event_creates_nothing(self):
        self._register(self.buyer)
        self.assertFalse(self._participations())

    def test_draft_is_invited(self):
        self.fair_now.expo_event_id = self.event
        registration = self._register(self.buyer, state="draft")
        self.assertEqual(self._participation(self.buyer).state, "invited")
        registration.action_confirm()
        self.assertEqual(self._participation(self.buyer).state, "registered")

    def test_draft_setting_registered(self):
        self.env["res.config.settings"].create({"expo_event_draft_state": "registered"}).execute()
        self.fair_now.expo_event_id = self.event
        self._register(self.buyer, state="draft")
        self.assertEqual(self._participation(self.buyer).state, "registered")

    def test_sync_needs_an_event(self):
        with self.assertRaises(UserError):
            self.fair_later.action_expo_sync_event()

    def test_attend_marks_attended(self):
        self.fair_now.expo_event_id = self.event
        registration = self._register(self.buyer)
        registration.action_set_done()
        self.assertEqual(self._participation(self.buyer).state, "attended")

    def test_attend_before_the_fair_stays_registered(self):
        """The fair refuses "attended" before it begins: registered until then."""
        event = self._event("Test later event", self.fair_later.date_begin, expo_fair_id=self.fair_later.id)
        registration = self._register(self.buyer, event)
        registration.action_set_done()
        self.assertEqual(self._participation(self.buyer, self.fair_later).state, "registered")

    def test_cancel_cancels(self):
        self.fair_now.expo_event_id = self.event
        registration = self._register(self.buyer)
        registration.action_cancel()
        self.assertEqual(self._participation(self.buyer).state, "cancelled")
        registration.action_confirm()
        self.assertEqual(self._participation(self.buyer).state, "registered")

    def test_delete_registration_cancels_participation(self):
        self.fair_now.expo_event_id = self.event
        registration = self._register(self.buyer)
        participation = self._participation(self.buyer)
        registration.unlink()
        self.assertTrue(participation.exists())
        self.assertEqual(participation.state, "cancelled")

    def test_two_registrations_one_participation(self):
        """Two registrations of one contact: one participation, cancelled
        only when both are."""
        self.fair_now.expo_event_id = self.event
        first, second = self._register(self.buyer), self._register(self.buyer)
        self.assertEqual(len(self._participations()), 1)
        first.action_cancel()
        self.assertEqual(self._participation(self.buyer).state, "registered")
        second.unlink()
        self.assertEqual(self._participation(self.buyer).state, "cancelled")

    def test_registration_without_contact(self):
        """A website registration (name and email only) finds the contact of
        its email, or creates one."""
        self.fair_now.expo_event_id = self.event
        known = self.env["event.registration"].create(
            {"event_id": self.event.id, "name": "Buyer", "email": "Buyer@Example.com"}
        )
        new = self.env["event.registration"].create(
            {"event_id": self.event.id, "name": "Walk-in Visitor", "email": "walkin@example.com"}
        )
        self.assertEqual(known.partner_id, self.buyer)
        self.assertEqual(new.partner_id.name, "Walk-in Visitor")
        self.assertEqual(self._participations().partner_id, self.buyer | new.partner_id)

    def test_existing_participation_reused(self):
        """An invited trade visitor who registers: the same participation,
        registered; one marked attended at the fair stays attended."""
        invited = self._take_part(self.buyer, self.fair_now, "invited", self.role_visitor)
        attended = self._take_part(self.buyer_2, self.fair_now, "attended", self.role_visitor)
        self.fair_now.expo_event_id = self.event
        self._register(self.buyer)
        self._register(self.buyer_2)
        self.assertEqual(self._participations(), invited | attended)
        self.assertEqual(invited.state, "registered")
        self.assertEqual(attended.state, "attended")

    def test_linking_syncs_existing_registrations_and_booths(self):
        self._register(self.buyer)
        done = self._register(self.buyer_2)
        done.action_set_done()
        self._booth("Hall 3, C12", self.renter)
        self.assertFalse(self._participations())
        self.event.expo_fair_id = self.fair_now
        self.assertEqual(self._participation(self.buyer).state, "registered")
        self.assertEqual(self._participation(self.buyer_2).state, "attended")
        self.assertEqual(self._participation(self.renter, role=self.role_exhibitor).booth, "Hall 3, C12")

    def _booth(self, name, partner=None, event=None):
        vals = {"name": name, "event_id": (event or self.event).id, "booth_category_id": self.category.id}
        if partner:
            vals.update(partner_id=partner.id, state="unavailable")
        return self.env["event.booth"].create(vals)

    def test_booth_rental_exhibitor(self):
        self.fair_now.expo_event_id = self.event
        booth = self._booth("Hall 3, C12")
        self.assertFalse(self._participations(role=self.role_exhibitor))
        booth.write({"partner_id": self.renter.id, "state": "unavailable"})
        participation = self._participation(self.renter, role=self.role_exhibitor)
        self.assertEqual(booth.expo_participation_id, participation)
        self.assertEqual(self.fair_now.expo_booth_count, 1)
        self.assertEqual(participation.state, "registered")
        self.assertEqual(participation.booth, "Hall 3, C12")
        self.assertEqual(participation.area_sqm, 36.0)
        self.assertEqual(participation.fee_amount, 9000.0)
        self.assertEqual(participation.company_id, self.fair_now.company_id)
        # A second booth: names, area and fee add up.
        self._booth("Hall 3, C14", self.renter)
        self.assertEqual(participation.booth, "Hall 3, C12, Hall 3, C14")
        self.assertEqual(participation.area_sqm, 72.0)
        self.assertEqual(participation.fee_amount, 18000.0)
        # Both booths freed: cancelled, not deleted.
        self.env["event.booth"].search([("event_id", "=", self.event.id)]).write(
            {"partner_id": False, "state": "available"}
        )
        self.assertEqual(participation.state, "cancelled")

    def test_resync_is_idempotent(self):
        self.fair_now.expo_event_id = self.event
        self._register(self.buyer).action_set_done()
        self._register(self.buyer_2)
        self._booth("Hall 3, C12", self.renter)
        participations = self.env["expo.participation"].search([("fair_id", "=", self.fair_now.id)])
        self.assertEqual(len(participations), 3)
        before = [(p.id, p.state, p.booth, p.area_sqm, p.fee_amount) for p in participations]
        model = type(self.env["expo.participation"])
        with patch.object(model, "write", autospec=True, side_effect=model.write) as write, \
                patch.object(model, "create", autospec=True, side_effect=model.create) as create:
            self.fair_now.action_expo_sync_event()
            self.event.write({"expo_fair_id": self.fair_now.id})
        create_calls = [call for call in create.call_args_list if call.args[1]]
        self.assertFalse(create_calls, "a re-sync creates nothing")
        self.assertFalse(write.call_args_list, "a re-sync writes nothing")
        after_records = self.env["expo.participation"].search([("fair_id", "=", self.fair_now.id)])
        self.assertEqual(after_records, participations)
        after = [(p.id, p.state, p.booth, p.area_sqm, p.fee_amount) for p in after_records]
        self.assertEqual(after, before)

    def test_create_event_from_fair(self):
        self.fair_later.venue = "Test Exhibition Centre"
        action = self.fair_later.action_expo_create_event()
        event = self.fair_later.expo_event_id
        self.assertTrue(event)
        self.assertEqual(action["res_id"], event.id)
        self.assertEqual(event.expo_fair_id, self.fair_later)
        self.assertEqual(event.name, self.fair_later.name)
        self.assertEqual(event.address_id.name, "Test Exhibition Centre")
        self.assertEqual(event.address_id.city, "Guangzhou")
        self.assertEqual(event.organizer_id, self.fair_later.organizer_id or event.organizer_id)
        self.assertEqual(event.date_begin.date(), self.fair_later.date_begin)

    def test_create_fair_from_event(self):
        address = self._partner("Test Hall", city="Shenzhen")
        event = self._event("Test Lighting Show", self.fair_later.date_begin, address_id=address.id)
        self._register(self.buyer, event)
        event.action_expo_create_fair()
        fair = event.expo_fair_id
        self.assertTrue(fair)
        self.assertEqual(fair.expo_event_id, event)
        self.assertEqual((fair.name, fair.venue, fair.city), ("Test Lighting Show", "Test Hall", "Shenzhen"))
        self.assertEqual(fair.date_begin, self.fair_later.date_begin)
        self.assertEqual(self._participation(self.buyer, fair).state, "registered")
