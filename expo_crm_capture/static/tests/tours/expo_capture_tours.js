/** @odoo-module **/
/*
 * The capture screen on a phone (390×844); expo_crm_capture/tests/
 * test_tour_capture.py checks the database after each tour.
 * - expo_capture_scan_tour: the fake camera shows a badge's QR code (a
 *   vCard): Scan badge, the form is filled, class B, a reason, Save.
 * - expo_capture_card_tour: a card photo (drawn here) given to the file
 *   input: read by the OCR, class D, Save.
 * - expo_capture_offline_tour: offline, two contacts typed and saved on the
 *   phone ("2 waiting"), back online: both sent, listed once.
 * - expo_capture_refused_tour: offline, a contact known only by a phone
 *   number; the fair is cancelled before the phone is back online: the
 *   capture is refused, said so by its number, and kept as not saved.
 */
import { queryAll, queryOne } from "@odoo/hoot-dom";
import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";

function checkValue(selector, expected) {
    const value = queryOne(selector).value;
    if (value !== expected) {
        throw new Error(`${selector}: expected "${expected}", read "${value}"`);
    }
}

function setOnline(online) {
    Object.defineProperty(window.navigator, "onLine", {
        configurable: true,
        get: () => online,
    });
    window.dispatchEvent(new Event(online ? "online" : "offline"));
}

function typeContact(name, company, code) {
    return [
        { content: "Type", trigger: ".o_expo_capture_type", run: "click" },
        { content: "Name", trigger: ".o_expo_capture_name", run: `edit ${name}` },
        { content: "Company", trigger: ".o_expo_capture_company", run: `edit ${company}` },
        {
            content: `Class ${code}`,
            trigger: `.o_expo_capture_class[data-code=${code}]`,
            run: "click",
        },
        { content: "Save", trigger: ".o_expo_capture_save:enabled", run: "click" },
    ];
}

registry.category("web_tour.tours").add("expo_capture_scan_tour", {
    steps: () => [
        {
            content: "The capture screen opens on the fair under way",
            trigger: ".o_expo_capture_fair:contains(Capture Tour Fair)",
        },
        { content: "Scan badge (tap 1)", trigger: ".o_expo_capture_scan", run: "click" },
        {
            content: "The camera reads the badge: the form is filled",
            trigger: ".o_expo_capture_review .o_expo_capture_name",
            timeout: 30000,
            run() {
                checkValue(".o_expo_capture_name", "Zhang Min");
                checkValue(".o_expo_capture_company", "Ningbo Valve Works");
                checkValue(".o_expo_capture_email", "zhang.min@nbvalve.example.cn");
            },
        },
        { content: "Class B (tap 2)", trigger: ".o_expo_capture_class[data-code=B]", run: "click" },
        {
            content: "Tied to a current supplier (tap 3)",
            trigger: ".o_expo_capture_reason[data-reason=current_supplier]",
            run: "click",
        },
        { content: "Save (tap 4)", trigger: ".o_expo_capture_save:enabled", run: "click" },
        {
            content: "Listed among today's captures with its class",
            trigger: ".o_expo_capture_row:contains(Zhang Min) .o_expo_capture_row_class:contains(B)",
        },
    ],
});

registry.category("web_tour.tours").add("expo_capture_card_tour", {
    steps: () => [
        {
            content: "The capture screen opens on the fair under way",
            trigger: ".o_expo_capture_fair:contains(Capture Tour Fair)",
        },
        {
            content: "Photograph card: the camera's photo given to the file input",
            trigger: ".o_expo_capture_file:not(:visible)",
            async run() {
                const canvas = document.createElement("canvas");
                canvas.width = 1000;
                canvas.height = 600;
                const ctx = canvas.getContext("2d");
                ctx.fillStyle = "#ffffff";
                ctx.fillRect(0, 0, canvas.width, canvas.height);
                ctx.fillStyle = "#111111";
                const lines = [
                    ["bold 56px sans-serif", "Tom Baker"],
                    ["36px sans-serif", "Sales Director"],
                    ["bold 40px sans-serif", "Baker Pumps Ltd"],
                    ["34px sans-serif", "Mobile: +44 7700 900123"],
                    ["34px sans-serif", "Email: tom@bakerpumps.example.com"],
                    ["34px sans-serif", "www.bakerpumps.example.com"],
                ];
                let y = 90;
                for (const [font, text] of lines) {
                    ctx.font = font;
                    ctx.fillText(text, 60, y);
                    y += 88;
                }
                const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.92));
                const transfer = new DataTransfer();
                transfer.items.add(new File([blob], "card.jpg", { type: "image/jpeg" }));
                const input = queryOne(".o_expo_capture_file");
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The card is read: the form is filled",
            trigger: ".o_expo_capture_review .o_expo_capture_photo",
            timeout: 60000,
            run() {
                checkValue(".o_expo_capture_email", "tom@bakerpumps.example.com");
            },
        },
        { content: "Class D", trigger: ".o_expo_capture_class[data-code=D]", run: "click" },
        { content: "Save", trigger: ".o_expo_capture_save:enabled", run: "click" },
        {
            content: "Listed among today's captures",
            trigger: ".o_expo_capture_row .o_expo_capture_row_class:contains(D)",
        },
    ],
});

registry.category("web_tour.tours").add("expo_capture_offline_tour", {
    steps: () => [
        {
            content: "The capture screen opens on the fair under way",
            trigger: ".o_expo_capture_fair:contains(Capture Tour Fair)",
            run() {
                setOnline(false);
            },
        },
        { content: "Offline is shown", trigger: ".o_expo_capture_offline" },
        ...typeContact("Olga Offline", "Riga Fittings", "C"),
        {
            content: "Kept on the phone: 1 waiting",
            trigger: ".o_expo_capture_waiting_count:contains(1)",
        },
        ...typeContact("Omar Offline", "Cairo Pipes", "D"),
        {
            content: "Kept on the phone: 2 waiting",
            trigger: ".o_expo_capture_waiting_count:contains(2)",
        },
        {
            content: "Nothing sent yet",
            trigger: ".o_expo_capture_today:not(:has(.o_expo_capture_row))",
            run() {
                setOnline(true);
            },
        },
        {
            content: "Back online: both sent",
            trigger: ".o_expo_capture_row:contains(Omar Offline)",
        },
        {
            content: "…and listed once, none waiting",
            trigger: ".o_expo_capture_row:contains(Olga Offline)",
            run() {
                const rows = document.querySelectorAll(".o_expo_capture_row");
                if (rows.length !== 2 || document.querySelector(".o_expo_capture_waiting")) {
                    throw new Error(`expected 2 captures and none waiting, saw ${rows.length}`);
                }
                // a resend of the same capture (the answer lost) changes nothing
                setOnline(true);
            },
        },
    ],
});

registry.category("web_tour.tours").add("expo_capture_refused_tour", {
    steps: () => [
        {
            content: "The capture screen opens on the fair under way",
            trigger: ".o_expo_capture_fair:contains(Capture Tour Fair)",
            run() {
                setOnline(false);
            },
        },
        { content: "Offline is shown", trigger: ".o_expo_capture_offline" },
        { content: "Type", trigger: ".o_expo_capture_type", run: "click" },
        { content: "Only a phone number", trigger: ".o_expo_capture_phone", run: "edit +44 20 7946 0321" },
        { content: "Save", trigger: ".o_expo_capture_save:enabled", run: "click" },
        {
            content: "Waiting on the phone, called by its number",
            trigger: ".o_expo_capture_waiting_item:contains(+44 20 7946 0321)",
            async run() {
                // meanwhile the organizer cancels the fair
                const call = (model, method, args) =>
                    rpc(`/web/dataset/call_kw/${model}/${method}`, { model, method, args, kwargs: {} });
                const ids = await call("expo.fair", "search", [[["name", "=", "Capture Tour Fair"]]]);
                await call("expo.fair", "action_cancel", [ids]);
                setOnline(true);
            },
        },
        {
            content: "Refused: the notification names the capture and says why",
            trigger: ".o_notification:contains(+44 20 7946 0321):contains(cancelled)",
        },
        {
            content: "Kept on the phone as not saved, no error dialog",
            trigger: ".o_expo_capture_waiting_item:contains(+44 20 7946 0321) .text-danger",
            run() {
                if (queryAll(".o_error_dialog, .o_dialog .modal").length) {
                    throw new Error("a refused capture must not open an error dialog");
                }
            },
        },
    ],
});
