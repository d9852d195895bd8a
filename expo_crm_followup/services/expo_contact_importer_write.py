"""The contact importer service: writing the analysed contacts, their
companies and their participations in bulk; group by group in a savepoint
each when the batch fails, so that one bad contact never sinks or
half-writes another."""

import logging
from collections import defaultdict

from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

_logger = logging.getLogger(__name__)


class ExpoContactImporter(models.AbstractModel):
    _inherit = "expo.contact.importer"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # Execution
    # ------------------------------------------------------------------

    @api.model
    def _execute(self, analysis, options):
        """Write the analysed groups (see ``_analyse_rows``): all at once, or
        group by group in a savepoint each when the batch fails; the rows of
        a group that fails are skipped with the reason. ``options``: ``fair``,
        ``role`` (records), ``state`` and ``source`` of the participations,
        ``user`` (the owner, a res.users) and ``met_date`` (default date
        met). Returns counters: created, updated, companies,
        participations_created, participations_updated, failed_rows."""
        importer = self._with_phone_cache()
        result = defaultdict(int)
        groups = analysis["groups"]
        if not groups:
            return result
        # the partners a group matched: the ids given to new partners by a
        # write that is rolled back must not be kept
        matched = [group["partner_id"] for group in groups]
        try:
            with self.env.cr.savepoint():
                stats = importer._write_groups(groups, options, companies=analysis["companies"])
        except Exception:  # noqa: BLE001 - any failure: retry row by row
            _logger.info("Contact import: batch failed, importing contact by contact", exc_info=True)
            for group, partner_id in zip(groups, matched):
                group["partner_id"] = partner_id
        else:
            result.update(stats)
            return result
        for group, partner_id in zip(groups, matched):
            try:
                with self.env.cr.savepoint():
                    stats = importer._write_groups([group], options)
            except Exception as error:  # noqa: BLE001 - reported on the row
                group["partner_id"] = partner_id
                message = error.args[0] if isinstance(error, UserError) else str(error)
                for data in group["rows"]:
                    data["status"] = "skip"
                    data["errors"].append(_("Not imported: %(error)s", error=message))
                    result["failed_rows"] += 1
                group["failed"] = True
                continue
            for key, value in stats.items():
                result[key] += value
        stats = defaultdict(int)
        for data in analysis["rows"]:
            stats[data["status"]] += 1
        stats["rows"] = len(analysis["rows"])
        analysis["stats"] = stats
        return result

    @api.model
    def _write_groups(self, groups, options, companies=None):
        """Create or complete the partners of these groups, their companies
        and their participations, in bulk. Returns counters."""
        Partner = self.env["res.partner"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
        )
        stats = defaultdict(int)
        role = options["role"]
        fair = options["fair"]
        owner = options["user"]

        # companies: reuse by name, create the missing ones in one batch
        company_names = {}
        for group in groups:
            name = group["values"]["company"]
            if name:
                company_names.setdefault(name.lower(), group)
        if companies is None:  # contact by contact: see the ones just created
            companies = self._match_companies(set(company_names))
        companies = {key: companies[key] for key in company_names if key in companies}
        missing = [key for key in company_names if key not in companies]
        if missing:
            new_companies = Partner.create(
                [
                    {
                        "name": company_names[key]["values"]["company"],
                        "is_company": True,
                        "country_id": company_names[key]["values"]["country_id"],
                        "city": company_names[key]["values"]["city"] or False,
                        "website": company_names[key]["values"]["website"] or False,
                    }
                    for key in missing
                ]
            )
            companies.update(zip(missing, new_companies.ids))
            stats["companies"] += len(new_companies)

        # new partners in one batch
        old_groups = [group for group in groups if group["partner_id"]]
        new_groups = [group for group in groups if not group["partner_id"]]
        if new_groups:
            vals_list = []
            for group in new_groups:
                values = group["values"]
                company_id = companies.get((values["company"] or "").lower(), False)
                vals_list.append(
                    {
                        "name": values["name"],
                        "email": values["email"],
                        "mobile": values["mobile"],
                        "phone": values["phone"],
                        "country_id": values["country_id"],
                        "function": values["function"] or False,
                        "city": values["city"] or False,
                        "website": (values["website"] or False) if not company_id else False,
                        "parent_id": company_id,
                        "user_id": owner.id,
                    }
                )
            partners = self._create_partners(vals_list)
            for group, partner in zip(new_groups, partners):
                group["partner_id"] = partner.id
            stats["created"] += len(partners)

        # existing partners: fill the empty fields, never blank one out
        if old_groups:
            existing = Partner.browse([group["partner_id"] for group in old_groups])
            existing.check_access("write")
            existing.fetch(
                ["email", "mobile", "phone", "country_id", "function", "city", "parent_id", "is_company"]
            )
            default_country = self._default_phone_country(options)
            updates = defaultdict(list)
            for group, partner in zip(old_groups, existing):
                values = group["values"]
                vals = {}
                if not partner.email and values["email"]:
                    vals["email"] = values["email"]
                if not partner.country_id and values["country_id"]:
                    vals["country_id"] = values["country_id"]
                for fname in ("function", "city"):
                    if not partner[fname] and values[fname]:
                        vals[fname] = values[fname]
                known = set()
                for fname in ("mobile", "phone"):
                    if partner[fname]:
                        known.add(
                            self._parse_phone(partner[fname], partner.country_id or default_country)[0]
                        )
                for fname in ("mobile", "phone"):
                    if partner[fname] or not values[fname]:
                        continue
                    # values are in international format when they were valid
                    number = self._parse_phone(values[fname], default_country)[0] or values[fname]
                    if number not in known:
                        vals[fname] = values[fname]
                        known.add(number)
                company_id = companies.get((values["company"] or "").lower())
                if company_id and not partner.parent_id and not partner.is_company:
                    vals["parent_id"] = company_id
                if vals:
                    updates[tuple(sorted(vals.items()))].append(partner.id)
            for items, ids in updates.items():
                Partner.sudo().browse(ids).write(dict(items))
            stats["updated"] += len(existing)

        # participations: reuse the existing one for partner + fair + role
        Participation = self.env["expo.participation"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
        )
        partner_ids = [group["partner_id"] for group in groups]
        current = {
            participation.partner_id.id: participation
            for participation in Participation.search(
                [
                    ("partner_id", "in", partner_ids),
                    ("fair_id", "=", fair.id),
                    ("role_id", "=", role.id),
                ]
            )
        }
        to_create = []
        upgrade_ids = []
        fill = defaultdict(list)
        for group in groups:
            values = group["values"]
            participation = current.get(group["partner_id"])
            if not participation:
                to_create.append(
                    {
                        "partner_id": group["partner_id"],
                        "fair_id": fair.id,
                        "company_id": fair.company_id.id,
                        "role_id": role.id,
                        "state": options["state"],
                        "source": options["source"],
                        "met_date": values["met_date"] or options["met_date"],
                        "user_id": owner.id,
                        "booth": values["booth"] or False,
                        "badge_code": values["badge_code"] or False,
                        "notes": plaintext2html(values["notes"]) if values["notes"] else False,
                    }
                )
                continue
            if self._state_rank(options["state"]) > self._state_rank(participation.state):
                upgrade_ids.append(participation.id)
            vals = {}
            for fname in ("booth", "badge_code"):
                if not participation[fname] and values[fname]:
                    vals[fname] = values[fname]
            if not participation.met_date:
                vals["met_date"] = values["met_date"] or options["met_date"]
            if not participation.notes and values["notes"]:
                vals["notes"] = plaintext2html(values["notes"])
            if vals:
                fill[tuple(sorted(vals.items()))].append(participation.id)
        if to_create:
            Participation.create(to_create)
            stats["participations_created"] += len(to_create)
        if upgrade_ids:
            Participation.browse(upgrade_ids).write({"state": options["state"]})
        for items, ids in fill.items():
            Participation.browse(ids).write(dict(items))
        stats["participations_updated"] += len(
            set(upgrade_ids) | {pid for ids in fill.values() for pid in ids}
        )
        return stats

    @api.model
    def _create_partners(self, vals_list):
        """Create contacts in one batch.

        res.partner's create synchronises each new contact with its company
        one by one (commercial fields, address, language: a write per
        contact). The same synchronisation is done here once per company, by
        putting the company's values in the create values, with Odoo's own
        ``_partners_skip_fields_sync`` switch."""
        Partner = self.env["res.partner"].with_context(
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            _partners_skip_fields_sync=True,
        )
        companies = Partner.browse({vals["parent_id"] for vals in vals_list if vals.get("parent_id")})
        commercial_fields = Partner._commercial_fields()
        address_fields = Partner._address_fields()
        synced = {}
        for company in companies:
            values = company.commercial_partner_id._update_fields_values(commercial_fields)
            if any(company[fname] for fname in address_fields):
                values.update(company._update_fields_values(address_fields))
            if company.lang:
                values["lang"] = company.lang
            synced[company.id] = values
        for vals in vals_list:
            if vals.get("parent_id"):
                vals.update(synced[vals["parent_id"]])
        partners = Partner.create(vals_list)
        if companies and Partner._company_dependent_commercial_fields():
            by_company = defaultdict(list)
            for partner in partners.filtered("parent_id"):
                by_company[partner.parent_id].append(partner.id)
            for children in by_company.values():
                Partner.browse(children).sudo()._company_dependent_commercial_sync()
        # a company without address takes the one of its first contact
        bare = companies.filtered(lambda c: not any(c[fname] for fname in address_fields))
        if bare:
            counts = dict(
                Partner.with_context(active_test=False)._read_group(
                    [("parent_id", "in", bare.ids)], ["parent_id"], ["__count"]
                )
            )
            by_address = defaultdict(list)
            for partner in partners:
                if counts.get(partner.parent_id) == 1 and any(partner[f] for f in address_fields):
                    address = partner._update_fields_values(address_fields)
                    by_address[tuple(sorted(address.items()))].append(partner.parent_id.id)
            for address, company_ids in by_address.items():
                Partner.browse(company_ids).update_address(dict(address))
        return partners

    @api.model
    def _state_rank(self, state):
        return {"cancelled": 0, "no_show": 0, "invited": 1, "registered": 2, "attended": 3}.get(
            state, 0
        )
