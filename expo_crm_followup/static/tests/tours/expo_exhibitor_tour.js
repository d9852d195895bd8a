/** @odoo-module **/
/*
 * Exhibitor after a fair (expo_crm_followup/tests/test_tour_exhibitor.py
 * prepares the fair and checks the database afterwards):
 *   on the fair, import the badge-scanner file (preview, rows with problems,
 *   result and error report), classify the contacts (two in bulk as
 *   "B Strong intent", one of them then by hand as "A Signed", the third as
 *   "D Information request"), apply, read the follow-ups and their
 *   activities, open the A follow-up and send it from its form, then find
 *   the email in the contact's chatter.
 */
import { queryAll } from "@odoo/hoot-dom";
import { registry } from "@web/core/registry";

const CONTACTS_CSV = [
    "Name,Company,Email,Mobile,Country,Job title,Notes",
    "Ada Tourwright,Lumen Lighting (tour),ada@lumen-tour.example.com,+49 30 5550 1234,Germany,Purchasing manager,Signed a trial order for 500 panels",
    "Bo Tourly,Brightway Lamps (tour),bo@brightway-tour.example.com,+1 415 555 0142,United States,Buyer,Wants samples of the 60 W high bay",
    "Cyd Tourson,Cando Import (tour),cyd@cando-tour.example.com,+1 604 555 0199,Canada,Market researcher,Asked for the catalogue",
    "Dee Broken,,dee-at-nowhere,,Atlantis,,",
].join("\n");

function assertCount(waitFor, selector, count, content) {
    return {
        content: content || `exactly ${count} × ${selector}`,
        trigger: waitFor,
        run() {
            const found = queryAll(selector);
            if (found.length !== count) {
                const texts = found.map((el) => el.innerText.replace(/\s+/g, " ")).join(" | ");
                throw new Error(
                    `${content || selector}: expected ${count}, found ${found.length}: ${texts}`
                );
            }
        },
    };
}

/** A row of the classification wizard. */
function line(name) {
    return `.modal .o_field_widget[name=line_ids] .o_data_row:contains("${name}")`;
}

registry.category("web_tour.tours").add("expo_exhibitor_tour", {
    steps: () => [
        {
            content: "The fair is open in its form",
            trigger: ".o_form_view .o_field_widget[name=name] input:value('Lighting Sourcing Fair (tour)')",
        },
        // --- import the badge-scanner file --------------------------------
        {
            content: "Import the contacts met at the booth",
            trigger: ".o_statusbar_buttons button:contains('Import contacts')",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=fair_id] input:value('Lighting Sourcing Fair (tour)')",
        },
        {
            content: "Upload the scanner's CSV file",
            trigger: ".modal .o_field_widget[name=file] input[type=file]:not(:visible)",
            run() {
                const input = this.anchor;
                const transfer = new DataTransfer();
                transfer.items.add(
                    new File([CONTACTS_CSV], "booth_scans.csv", { type: "text/csv" })
                );
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            trigger: ".modal .o_field_widget[name=file] input:value('booth_scans.csv')",
        },
        {
            content: "Preview",
            trigger: ".modal-footer button[name=action_preview]",
            run: "click",
        },
        {
            content: "The preview: 4 rows read, 3 new contacts, 1 skipped",
            trigger: ".modal .o_field_widget[name=row_count]:contains('4')",
        },
        { trigger: ".modal .o_field_widget[name=to_create_count]:contains('3')" },
        { trigger: ".modal .o_field_widget[name=skipped_count]:contains('1')" },
        {
            content: "The bad row is listed with its reason",
            trigger: ".modal .o_field_widget[name=problem_line_ids] .o_data_row:contains('Dee Broken'):contains('email')",
        },
        {
            content: "Import",
            trigger: ".modal-footer button[name=action_import]",
            run: "click",
        },
        {
            content: "The result: 3 contacts created, 1 row skipped",
            trigger: ".modal .o_field_widget[name=created_count]:contains('3')",
        },
        { trigger: ".modal .o_field_widget[name=participation_created_count]:contains('3')" },
        { trigger: ".modal .o_field_widget[name=skipped_count]:contains('1')" },
        {
            content: "The error report can be downloaded",
            trigger: ".modal-footer button[name=action_download_error_report]",
        },
        {
            content: "Close the wizard",
            trigger: ".modal-footer button:contains('Close')",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
        // --- classify --------------------------------------------------------
        {
            content: "Classify the contacts of the fair",
            trigger: ".o_statusbar_buttons button[name=action_expo_classify]",
            run: "click",
        },
        { trigger: line("Ada Tourwright") },
        assertCount(
            line("Cyd Tourson"),
            ".modal .o_field_widget[name=line_ids] .o_data_row",
            3,
            "one line per imported contact"
        ),
        {
            content: "Tick Ada",
            trigger: `${line("Ada Tourwright")} td[name=selected]`,
            run: "click",
        },
        {
            trigger: `${line("Ada Tourwright")}.o_selected_row td[name=selected] input:enabled`,
            run: "check",
        },
        {
            content: "Tick Bo",
            trigger: `${line("Bo Tourly")} td[name=selected]`,
            run: "click",
        },
        {
            trigger: `${line("Bo Tourly")}.o_selected_row td[name=selected] input:enabled`,
            run: "check",
        },
        {
            content: "Class for selected: B",
            trigger: ".modal .o_field_widget[name=bulk_class_id] input",
            run: "edit Strong",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Strong intent')",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=bulk_hesitation_reason] select",
            run: 'select "needs_evidence"',
        },
        {
            trigger: ".modal button[name=action_set_class_selected]",
            run: "click",
        },
        {
            content: "Ada and Bo are now B",
            trigger: `${line("Bo Tourly")} td[name=class_id]:contains('Strong intent')`,
        },
        { trigger: `${line("Ada Tourwright")} td[name=class_id]:contains('Strong intent')` },
        {
            content: "Ada signed: A, by hand on her line",
            trigger: `${line("Ada Tourwright")} td[name=class_id]`,
            run: "click",
        },
        {
            trigger: `${line("Ada Tourwright")}.o_selected_row .o_field_widget[name=class_id] input`,
            run: "edit Signed",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Signed')",
            run: "click",
        },
        {
            content: "Cyd asked for the catalogue: D",
            trigger: `${line("Cyd Tourson")} td[name=class_id]`,
            run: "click",
        },
        {
            trigger: `${line("Cyd Tourson")}.o_selected_row .o_field_widget[name=class_id] input`,
            run: "edit Information",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Information request')",
            run: "click",
        },
        {
            content: "All three are classified",
            trigger: ".modal .o_field_widget[name=counter_text]:contains('3 of 3 have a class')",
        },
        {
            content: "Apply and schedule the follow-ups",
            trigger: ".modal-footer button[name=action_apply]",
            run: "click",
        },
        // --- the follow-ups --------------------------------------------------
        {
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The follow-ups of the three contacts",
            trigger: ".o_kanban_view .o_kanban_record:contains('Ada Tourwright')",
        },
        assertCount(
            ".o_kanban_view .o_kanban_record:contains('Cyd Tourson')",
            ".o_kanban_view .o_kanban_record:not(.o_kanban_ghost)",
            3,
            "three follow-ups"
        ),
        {
            content: "A signed waits for its owner's review",
            trigger: ".o_kanban_group:has(.o_column_title:contains('To review')) .o_kanban_record:contains('Ada Tourwright')",
        },
        {
            content: "B and D leave automatically",
            trigger: ".o_kanban_group:has(.o_column_title:contains('Scheduled')) .o_kanban_record:contains('Bo Tourly')",
        },
        {
            trigger: ".o_kanban_group:has(.o_column_title:contains('Scheduled')) .o_kanban_record:contains('Cyd Tourson')",
        },
        {
            content: "Every follow-up has its activity for the owner, planned (green)",
            trigger: ".o_kanban_record:contains('Ada Tourwright') .o-mail-ActivityButton i.text-success",
        },
        assertCount(
            ".o_kanban_record:contains('Cyd Tourson') .o-mail-ActivityButton",
            ".o_kanban_record .o-mail-ActivityButton i.text-success",
            3,
            "three planned activities"
        ),
        {
            content: "Open Ada's follow-up",
            trigger: ".o_kanban_record:contains('Ada Tourwright')",
            run: "click",
        },
        {
            content: "Its playbook says what to do",
            trigger: ".o_form_view .o_field_widget[name=playbook]:contains('24 hours')",
        },
        {
            content: "Its activity is planned for the owner",
            trigger: ".o-mail-Activity:contains('Signed')",
        },
        {
            content: "Send it now",
            trigger: ".o_statusbar_buttons button[name=action_send_now]",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The follow-up is in the mail queue",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Queued')",
        },
        {
            content: "The change is in its chatter",
            trigger: ".o-mail-Message:contains('Queued')",
        },
        {
            content: "Open the contact",
            trigger: ".o_form_view button[name=action_open_partner]",
            run: "click",
        },
        {
            content: "The email is in the contact's chatter",
            trigger: ".o-mail-Message:contains('next steps for your order')",
        },
        {
            content: "Back to the fair: Fairs › Editions",
            trigger: ".o_main_navbar [data-menu-xmlid='expo_crm.menu_expo_fairs']",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu [data-menu-xmlid='expo_crm.menu_expo_fair']",
            run: "click",
        },
        {
            trigger: ".o_kanban_record:contains('Lighting Sourcing Fair (tour)')",
            run: "click",
        },
        {
            content: "Its overview: every contact classified, nothing overdue",
            trigger: ".o_expo_overview button[name=action_expo_view_classified]:has(.o_expo_tile_label:contains('100'))",
        },
        {
            trigger: ".o_expo_overview button[name=action_expo_view_followups_overdue]:has(.o_expo_tile_value:contains('0'))",
        },
        {
            trigger: ".o_expo_overview button[name=action_view_participations]:has(.o_expo_tile_value:contains('3'))",
        },
        {
            content: "The stat button counts the two follow-ups still to send, of three",
            trigger: "button[name=action_expo_view_followups]:has(.o_field_widget[name=followup_open_count]:contains('2')):has(.o_field_widget[name=followup_count]:contains('3'))",
        },
    ],
});
