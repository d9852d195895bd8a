/** @odoo-module **/
/*
 * The exhibitor at the fair, on a phone (390×844), on the demo fair
 * (expo_crm_followup/tests/test_tour_demo_phone.py checks the database
 * afterwards): the overview says how many contacts have a class, the
 * classification wizard shows one card per contact (the contact with two
 * roles once), a card opens the classes as buttons, a card's switch ticks it
 * for "Set class for selected", Apply schedules the
 * follow-ups, and the overview then says every contact has a class.
 */
import { queryAll, queryOne } from "@odoo/hoot-dom";
import { registry } from "@web/core/registry";

const seen = {};

function tile() {
    return queryOne(
        ".o_expo_overview button[name=action_expo_view_classified] .o_expo_tile_value"
    ).innerText.replace(/\s+/g, "");
}

registry.category("web_tour.tours").add("expo_demo_fair_phone_tour", {
    steps: () => [
        {
            content: "The overview: some contacts of the fair have no class yet",
            trigger: ".o_expo_overview button[name=action_expo_view_classified] .o_expo_tile_value",
            run() {
                const [classified, total] = tile().split("/").map(Number);
                if (!(total > 0 && classified < total)) {
                    throw new Error(`expected some contacts without a class, read ${tile()}`);
                }
                seen.total = total;
            },
        },
        {
            content: "The fair's actions (a phone shows them in a menu)",
            trigger: ".o_form_view .o_statusbar_buttons button, .o_cp_action_menus button",
            run() {
                const direct = queryAll(".o_statusbar_buttons button[name=action_expo_classify]");
                const target =
                    direct.find((el) => el.offsetParent) ||
                    queryOne(".o_statusbar_buttons .dropdown-toggle, .o_cp_action_menus .dropdown-toggle");
                target.click();
            },
        },
        {
            content: "Classify contacts",
            trigger: "button[name=action_expo_classify]:visible, .dropdown-item:contains('Classify contacts')",
            run: "click",
        },
        {
            content: "One card per contact",
            trigger: ".modal .o_expo_classify_kanban .o_kanban_record:contains('Nordwerk')",
            run() {
                const cards = queryAll(".modal .o_expo_classify_kanban .o_kanban_record:not(.o_kanban_ghost)");
                if (cards.length !== seen.total) {
                    throw new Error(`expected ${seen.total} cards, found ${cards.length}`);
                }
                const nordwerk = cards.filter((card) => card.innerText.includes("Nordwerk"));
                if (nordwerk.length !== 1) {
                    throw new Error(`Nordwerk holds two roles and must have one card, found ${nordwerk.length}`);
                }
            },
        },
        {
            content: "The counter says how many have a class",
            trigger: `.modal .o_field_widget[name=counter_text]:contains('of ')`,
        },
        {
            content: "Open the card of Chen Wei",
            trigger: ".modal .o_expo_classify_kanban .o_kanban_record:contains('Chen Wei')",
            run: "click",
        },
        {
            content: "The classes are big buttons: choose D",
            trigger: ".modal .o_expo_class_buttons .o_selection_badge:contains('D –')",
            run: "click",
        },
        {
            content: "D is chosen",
            trigger: ".modal .o_expo_class_buttons .o_selection_badge.active:contains('D –')",
        },
        {
            content: "Save the card",
            trigger: ".modal:last .modal-footer .o_form_button_save, .modal:last .modal-footer button:contains('Save')",
            run: "click",
        },
        {
            content: "The card shows its class",
            trigger: ".modal .o_expo_classify_kanban .o_kanban_record:contains('Chen Wei') .badge:contains('D')",
        },
        {
            content: "Tick the card of Baoshan (the switch, not the card)",
            trigger: ".modal .o_expo_classify_kanban .o_kanban_record:contains('Baoshan') .o_expo_classify_tick input",
            run: "click",
        },
        {
            content: "Ticked, and no card dialog opened",
            trigger: ".modal .o_expo_classify_kanban .o_kanban_record:contains('Baoshan') .o_expo_classify_tick input:checked",
            run() {
                if (queryAll(".modal .o_expo_class_buttons").length) {
                    throw new Error("ticking a card must not open it");
                }
            },
        },
        {
            content: "Choose the class for the ticked contacts",
            trigger: ".modal .o_field_widget[name=bulk_class_id] input",
            run: "click",
        },
        {
            content: "A phone lists the classes full screen: Disputed terms (C)",
            // (not the classify dialog's cards, whose suggestion may read "Disputed terms")
            trigger: ".modal:not(:has(.o_expo_classify_kanban)) .o_kanban_record:contains('Disputed terms')",
            async run() {
                // A tap on a card the list has just re-rendered is lost: tap
                // again while the list is open (the dialog selects only once).
                const list = this.anchor.closest(".modal");
                for (let tap = 0; tap < 10 && list.isConnected; tap++) {
                    const card = [...list.querySelectorAll(".o_kanban_record")].find((el) =>
                        el.innerText.includes("Disputed terms")
                    );
                    card?.click();
                    await new Promise((resolve) => setTimeout(resolve, 1000));
                }
            },
        },
        {
            content: "The list is closed and the field holds the class",
            trigger: ".modal:not(.o_inactive_modal):last .o_field_widget[name=bulk_class_id] input:value(Disputed terms)",
            timeout: 30000,
        },
        {
            content: "Set class for selected",
            trigger: ".modal button[name=action_set_class_selected]",
            run: "click",
        },
        {
            content: "Baoshan's card shows C, Chen Wei's still D",
            trigger: ".modal .o_expo_classify_kanban .o_kanban_record:contains('Baoshan') .badge:contains('C')",
            run() {
                const chen = queryAll(".modal .o_expo_classify_kanban .o_kanban_record").find((card) =>
                    card.innerText.includes("Chen Wei")
                );
                if (!chen || !chen.querySelector(".badge.text-bg-primary").innerText.includes("D")) {
                    throw new Error("Chen Wei's class must stay D");
                }
            },
        },
        {
            content: "Apply and schedule the follow-ups",
            trigger: ".modal-footer button[name=action_apply]",
            run: "click",
        },
        {
            content: "The follow-ups are listed",
            trigger: ".o_action_manager:not(:has(.modal)) .o_view_controller:not(.o_form_view)",
        },
        {
            content: "Back to the fair",
            trigger: ".o_breadcrumb .o_back_button, .o_breadcrumb a:contains('Pearl River')",
            run: "click",
        },
        {
            content: "Every contact of the fair has a class now",
            trigger: ".o_expo_overview button[name=action_expo_view_classified] .o_expo_tile_value",
            run() {
                const [classified, total] = tile().split("/").map(Number);
                if (classified !== seen.total || total !== seen.total) {
                    throw new Error(`expected ${seen.total} / ${seen.total}, read ${tile()}`);
                }
            },
        },
    ],
});
