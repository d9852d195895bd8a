/** @odoo-module **/
/*
 * From the classification to the pipeline (expo_crm_crm/tests/test_tour_crm.py
 * prepares the fair and checks the database afterwards): on the fair,
 * classify the contact met at the booth as "B Strong intent", apply, go back
 * to the fair, open its pipeline and find the opportunity, then follow its
 * link back to the follow-up.
 */
import { registry } from "@web/core/registry";

const FAIR = "Pump Sourcing Fair (crm tour)";
const LINE = `.modal .o_field_widget[name=line_ids] .o_data_row:contains("Tina Pipeline")`;

registry.category("web_tour.tours").add("expo_crm_crm_tour", {
    steps: () => [
        {
            content: "The fair is open in its form",
            trigger: `.o_form_view .o_field_widget[name=name] input:value('${FAIR}')`,
        },
        {
            content: "Classify the contacts of the fair",
            trigger: ".o_statusbar_buttons button[name=action_expo_classify]",
            run: "click",
        },
        {
            content: "Tina asked for samples: B",
            trigger: `${LINE} td[name=class_id]`,
            run: "click",
        },
        {
            trigger: `${LINE}.o_selected_row .o_field_widget[name=class_id] input`,
            run: "edit Strong",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Strong intent')",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=counter_text]:contains('1 of 1 have a class')",
        },
        {
            content: "Apply",
            trigger: ".modal-footer button[name=action_apply]",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "Tina's follow-up is scheduled",
            trigger: ".o_kanban_view .o_kanban_record:contains('Tina Pipeline')",
        },
        {
            content: "Back to the fair",
            trigger: `.o_breadcrumb a:contains('${FAIR}')`,
            run: "click",
        },
        {
            content: "The fair has one opportunity",
            trigger: ".o_form_view button[name=action_expo_view_opportunities]:contains('1')",
        },
        {
            content: "Open the fair's pipeline",
            trigger: ".o_form_view button[name=action_expo_view_pipeline]",
            run: "click",
        },
        {
            content: "The opportunity is in the pipeline",
            trigger: ".o_kanban_view .o_kanban_record:contains('Tina Pipeline')",
            run: "click",
        },
        {
            content: "It comes from the fair, tagged with the class",
            trigger: ".o_form_view .o_field_widget[name=tag_ids]:contains('Strong intent')",
        },
        {
            content: "Back to the follow-up",
            trigger: ".o_form_view button[name=action_expo_open_followup]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=partner_id]:contains('Tina Pipeline')",
        },
        {
            content: "The follow-up points at the opportunity",
            trigger: ".o_form_view button[name=action_expo_open_lead]",
        },
    ],
});
