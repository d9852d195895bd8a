"""Benchmark rows of expo_crm_followup: post-fair classification.

10,000 contacts met at one fair (captured flags spread like a real booth:
2 % signed, 14 % samples, 5 % price disputes, 33 % catalogue requests, the
rest casual; five salespeople) are classified by ``expo.classify.wizard``
(opened from the fair: one line per contact with its suggested class) and
"Apply and schedule follow-ups": classes written, one ``expo.followup`` per
contact with its deadline and template, one activity per personal follow-up
for its owner, the casual contacts subscribed to the follow-up mailing list.

Reference: Odoo's mass-mail composer (``mail.compose.message`` in
``mass_mail`` mode, through the queue) sending one template to the same
10,000 partners.

A second row measures the sending itself: the scheduler claims the due
automatic follow-ups (B and D classes), checks blacklist and opt-outs,
renders them, queues their emails and files them in the contacts'
chatters, against Odoo's composer rendering the same templates on the same
follow-ups (nothing else).
"""

from harness import Job

CONTACTS = 10_000
USERS = 5


def prepare(env, scale):
    """The fair, five salespeople, the mailing list, and 10,000
    participations with capture flags (SQL, not timed)."""
    cr = env.cr
    company = env.company
    users = env["res.users"].with_context(no_reset_password=True).create(
        [
            {
                "name": f"Bench salesperson {i}",
                "login": f"bench.sales.{i}",
                "email": f"sales{i}@bench.example.com",
                "groups_id": [(6, 0, [env.ref("expo_crm.group_expo_user").id])],
            }
            for i in range(USERS)
        ]
    )
    mailing_list = env["mailing.list"].create({"name": "Bench follow-up list"})
    company.write(
        {
            "expo_followup_mailing_list_id": mailing_list.id,
            "expo_followup_auto_send": True,
            "expo_followup_working_days": True,
        }
    )
    fair = env["expo.fair"].create(
        {"name": "Bench follow-up fair", "date_begin": "2031-04-15", "date_end": "2031-04-19",
         "state": "closed", "own_booth": "9.2 C41"}
    )
    role = env.ref("expo_crm.role_trade_visitor").id
    cr.execute(
        """
        WITH p AS (
            SELECT id, row_number() OVER (ORDER BY id) AS n
              FROM res_partner
             WHERE ref ~ '^bench-[0-9]+$'
             ORDER BY id
             LIMIT %(contacts)s
        )
        INSERT INTO expo_participation (partner_id, fair_id, role_id, role_code, fair_date, state,
                                        source, company_id, user_id, order_signed, samples_requested,
                                        price_disputed, catalogue_requested, products_discussed,
                                        followup_state, followup_classified,
                                        create_uid, create_date, write_uid, write_date)
        SELECT p.id, %(fair)s, %(role)s, 'trade_visitor', '2031-04-15', 'attended', 'scan',
               %(company)s, (%(users)s::int[])[1 + p.n %% %(nusers)s],
               p.n %% 50 = 0, p.n %% 7 = 0, p.n %% 19 = 0, p.n %% 3 = 0,
               CASE WHEN p.n %% 7 = 0 THEN 'Ball valves DN' || (p.n %% 10 * 10) END,
               'none', 0, %(uid)s, now(), %(uid)s, now()
          FROM p
        """,
        {
            "contacts": CONTACTS, "fair": fair.id, "role": role, "company": company.id,
            "users": users.ids, "nusers": USERS, "uid": env.uid,
        },
    )
    # The base data set has raw emails: normalise them as Odoo would.
    cr.execute(
        """UPDATE res_partner SET email_normalized = lower(email)
            WHERE id IN (SELECT partner_id FROM expo_participation WHERE fair_id = %s)""",
        [fair.id],
    )
    cr.execute("ANALYZE expo_participation")
    env.invalidate_all()
    scale["fair_id"] = fair.id
    cr.execute("SELECT partner_id FROM expo_participation WHERE fair_id = %s", [fair.id])
    scale["partner_ids"] = [row[0] for row in cr.fetchall()]
    scale["template_id"] = env["mail.template"].create(
        {
            "name": "Bench thank-you",
            "model_id": env["ir.model"]._get_id("res.partner"),
            "subject": "Thank you for visiting us, {{ object.name }}",
            "body_html": "<p>Dear <t t-out=\"object.name\"/>,</p><p>thank you for visiting "
                         "our booth. Here is our catalogue.</p>",
            "lang": "{{ object.lang }}",
        }
    ).id


def classify_and_schedule(env, scale):
    fair = env["expo.fair"].browse(scale["fair_id"])
    action = fair.action_expo_classify()
    wizard = env["expo.classify.wizard"].browse(action["res_id"])
    wizard.action_apply()
    return env["expo.followup"].search_count([("fair_id", "=", fair.id)])


def prepare_sending(env, scale):
    """Classified and scheduled (not timed): the sending row starts here."""
    prepare(env, scale)
    classify_and_schedule(env, scale)
    env.flush_all()
    env.cr.execute(
        "SELECT count(*) FROM expo_followup WHERE fair_id = %s AND state = 'scheduled'",
        [scale["fair_id"]],
    )
    scale["due"] = env.cr.fetchone()[0]


def send_due(env, scale):
    return env["expo.followup"]._cron_send_followups(batch_size=500, auto_commit=False)


def composer(env, scale, count=None):
    partner_ids = scale["partner_ids"][: count or len(scale["partner_ids"])]
    wizard = env["mail.compose.message"].create(
        {
            "composition_mode": "mass_mail",
            "model": "res.partner",
            "res_ids": partner_ids,
            "template_id": scale["template_id"],
            "force_send": False,
        }
    )
    mails, _messages = wizard._action_send_mail()
    return len(mails)


def composer_same_templates(env, scale):
    """Odoo's composer sending the same class templates to the same due
    follow-ups (one mass-mail composer per template), nothing else."""
    Followup = env["expo.followup"]
    due = Followup.search([("fair_id", "=", scale["fair_id"]), ("state", "=", "scheduled")])
    count = 0
    for template, followups in due.grouped("template_id").items():
        wizard = env["mail.compose.message"].create(
            {
                "composition_mode": "mass_mail",
                "model": "expo.followup",
                "res_ids": followups.ids,
                "template_id": template.id,
                "force_send": False,
            }
        )
        mails, _messages = wizard._action_send_mail()
        count += len(mails)
    return count


JOBS = [
    Job(
        name="Follow-up: classify 10,000 contacts and schedule their follow-ups",
        prepare=prepare,
        run=classify_and_schedule,
        reference=composer,
        reference_name="mass-mail composer: one template to the same 10,000 partners (queued)",
        size=lambda scale: f"{CONTACTS:,} contacts of one fair",
        target="≤ 1×",
    ),
    Job(
        name="Follow-up: scheduler renders, posts and queues the due follow-ups",
        prepare=prepare_sending,
        run=send_due,
        reference=composer_same_templates,
        reference_name="mass-mail composer: the same class templates to the same follow-ups",
        size=lambda scale: f"due B and D classes of {CONTACTS:,} contacts",
        target="informative",
    ),
]
