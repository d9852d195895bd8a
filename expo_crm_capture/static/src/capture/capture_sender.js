/** Sends the captures waiting on the phone, one by one, in the order they
 * were made: a capture the server has is taken off the queue; one it refuses
 * is shown and kept aside (marked) so that the others go on; a lost
 * connection stops the round until the next one (back online, the retry
 * timer or "Send now"). */
import { _t } from "@web/core/l10n/translation";
import { browser } from "@web/core/browser/browser";
import { ConnectionLostError } from "@web/core/network/rpc";
import { writeQueue } from "./capture_queue";

/** What a capture is called while it waits or when it is refused: the
 * first of its name, company, email, numbers and badge code. */
export function captureName(values) {
    return (
        values.name ||
        values.company_name ||
        values.email ||
        values.mobile ||
        values.phone ||
        values.badge_code ||
        _t("A capture")
    );
}

export class CaptureSender {
    /**
     * @param {Object} orm the orm service
     * @param {Object} notification the notification service
     * @param {Object} state the capture screen's state: queue, online,
     *     sending, fairId and today are read and written here
     */
    constructor(orm, notification, state) {
        this.orm = orm;
        this.notification = notification;
        this.state = state;
    }

    async flush() {
        const state = this.state;
        if (state.sending || !state.queue.length) {
            return;
        }
        if (browser.navigator.onLine === false) {
            state.online = false;
            return;
        }
        state.sending = true;
        let sent = 0;
        const attempted = new Set();
        try {
            for (const item of state.queue.filter((q) => !q.error)) {
                attempted.add(item.uid);
                let result;
                try {
                    result = await this.orm.silent.call(
                        "expo.capture",
                        "expo_save_capture_for_screen",
                        [item.fair_id, item.values],
                        { class_code: item.class_code, note: item.note, client_uid: item.uid }
                    );
                } catch (error) {
                    if (error instanceof ConnectionLostError) {
                        state.online = false;
                        break;
                    }
                    this.refused(item, error);
                    continue;
                }
                state.online = true;
                const index = state.queue.findIndex((q) => q.uid === item.uid);
                if (index >= 0) {
                    state.queue.splice(index, 1);
                }
                writeQueue(state.queue);
                sent++;
                this.notification.add(
                    _t("%(name)s saved, class %(code)s", {
                        name: result.name,
                        code: result.class_code || "–",
                    }),
                    { type: "success" }
                );
            }
        } finally {
            state.sending = false;
        }
        // a capture saved while these were being sent goes now
        if (state.online && state.queue.some((q) => !q.error && !attempted.has(q.uid))) {
            await this.flush();
            return;
        }
        if (sent && state.fairId) {
            state.today = await this.orm.silent.call("expo.capture", "expo_capture_today", [
                state.fairId,
            ]);
        }
    }

    /** Refused by the server: said, and kept aside as "Not saved". */
    refused(item, error) {
        this.notification.add(
            _t("%(name)s was not saved: %(error)s", {
                name: item.name || captureName(item.values),
                error: (error.data && error.data.message) || error.message,
            }),
            { type: "danger", sticky: true }
        );
        item.error = true;
        writeQueue(this.state.queue);
    }

    /** "Send now": the refused ones are tried again too. */
    async sendAgain() {
        for (const item of this.state.queue) {
            item.error = false;
        }
        writeQueue(this.state.queue);
        this.state.online = browser.navigator.onLine !== false;
        await this.flush();
    }
}
