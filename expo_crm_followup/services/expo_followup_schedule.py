from collections import defaultdict
from datetime import datetime, time, timedelta

from odoo import Command, api, fields, models

from ..models.expo_followup import OPEN_STATES
from ..models.expo_followup_class import add_delay


class ExpoFollowupSchedule(models.AbstractModel):
    """Scheduling follow-ups from classified participations (the
    classification wizard, the capture addon), their deadlines, the owners'
    activities and the bulk class's mailing list.

    SPECIFICATIONS

    - One follow-up per contact and fair, whatever the number of roles the
      contact holds there (``participation_ids`` lists them all); it hangs on
      the main participation (a classified one, in a role the fair
      classifies, of the best class, the first role).
    - Deadline: the day after the contact was met (else after the fair's
      end) plus the class's delay, in working days if the company says so.
    - A follow-up still open (to review, scheduled, failed) takes the new
      class, template and deadline; one queued, sent, replied, done or
      cancelled is left alone (one only listed is reopened when the contact
      now needs an email).
    - Personal follow-ups get one ``mail.activity`` for their owner, due on
      the deadline (created in one batch); bulk ones join the company's
      follow-up mailing list (an address once; opted-out: cancelled).
    """

    _name = "expo.followup.schedule"
    _description = "Follow-up scheduling"

    @api.model
    def _deadline(self, participation, fclass):
        base_date = participation.met_date or participation.fair_id.date_end
        start = datetime.combine(base_date + timedelta(days=1), time.min)
        company = participation.company_id or self.env.company
        return add_delay(start, fclass.delay_hours, company.expo_followup_working_days)

    @api.model
    def _group_by_contact(self, participations):
        """{(partner, fair): participations} of the given participations."""
        groups = defaultdict(lambda: self.env["expo.participation"])
        for participation in participations:
            groups[(participation.partner_id, participation.fair_id)] |= participation
        return groups

    @api.model
    def _main_participation(self, participations):
        """The participation a contact's follow-up hangs on when it holds
        several roles at one fair."""
        fair = participations.fair_id[:1]
        return participations.sorted(
            lambda p: (
                not p.followup_class_id,
                p.role_id not in fair.classify_role_ids,
                p.followup_class_id.sequence,
                p.role_id.sequence,
                p.id,
            )
        )[:1]

    @api.model
    def _schedule(self, participations):
        """Create or update the follow-up of every classified contact of
        ``participations``; return the created and updated follow-ups (as
        superuser: the caller has checked its rights on the participations)."""
        Followup = self.env["expo.followup"].sudo()
        participations = participations.filtered("followup_class_id")
        if not participations:
            return Followup.browse()
        Participation = self.env["expo.participation"]
        # Every role of these contacts at these fairs shares the follow-up.
        all_roles = Participation.search(
            [
                ("partner_id", "in", participations.partner_id.ids),
                ("fair_id", "in", participations.fair_id.ids),
                ("state", "!=", "cancelled"),
            ]
        )
        roles_of = self._group_by_contact(all_roles)
        existing = {
            (f.partner_id, f.fair_id): f
            for f in Followup.search(
                [
                    ("partner_id", "in", participations.partner_id.ids),
                    ("fair_id", "in", participations.fair_id.ids),
                ]
            )
        }
        now = fields.Datetime.now()
        create_vals = []
        updated = Followup.browse()
        for key, classified in self._group_by_contact(participations).items():
            participation = self._main_participation(classified)
            roles = roles_of.get(key, Participation) | classified
            fclass = participation.followup_class_id
            company = participation.company_id
            auto = bool(fclass.auto_send and company.expo_followup_auto_send)
            template = fclass._get_template(participation.hesitation_reason)
            vals = {
                "class_id": fclass.id,
                "hesitation_reason": participation.hesitation_reason or False,
                "template_id": template.id,
                "due_date": self._deadline(participation, fclass),
                "channel": "mailing_list" if fclass.bulk else "email",
                "auto_send": auto,
                "state": "scheduled" if auto and template else "draft",
                "scheduled_date": now,
            }
            followup = existing.get(key)
            if followup:
                if followup.participation_ids != roles:
                    followup.participation_ids = roles
                # Open follow-ups take the new class; so does one only added
                # to the mailing list when the contact now needs an email.
                reopen = followup.state == "listed" and not fclass.bulk
                if followup.state not in OPEN_STATES and not reopen:
                    continue
                if (
                    followup.class_id == fclass
                    and followup.hesitation_reason == vals["hesitation_reason"]
                ):
                    continue
                vals.update(failure_reason=False, failure_code=False)
                followup.write(vals)
                updated |= followup
            else:
                vals.update(
                    participation_id=participation.id,
                    participation_ids=[Command.set(roles.ids)],
                    user_id=(participation.user_id or self.env.user).id,
                )
                create_vals.append(vals)
        # Follow-ups belong to the contact's owner, who may not be the user
        # classifying: written as superuser. The owner follows each one but
        # gets no "assigned to you" email per follow-up (an Apply can give a
        # salesperson thousands): their activities are the to-do list, as for
        # the leads Odoo's CRM assigns in batch. Subscribed per owner in one
        # batch (the chatter's create subscribes record by record).
        created = Followup.browse()
        if create_vals:
            created = Followup.browse(
                Followup.with_context(tracking_disable=True).create(create_vals).ids
            )
            for owner, owned in created.grouped("user_id").items():
                owned._message_subscribe(partner_ids=owner.partner_id.ids)
        followups = created | updated
        self._subscribe_to_list(followups.filtered(lambda f: f.channel == "mailing_list"))
        self._sync_activities(followups.filtered(lambda f: f.channel == "email"))
        return followups

    @api.model
    def _deadline_day(self, followup):
        """The day of the follow-up's deadline in its owner's time zone (the
        deadline is stored in UTC; the activity is due on a day)."""
        owner = followup.user_id or self.env.user
        return fields.Datetime.context_timestamp(
            followup.with_context(tz=owner.tz or self.env.user.tz or "UTC"), followup.due_date
        ).date()

    @api.model
    def _sync_activities(self, followups):
        """One owner activity per open follow-up, due on its deadline and
        titled with its class in the owner's language: the existing ones
        updated, the missing ones created in one batch."""
        activity_model_id = self.env["ir.model"]._get_id("expo.followup")
        default_type = self.env.ref(
            "expo_crm_followup.mail_activity_type_expo_followup", raise_if_not_found=False
        )
        summaries = {}

        def summary(followup):
            # the class as its owner reads it ("C – 条款有歧议"), whoever classified
            lang = followup.user_id.lang or self.env.lang
            key = (followup.class_id, lang)
            if key not in summaries:
                summaries[key] = followup.class_id.with_context(lang=lang).display_name
            return summaries[key]

        with_activity = followups.filtered(lambda f: f.activity_id)
        for followup in with_activity:
            followup.activity_id.with_context(mail_activity_quick_update=True).write(
                {
                    "date_deadline": self._deadline_day(followup),
                    "summary": summary(followup),
                    "activity_type_id": (followup.class_id.activity_type_id or default_type).id,
                }
            )
        without = followups - with_activity
        if not without:
            return
        # mail.activity computes the name of its document one record at a
        # time: compute them for the whole batch first (one query).
        without.mapped("display_name")
        to_create = []
        for followup in without:
            activity_type = followup.class_id.activity_type_id or default_type
            to_create.append(
                {
                    "res_model_id": activity_model_id,
                    "res_id": followup.id,
                    "activity_type_id": activity_type.id if activity_type else False,
                    "user_id": followup.user_id.id or self.env.user.id,
                    "date_deadline": self._deadline_day(followup),
                    "summary": summary(followup),
                }
            )
        activities = (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .create(to_create)
        )
        by_res = {a.res_id: a for a in activities}
        for followup in without:
            followup.activity_id = by_res.get(followup.id)

    @api.model
    def _subscribe_to_list(self, followups):
        """Bulk classes: add the contacts to their company's follow-up mailing
        list (created the first time it is needed; existing mailing contacts
        are reused, each address once) and mark them "added to the list"."""
        if not followups:
            return
        now = fields.Datetime.now()
        todo = followups - self.env["expo.followup.send"]._check_recipients(followups)
        lists = {company: company._expo_followup_mailing_list() for company in todo.company_id}
        # The person classifying does not follow the mailing contacts made
        # for the list (nor get a creation note on each).
        Contact = (
            self.env["mailing.contact"]
            .sudo()
            .with_context(mail_create_nosubscribe=True, mail_create_nolog=True)
        )
        Subscription = self.env["mailing.subscription"].sudo()
        for mailing_list, group in todo.grouped(lambda f: lists[f.company_id]).items():
            emails = {f.id: f.partner_id.email_normalized for f in group}
            contacts = Contact.search([("email_normalized", "in", list(set(emails.values())))])
            contact_by_email = {}
            for contact in contacts.sorted("id"):
                contact_by_email.setdefault(contact.email_normalized, contact)
            subscriptions = Subscription.search(
                [("contact_id", "in", contacts.ids), ("list_id", "=", mailing_list.id)]
            )
            opted_out_emails = {s.contact_id.email_normalized for s in subscriptions if s.opt_out}
            subscribed = {s.contact_id.email_normalized for s in subscriptions}
            new_contacts, new_subscriptions = {}, []
            for followup in group:
                email = emails[followup.id]
                if email in subscribed:
                    continue
                subscribed.add(email)
                contact = contact_by_email.get(email)
                if contact:
                    new_subscriptions.append({"contact_id": contact.id, "list_id": mailing_list.id})
                    continue
                partner = followup.partner_id
                new_contacts[email] = {
                    "name": partner.name,
                    "email": partner.email,
                    "company_name": partner.commercial_company_name or False,
                    "country_id": partner.country_id.id,
                    "list_ids": [Command.link(mailing_list.id)],
                }
            if new_contacts:
                Contact.create(list(new_contacts.values()))
            if new_subscriptions:
                Subscription.create(new_subscriptions)
            opted_out = group.filtered(lambda f: emails[f.id] in opted_out_emails)
            opted_out.write(
                {"state": "cancelled", "failure_code": "opted_out", "failure_reason": False}
            )
            (group - opted_out).write(
                {
                    "state": "listed",
                    "sent_date": now,
                    "mailing_list_id": mailing_list.id,
                    "failure_code": False,
                    "failure_reason": False,
                }
            )
        followups.activity_id.unlink()
