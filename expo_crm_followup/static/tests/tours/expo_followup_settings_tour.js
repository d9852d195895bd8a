/** @odoo-module **/
/*
 * Administrator (expo_crm_followup/tests/test_tour_settings.py prepares a
 * company template and checks that the next classification uses the new
 * rules): Settings › Exhibitions › Exhibition follow-up, deadlines in
 * calendar days and escalation after 3 days, then the class "B Strong
 * intent" gets a 96-hour deadline and the company's own template.
 */
import { registry } from "@web/core/registry";

const CLASS_ROW = ".o_list_view .o_data_row:contains('Strong intent')";

registry.category("web_tour.tours").add("expo_followup_settings_tour", {
    steps: () => [
        {
            content: "Open the Exhibitions settings",
            trigger: ".settings_tab .tab[data-key=expo_crm]",
            run: "click",
        },
        {
            content: "The follow-up section of the settings",
            trigger: ".app_settings_block[data-key=expo_crm] h2:contains('Exhibition follow-up')",
        },
        {
            content: "Deadlines count every calendar day",
            trigger: ".o_field_widget[name=expo_followup_working_days] input:checked",
            run: "uncheck",
        },
        {
            content: "Escalate after 3 days overdue",
            trigger: ".o_field_widget[name=expo_followup_escalation_days] input",
            run: "edit 3",
        },
        {
            content: "Save the settings",
            trigger: ".o_control_panel .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved and reloaded",
            trigger: ".o_field_widget[name=expo_followup_escalation_days] input:value(3)",
        },
        {
            trigger: ".o_field_widget[name=expo_followup_working_days] input:not(:checked)",
        },
        {
            trigger: "body:not(:has(.o_form_button_save:visible))",
        },
        {
            content: "Open the follow-up classes",
            trigger: ".app_settings_block[data-key=expo_crm] button:contains('Follow-up classes')",
            run: "click",
        },
        {
            content: "B strong intent: 48 hours with the standard template",
            trigger: `${CLASS_ROW}:contains('48'):contains('Follow-up B: strong interest')`,
        },
        {
            trigger: `${CLASS_ROW} td[name=name]`,
            run: "click",
        },
        {
            content: "A deadline of 96 hours",
            trigger: ".o_form_view .o_field_widget[name=delay_hours] input",
            run: "edit 96",
        },
        {
            content: "and the company's own template",
            trigger: ".o_form_view .o_field_widget[name=mail_template_id] input",
            run: "edit samples on their way",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Follow-up B: samples on their way')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "Back to the classes",
            trigger: ".o_breadcrumb .o_back_button, .breadcrumb-item a:contains('Follow-up classes')",
            run: "click",
        },
        {
            content: "The list shows the new rules of B",
            trigger: `${CLASS_ROW}:contains('96'):contains('samples on their way')`,
        },
    ],
});
