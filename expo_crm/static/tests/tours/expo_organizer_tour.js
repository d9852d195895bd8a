/** @odoo-module **/
/*
 * Organizer flow (expo_crm/tests/test_tour_organizer.py prepares the data and
 * checks the database afterwards):
 *   open Exhibitions › Editions, create the next edition of the series
 *   "Harbour Tools Expo", add two participations from the form's list, read
 *   the edition's overview (participants, roles, new vs returning), open the
 *   returning participants, then drag a contact from "Confirmation" to
 *   "Trust" in the Relationships kanban and read its stage history.
 */
import { queryAll } from "@odoo/hoot-dom";
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const { DateTime } = luxon;

/** A step that fails unless exactly `count` elements match `selector`
 * (once `waitFor` is on screen). */
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

/** The figure of an overview tile of the fair form. */
function tile(method, value) {
    return `.o_expo_overview button[name=${method}]:has(.o_expo_tile_value:contains("${value}"))`;
}

function kanbanColumn(stage) {
    return `.o_kanban_group:has(.o_column_title:contains("${stage}"))`;
}

registry.category("web_tour.tours").add("expo_organizer_tour", {
    url: "/odoo",
    steps: () => {
        const begin = DateTime.now().minus({ days: 20 });
        const end = begin.plus({ days: 3 });
        return [
            stepUtils.showAppsMenuItem(),
            {
                content: "Open the Exhibitions app",
                trigger: ".o_app[data-menu-xmlid='expo_crm.menu_expo_root']",
                run: "click",
            },
            {
                content: "The app opens on the fair editions, grouped by status",
                trigger: ".o_last_breadcrumb_item:contains('Fairs')",
            },
            {
                content: "The previous edition of the series is listed as closed",
                trigger: `${kanbanColumn("Closed")} .o_kanban_record:contains("Harbour Tools Expo (tour) 1")`,
            },
            {
                content: "Create a new edition",
                trigger: ".o-kanban-button-new",
                run: "click",
            },
            {
                trigger: ".o_field_widget[name=name] input",
                run: "edit Harbour Tools Expo (tour) 2",
            },
            {
                content: "Pick the existing series",
                trigger: ".o_field_widget[name=series_id] input",
                run: "edit Harbour Tools",
            },
            {
                trigger: ".o-autocomplete--dropdown-item:contains('Harbour Tools Expo (tour)')",
                run: "click",
            },
            {
                content: "The organizer comes from the series",
                trigger: ".o_field_widget[name=organizer_id] input:value('Harbour Authority Events (tour)')",
            },
            {
                content: "Start date",
                trigger: "input[data-field=date_begin]",
                run: `edit ${begin.toFormat("MM/dd/yyyy")} && press Enter`,
            },
            {
                content: "End date",
                trigger: "input[data-field=date_end]",
                run: `edit ${end.toFormat("MM/dd/yyyy")} && press Enter`,
            },
            {
                trigger: ".o_field_widget[name=city] input",
                run: "edit Qingdao",
            },
            {
                content: "This is the second edition of the series, after the first",
                trigger: ".o_field_widget[name=edition_number]:contains('2')",
            },
            {
                trigger: ".o_field_widget[name=previous_fair_id]:contains('Harbour Tools Expo (tour) 1')",
            },
            // --- participations, from the list of the form ---------------
            {
                content: "Open the Participations tab",
                trigger: ".o_notebook .nav-link[name=participations]",
                run: "click",
            },
            {
                content: "Add a participation",
                trigger: ".o_field_widget[name=participation_ids] .o_field_x2many_list_row_add a",
                run: "click",
            },
            {
                trigger: ".o_field_widget[name=participation_ids] .o_selected_row .o_field_widget[name=partner_id] input",
                run: "edit Tourmaline",
            },
            {
                trigger: ".o-autocomplete--dropdown-item:contains('Tourmaline Valves (tour)')",
                run: "click",
            },
            {
                trigger: ".o_selected_row .o_field_widget[name=role_id] input",
                run: "edit Exhibitor",
            },
            {
                trigger: ".o-autocomplete--dropdown-item:contains('Exhibitor')",
                run: "click",
            },
            {
                trigger: ".o_selected_row .o_field_widget[name=state] select",
                run: 'select "attended"',
            },
            {
                trigger: ".o_selected_row .o_field_widget[name=booth] input",
                run: "edit 3.1-A08",
            },
            {
                content: "Add a second participation",
                trigger: ".o_field_widget[name=participation_ids] .o_field_x2many_list_row_add a",
                run: "click",
            },
            {
                trigger: ".o_field_widget[name=participation_ids] .o_data_row:contains('Tourmaline Valves (tour)'):not(.o_selected_row)",
            },
            {
                trigger: ".o_selected_row .o_field_widget[name=partner_id] input",
                run: "edit Quillon",
            },
            {
                trigger: ".o-autocomplete--dropdown-item:contains('Quillon Buyers (tour)')",
                run: "click",
            },
            {
                trigger: ".o_selected_row .o_field_widget[name=role_id] input",
                run: "edit Trade visitor",
            },
            {
                trigger: ".o-autocomplete--dropdown-item:contains('Trade visitor')",
                run: "click",
            },
            {
                trigger: ".o_selected_row .o_field_widget[name=state] select",
                run: 'select "attended"',
            },
            {
                content: "Save the edition",
                trigger: ".o_form_button_save",
                run: "click",
            },
            // --- the overview of the edition -----------------------------
            {
                content: "Saved: the overview shows two participants",
                trigger: `.o_form_saved ${tile("action_view_participations", "2")}`,
            },
            { trigger: tile("action_view_exhibitors", "1") },
            { trigger: tile("action_view_trade_visitors", "1") },
            { trigger: tile("action_view_media", "0") },
            { trigger: tile("action_view_attended", "2") },
            {
                content: "Quillon is new to the series, Tourmaline came back",
                trigger: tile("action_view_new", "1"),
            },
            { trigger: tile("action_view_returning", "1") },
            assertCount(
                ".o_field_widget[name=participation_ids] .o_data_row:contains('Quillon Buyers (tour)')",
                ".o_field_widget[name=participation_ids] .o_data_row",
                2,
                "two participation lines"
            ),
            {
                content: "Open the returning participants",
                trigger: ".o_expo_overview button[name=action_view_returning]",
                run: "click",
            },
            {
                content: "The participations of the edition open, filtered",
                trigger: ".o_last_breadcrumb_item:contains('Participations')",
            },
            {
                trigger: ".o_list_view .o_data_row:contains('Tourmaline Valves (tour)')",
            },
            assertCount(
                ".o_list_view .o_data_row:contains('Tourmaline Valves (tour)')",
                ".o_list_view .o_data_row",
                1,
                "one returning participant"
            ),
            // --- the Relationships kanban --------------------------------
            {
                content: "Open Relationships",
                trigger: ".o_main_navbar [data-menu-xmlid='expo_crm.menu_expo_relationships']",
                run: "click",
            },
            {
                trigger: ".o_kanban_view .o_kanban_group",
            },
            {
                content: "Search the contacts of the tour",
                trigger: ".o_searchview_input",
                async run(helpers) {
                    // (a run string would strip the parentheses)
                    await helpers.edit("(tour)");
                },
            },
            {
                trigger: ".o_searchview_autocomplete .o_menu_item",
            },
            {
                trigger: ".o_searchview_input",
                run: "press Enter",
            },
            {
                trigger: ".o_searchview_facet:contains('(tour)')",
            },
            {
                content: "Only the contacts of the tour are left",
                trigger: ".o_kanban_renderer:not(:has(.o_kanban_record:not(:contains('(tour)'))))",
            },
            {
                content: "Quillon attended once: confirmation",
                trigger: `${kanbanColumn("Confirmation")} .o_kanban_record:contains("Quillon Buyers (tour)")`,
            },
            {
                content: "Tourmaline attended two editions: trust",
                trigger: `${kanbanColumn("Trust")} .o_kanban_record:contains("Tourmaline Valves (tour)")`,
            },
            {
                content: "Drag Quillon to the Trust column",
                trigger: `${kanbanColumn("Confirmation")} .o_kanban_record:contains("Quillon Buyers (tour)")`,
                async run(helpers) {
                    // Drop under the column's header, where the cards are.
                    await helpers.drag_and_drop(kanbanColumn("Trust"), {
                        position: { top: 80, left: 40 },
                        relative: true,
                    });
                },
            },
            {
                content: "Quillon is now in Trust",
                trigger: `${kanbanColumn("Trust")} .o_kanban_record:contains("Quillon Buyers (tour)")`,
            },
            {
                content: "Quillon is now in Trust, locked against the rules",
                trigger: `${kanbanColumn("Trust")} .o_kanban_record:contains("Quillon Buyers (tour)") .fa-lock`,
            },
            assertCount(
                `${kanbanColumn("Trust")} .o_kanban_record:contains("Quillon Buyers (tour)")`,
                `${kanbanColumn("Trust")} .o_kanban_record`,
                2,
                "two contacts in Trust"
            ),
            {
                content: "Open Quillon",
                trigger: `${kanbanColumn("Trust")} .o_kanban_record:contains("Quillon Buyers (tour)")`,
                run: "click",
            },
            {
                content: "The relationship opens in Trust",
                trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Trust')",
            },
            {
                content: "Open the Stage history tab",
                trigger: ".o_notebook .nav-link[name=history]",
                run: "click",
            },
            {
                content: "The manual change is in the relationship's stage history",
                trigger: ".o_field_widget[name=history_ids] .o_data_row:contains('Confirmation'):contains('Trust'):contains('Manual change'):contains('Set by hand')",
            },
            {
                content: "and the automatic one before it",
                trigger: ".o_field_widget[name=history_ids] .o_data_row:contains('Cultivation'):contains('Confirmation')",
            },
            assertCount(
                ".o_field_widget[name=history_ids] .o_data_row:contains('Set by hand')",
                ".o_field_widget[name=history_ids] .o_data_row",
                3,
                "three stage changes: none → cultivation → confirmation → trust"
            ),
            {
                content: "Open the contact",
                trigger: ".o_form_view button[name=action_open_partner]",
                run: "click",
            },
            {
                content: "The contact's smart button shows this company's stage",
                trigger: ".o_form_view button[name=action_expo_view_relationships]:contains('Trust')",
            },
            {
                content: "Open the Exhibition tab",
                trigger: ".o_notebook .nav-link:contains('Exhibition')",
                run: "click",
            },
            {
                content: "The contact shows the same history",
                trigger: ".o_field_widget[name=expo_stage_history_ids] .o_data_row:contains('Confirmation'):contains('Trust'):contains('Set by hand')",
            },
        ];
    },
});
