/** @odoo-module **/
/*
 * Analyst (expo_crm_loyalty/tests/test_tour_analyst.py prepares a series
 * with two editions, fees and a survey, recomputes the figures, and renders
 * the PDF report afterwards):
 *   Exhibitions › Analysis › Value and loyalty: the pivot of relationships by
 *   Pareto tier × loyalty segment; Analysis › Retention per edition: the
 *   graph, then its pivot with the 50 % re-exhibit rate of the second
 *   edition; the Relationship report in the Print menu of a relationship.
 */
import { queryAll } from "@odoo/hoot-dom";
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

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

function search(text) {
    return [
        {
            content: `Search ${text}`,
            trigger: ".o_searchview_input",
            run: `edit ${text}`,
        },
        {
            trigger: ".o_searchview_autocomplete .o_menu_item",
        },
        {
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            trigger: `.o_searchview_facet:contains('${text}')`,
        },
    ];
}

function openAnalysis(menuXmlid) {
    return [
        {
            content: "Open the Analysis menu",
            trigger: ".o_main_navbar [data-menu-xmlid='expo_crm.menu_expo_analysis']",
            run: "click",
        },
        {
            trigger: `.o-dropdown--menu [data-menu-xmlid='${menuXmlid}']`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("expo_analyst_tour", {
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: ".o_app[data-menu-xmlid='expo_crm.menu_expo_root']",
            run: "click",
        },
        // --- Value and loyalty: tier × segment ------------------------------
        ...openAnalysis("expo_crm_loyalty.menu_expo_loyalty_value"),
        {
            content: "A pivot of the contacts by Pareto tier and loyalty segment",
            trigger: ".o_pivot_view .o_pivot table",
        },
        {
            trigger: ".o_pivot thead th:contains('True loyalty')",
        },
        {
            trigger: ".o_pivot tbody th:contains('A')",
        },
        ...search("Zenith Cranes"),
        {
            content: "Zenith alone: a key account (A) with true loyalty",
            trigger: ".o_pivot:not(:has(tbody th:contains('C'))):not(:has(tbody th:contains('B')))",
        },
        {
            trigger: ".o_pivot:not(:has(thead th:contains('No loyalty'))):not(:has(thead th:contains('Latent')))",
        },
        assertCount(
            ".o_pivot tbody tr:has(th:contains('A'))",
            ".o_pivot tbody tr",
            2,
            "the total and tier A"
        ),
        {
            trigger: ".o_pivot thead th:contains('True loyalty')",
        },
        // --- Retention per edition ---------------------------------------------
        ...openAnalysis("expo_crm_loyalty.menu_expo_loyalty_retention"),
        {
            content: "The re-exhibit rate of every edition, as a graph",
            trigger: ".o_graph_view .o_graph_renderer canvas",
        },
        {
            content: "The same figures as a pivot",
            trigger: ".o_switch_view.o_pivot",
            run: "click",
        },
        {
            content: "The second edition kept half of the first one's exhibitors",
            trigger: ".o_pivot tbody tr:has(th:contains('Analyst Tour Expo')) td:contains('50.00')",
        },
        // --- the Relationship report of a contact -------------------------------
        {
            content: "Open Relationships",
            trigger: ".o_main_navbar [data-menu-xmlid='expo_crm.menu_expo_relationships']",
            run: "click",
        },
        {
            trigger: ".o_kanban_view .o_kanban_group",
        },
        ...search("Zenith Cranes"),
        {
            trigger: ".o_kanban_renderer:not(:has(.o_kanban_record:not(.o_kanban_ghost):not(:contains('Zenith Cranes'))))",
        },
        {
            content: "Its card shows the tier and the segment",
            trigger: ".o_kanban_record:contains('Zenith Cranes'):contains('True loyalty')",
        },
        {
            trigger: ".o_kanban_record:contains('Zenith Cranes')",
            run: "click",
        },
        {
            content: "The figures are on its Value and loyalty tab",
            trigger: ".o_notebook .nav-link[name=expo_loyalty]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=expo_pareto_tier]:contains('A')",
        },
        {
            content: "Open the actions menu",
            trigger: ".o_control_panel .o_cp_action_menus button.dropdown-toggle",
            run: "click",
        },
        {
            content: "The Relationship report can be printed",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains('Relationship report')",
        },
    ],
});
