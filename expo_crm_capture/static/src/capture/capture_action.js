/** The capture screen: a fair, three ways in (scan a badge, photograph a
 * card, type), one short review form, the class as big buttons, Save; the
 * captures of the day under it; captures made offline wait on the phone. */
import { Component, onMounted, onWillStart, onWillUnmount, useRef, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { browser } from "@web/core/browser/browser";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { scanBarcode } from "@web/core/barcode/barcode_dialog";
import { ConnectionLostError } from "@web/core/network/rpc";
import { fileToBase64 } from "./capture_image";
import { makeCaptureUid, readQueue, writeQueue } from "./capture_queue";
import { CaptureSender, captureName } from "./capture_sender";

const FIELDS = [
    "name",
    "company_name",
    "function",
    "email",
    "mobile",
    "phone",
    "website",
    "street",
    "city",
    "country_code",
    "badge_code",
];
const RETRY_MS = 30000;
const SCANNER_CROP_KEY = "o-barcode-scanner-overlay";

function emptyForm() {
    const form = {};
    for (const field of FIELDS) {
        form[field] = "";
    }
    return form;
}

export class ExpoCapture extends Component {
    static template = "expo_crm_capture.Capture";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.action = useService("action");
        this.fileInput = useRef("cardFile");
        this.state = useState({
            loading: true,
            step: "home", // pick, home, review
            fairId: false,
            fairs: [],
            classes: [],
            reasons: [],
            interests: [],
            countries: [],
            defaultCountry: false,
            today: [],
            queue: readQueue(),
            online: browser.navigator.onLine !== false,
            busy: false,
            reading: false,
            sending: false,
            form: emptyForm(),
            source: "manual",
            classCode: "",
            reason: "",
            interestIds: [],
            note: "",
            cardImage: false,
            uid: false,
            badgeRaw: false,
            registered: false,
        });
        this.sender = new CaptureSender(this.orm, this.notification, this.state);
        onWillStart(() => this.load(this.initialFairId()));
        this.onOnline = () => {
            this.state.online = true;
            this.flush();
        };
        this.onOffline = () => {
            this.state.online = false;
        };
        onMounted(() => {
            browser.addEventListener("online", this.onOnline);
            browser.addEventListener("offline", this.onOffline);
            this.retryTimer = browser.setInterval(() => this.flush(), RETRY_MS);
            this.flush();
        });
        onWillUnmount(() => {
            browser.removeEventListener("online", this.onOnline);
            browser.removeEventListener("offline", this.onOffline);
            browser.clearInterval(this.retryTimer);
        });
    }

    initialFairId() {
        const action = this.props.action || {};
        const fromParams = action.params && action.params.fair_id;
        const fromContext = action.context && action.context.expo_capture_fair_id;
        return fromParams || fromContext || false;
    }

    storedFairKey() {
        return "expo_capture_fair";
    }

    async load(fairId) {
        let wanted = fairId || Number(browser.localStorage.getItem(this.storedFairKey())) || false;
        let data;
        try {
            data = await this.orm.call("expo.capture", "expo_capture_start", [], {
                fair_id: wanted || false,
            });
        } catch (error) {
            if (!wanted || error instanceof ConnectionLostError) {
                throw error;
            }
            // the remembered fair is gone or out of reach: let the user pick
            wanted = false;
            data = await this.orm.call("expo.capture", "expo_capture_start", [], {});
        }
        Object.assign(this.state, {
            fairId: data.fair_id,
            fairs: data.fairs,
            classes: data.classes,
            reasons: data.reasons,
            interests: data.interests,
            countries: data.countries,
            defaultCountry: data.default_country,
            today: data.today,
            loading: false,
            step: data.fair_id ? "home" : "pick",
        });
        if (data.fair_id) {
            browser.localStorage.setItem(this.storedFairKey(), String(data.fair_id));
        }
    }

    // ------------------------------------------------------------------
    // Getters
    // ------------------------------------------------------------------

    get fair() {
        return this.state.fairs.find((f) => f.id === this.state.fairId) || false;
    }

    get waiting() {
        return this.state.queue.filter((item) => item.fair_id === this.state.fairId);
    }

    get selectedClass() {
        return this.state.classes.find((c) => c.code === this.state.classCode) || false;
    }

    get canSave() {
        const form = this.state.form;
        return Boolean(
            form.name ||
                form.company_name ||
                form.email ||
                form.mobile ||
                form.phone ||
                form.badge_code ||
                this.state.badgeRaw
        );
    }

    get sourceLabel() {
        return {
            scan: _t("Badge scan"),
            card: _t("Business card"),
            manual: _t("Typed"),
        };
    }

    // ------------------------------------------------------------------
    // Fair
    // ------------------------------------------------------------------

    async pickFair(fairId) {
        this.state.loading = true;
        await this.load(fairId);
    }

    changeFair() {
        this.state.step = "pick";
    }

    // ------------------------------------------------------------------
    // The three ways in
    // ------------------------------------------------------------------

    startReview(source, values = {}) {
        const form = emptyForm();
        for (const field of FIELDS) {
            if (values[field]) {
                form[field] = values[field];
            }
        }
        if (!form.country_code && this.state.defaultCountry && source === "manual") {
            form.country_code = this.state.defaultCountry;
        }
        Object.assign(this.state, {
            step: "review",
            form,
            source,
            classCode: "",
            reason: "",
            interestIds: [],
            note: values.note || "",
            cardImage: values.card_image || false,
            registered: Boolean(values.registered),
            badgeRaw: false,
            uid: makeCaptureUid(),
        });
    }

    async onScanBadge() {
        // badges carry QR codes: the scanner reads the whole picture (Odoo's
        // default is a thin strip for barcodes) until the user crops it
        if (!browser.localStorage.getItem(SCANNER_CROP_KEY)) {
            browser.localStorage.setItem(SCANNER_CROP_KEY, JSON.stringify({ x: 0, y: 0 }));
        }
        let text;
        try {
            text = await scanBarcode(this.env, "environment");
        } catch (error) {
            this.notification.add(error.message || String(error), { type: "warning" });
            return;
        }
        if (!text) {
            return;
        }
        await this.onBadgeText(text);
    }

    async onBadgeText(text) {
        let values = {};
        if (this.state.online) {
            try {
                values = await this.orm.call("expo.capture", "expo_read_badge", [
                    this.state.fairId,
                    text,
                ]);
            } catch (error) {
                if (!(error instanceof ConnectionLostError)) {
                    throw error;
                }
                this.state.online = false;
            }
        }
        if (!this.state.online) {
            // read by the server when the capture is sent
            values = { badge_raw: text };
            this.startReview("scan", values);
            this.state.badgeRaw = text;
            this.notification.add(_t("Offline: the badge will be read when the capture is sent."), {
                type: "info",
            });
            return;
        }
        if (!values.understood) {
            values.note = text;
            this.notification.add(_t("This badge code is not understood: its text is in the note."), {
                type: "warning",
            });
        }
        this.startReview("scan", values);
    }

    onPhotographCard() {
        this.fileInput.el.value = "";
        this.fileInput.el.click();
    }

    async onCardFile(ev) {
        const file = ev.target.files && ev.target.files[0];
        if (!file) {
            return;
        }
        this.state.reading = true;
        let image;
        try {
            image = await fileToBase64(file);
        } catch {
            this.state.reading = false;
            this.notification.add(_t("The photo could not be read."), { type: "danger" });
            return;
        }
        let values = {};
        if (this.state.online) {
            try {
                values = await this.orm.call("expo.capture", "expo_read_card", [image]);
            } catch (error) {
                if (error instanceof ConnectionLostError) {
                    this.state.online = false;
                } else {
                    this.notification.add(
                        _t("The card could not be read: type what it says."),
                        { type: "warning" }
                    );
                }
            } finally {
                this.state.reading = false;
            }
        }
        this.state.reading = false;
        this.startReview("card", { ...values, card_image: image });
    }

    onType() {
        this.startReview("manual");
    }

    // ------------------------------------------------------------------
    // Review
    // ------------------------------------------------------------------

    setClass(code) {
        this.state.classCode = this.state.classCode === code ? "" : code;
        if (!this.selectedClass || !this.selectedClass.use_hesitation) {
            this.state.reason = "";
        }
    }

    setReason(key) {
        this.state.reason = this.state.reason === key ? "" : key;
    }

    toggleInterest(id) {
        const ids = this.state.interestIds;
        const index = ids.indexOf(id);
        if (index >= 0) {
            ids.splice(index, 1);
        } else {
            ids.push(id);
        }
    }

    cancelReview() {
        this.state.step = "home";
    }

    async onSave() {
        if (!this.canSave || this.state.busy) {
            return;
        }
        const values = { ...this.state.form, source: this.state.source };
        for (const key of Object.keys(values)) {
            if (values[key] === "") {
                delete values[key];
            }
        }
        if (this.state.reason) {
            values.hesitation_reason = this.state.reason;
        }
        if (this.state.interestIds.length) {
            values.interest_ids = [...this.state.interestIds];
        }
        if (this.state.cardImage) {
            values.card_image = this.state.cardImage;
        }
        if (this.state.badgeRaw) {
            values.badge_raw = this.state.badgeRaw;
        }
        const item = {
            uid: this.state.uid || makeCaptureUid(),
            fair_id: this.state.fairId,
            values,
            class_code: this.state.classCode || false,
            note: this.state.note || false,
            name: captureName(values),
            at: new Date().toISOString(),
        };
        this.state.busy = true;
        this.state.badgeRaw = false;
        // kept on the phone first: nothing is lost if the answer never comes
        this.state.queue.push(item);
        if (!writeQueue(this.state.queue)) {
            this.notification.add(_t("The phone's storage is full: this capture is not kept offline."), {
                type: "danger",
            });
        }
        this.state.step = "home";
        this.state.busy = false;
        await this.flush();
        if (this.state.queue.some((q) => q.uid === item.uid)) {
            this.notification.add(_t("Saved on the phone: it will be sent when the connection returns."), {
                type: "info",
            });
        }
    }

    // ------------------------------------------------------------------
    // Sending (capture_sender.js)
    // ------------------------------------------------------------------

    flush() {
        return this.sender.flush();
    }

    sendAgain() {
        return this.sender.sendAgain();
    }

    openParticipation(participationId) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "expo.participation",
            res_id: participationId,
            views: [[false, "form"]],
        });
    }
}

registry.category("actions").add("expo_crm_capture.capture", ExpoCapture);
