/** Captures waiting to be sent: kept in the browser's storage (per database
 * and user) until the server has them. Each one carries the id made on the
 * phone, so sending it again never creates a second contact. */
import { browser } from "@web/core/browser/browser";
import { session } from "@web/session";
import { user } from "@web/core/user";

export function makeCaptureUid() {
    const cryptoObj = browser.crypto || window.crypto;
    if (cryptoObj && typeof cryptoObj.randomUUID === "function") {
        return cryptoObj.randomUUID();
    }
    const bytes = new Uint8Array(16);
    if (cryptoObj && cryptoObj.getRandomValues) {
        cryptoObj.getRandomValues(bytes);
    } else {
        for (let i = 0; i < 16; i++) {
            bytes[i] = Math.floor(Math.random() * 256);
        }
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function storageKey() {
    return `expo_capture_queue:${session.db || ""}:${user.userId}`;
}

export function readQueue() {
    try {
        return JSON.parse(browser.localStorage.getItem(storageKey()) || "[]");
    } catch {
        return [];
    }
}

/** Writes the queue; a photo that does not fit in the storage is left out
 * (the capture itself is kept). Returns false when even that fails. */
export function writeQueue(items) {
    try {
        browser.localStorage.setItem(storageKey(), JSON.stringify(items));
        return true;
    } catch {
        const light = items.map((item) => {
            const values = { ...item.values };
            delete values.card_image;
            return { ...item, values };
        });
        try {
            browser.localStorage.setItem(storageKey(), JSON.stringify(light));
            return true;
        } catch {
            return false;
        }
    }
}
