"""Screenshots of the main Expo CRM screens, in English and in Chinese.

Logs into a running Odoo (tools/start.sh), drives a headless Chromium through
the DevTools protocol and writes PNG files:

* ``<addon>/static/description/screenshot_<name>_<lang>.png`` for every screen
  of an installed addon (shown on the addon's page in the Apps menu);
* ``docs/screenshots/<name>_<lang>.png`` for the screens the README shows.

Usage (with the demo server running)::

    .venv/bin/python tools/screenshots.py                     # http://localhost:8069, db expo_demo
    .venv/bin/python tools/screenshots.py --url http://localhost:8176 --db h_ui_demo --only fair_overview

The admin's language is switched to zh_CN through JSON-RPC for the second pass
and set back to what it was at the end.
"""

import argparse
import base64
import http.cookiejar
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket

ROOT = Path(__file__).resolve().parent.parent
LANG_SUFFIX = {"en_US": "en", "zh_CN": "zh_CN", "zh_TW": "zh_TW"}

# Each screen: the addon it belongs to, a path (``{id}`` is replaced by the id
# of ``record``), what to wait for, optional clicks, and whether the README
# shows it (``docs``).
SCREENS = [
    {
        "name": "fairs",
        "addon": "expo_crm",
        "path": "/odoo/action-expo_crm.expo_fair_action",
        "wait": ".o_kanban_record",
        "docs": True,
    },
    {
        "name": "fair_overview",
        "addon": "expo_crm",
        "record": ("expo_crm", "demo_fair_machinery_2", "expo.fair"),
        "path": "/odoo/action-expo_crm.expo_fair_action/{id}",
        "wait": ".o_expo_overview .o_expo_tile",
        "docs": True,
    },
    {
        "name": "relationships",
        "addon": "expo_crm",
        "path": "/odoo/action-expo_crm.expo_relationship_action",
        "wait": ".o_kanban_group .o_kanban_record",
        "docs": True,
    },
    {
        "name": "partner_exhibition",
        "addon": "expo_crm",
        "record": ("expo_crm", "demo_partner_hengli", "res.partner"),
        "path": "/odoo/action-expo_crm.res_partner_action_expo/{id}",
        "wait": ".o_form_view .o_notebook",
        "clicks": [".o_notebook .nav-link[name=expo]"],
        "then": ".o_field_widget[name=expo_stage_history_ids]",
        "scroll_js": "document.querySelector('.o_notebook').scrollIntoView()",
    },
    {
        "name": "stage_history",
        "addon": "expo_crm",
        "path": "/odoo/action-expo_crm.expo_stage_history_action?view_type=graph",
        "wait": ".o_graph_renderer canvas",
    },
    {
        "name": "followups",
        "addon": "expo_crm_followup",
        "path": "/odoo/action-expo_crm_followup.expo_followup_action",
        "wait": ".o_kanban_record",
        # everyone's follow-ups, not only "My follow-ups"
        "clicks": [".o_searchview_facet .o_facet_remove"],
        "then": ".o_kanban_record:not(.o_kanban_ghost)",
        "docs": True,
    },
    {
        "name": "classify",
        "addon": "expo_crm_followup",
        "record": ("expo_crm", "demo_fair_machinery_2", "expo.fair"),
        "path": "/odoo/action-expo_crm.expo_fair_action/{id}",
        "wait": ".o_form_view button[name=action_expo_classify]",
        "clicks": [".o_form_view button[name=action_expo_classify]"],
        "then": ".modal .o_field_widget[name=line_ids] .o_data_row",
        "docs": True,
    },
    {
        "name": "contact_import",
        "addon": "expo_crm_followup",
        "record": ("expo_crm", "demo_fair_machinery_3", "expo.fair"),
        "path": "/odoo/action-expo_crm.expo_fair_action/{id}",
        "wait": ".o_form_view .o_statusbar_buttons",
        "click_text": (".o_statusbar_buttons button", ["Import contacts", "导入联系人"]),
        "then": ".modal .o_field_widget[name=file]",
    },
    {
        "name": "followup_analysis",
        "addon": "expo_crm_followup",
        "path": "/odoo/action-expo_crm_followup.expo_followup_analysis_action",
        "wait": ".o_pivot table",
    },
    {
        "name": "settings",
        "addon": "expo_crm_followup",
        "path": "/odoo/settings",
        "wait": ".settings_tab",
        "clicks": [".settings_tab [data-key=expo_crm]"],
        "then": ".o_field_widget[name=expo_followup_sender]",
        # the title of the "Exhibition follow-up" block at the top
        "scroll_js": "document.querySelector('.o_field_widget[name=expo_followup_sender]')"
        ".closest('.o_settings_container').previousElementSibling.scrollIntoView()",
    },
    {
        "name": "value_pivot",
        "addon": "expo_crm_loyalty",
        "path": "/odoo/action-expo_crm_loyalty.expo_relationship_action_expo_value",
        "wait": ".o_pivot table",
        "docs": True,
    },
    {
        "name": "retention",
        "addon": "expo_crm_loyalty",
        "path": "/odoo/action-expo_crm_loyalty.expo_fair_action_expo_retention",
        "wait": ".o_graph_renderer canvas",
        "docs": True,
    },
    {
        "name": "partner_loyalty",
        "addon": "expo_crm_loyalty",
        "record": ("expo_crm", "demo_partner_hengli", "expo.relationship"),
        "path": "/odoo/action-expo_crm.expo_relationship_action/{id}",
        "wait": ".o_form_view .o_notebook",
        "clicks": [".o_notebook .nav-link[name=expo_loyalty]"],
        "then": ".o_notebook .tab-pane.active",
        "scroll_js": "document.querySelector('.o_notebook').scrollIntoView()",
    },
]


class Odoo:
    """JSON-RPC with the session cookie of /web/session/authenticate."""

    def __init__(self, url, db, login, password):
        self.url = url.rstrip("/")
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        result = self.rpc("/web/session/authenticate", {"db": db, "login": login, "password": password})
        if not result or not result.get("uid"):
            raise SystemExit(f"Login refused for {login} on {db}")
        self.uid = result["uid"]

    def rpc(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}).encode()
        request = urllib.request.Request(
            self.url + path, data=body, headers={"Content-Type": "application/json"}
        )
        with self.opener.open(request, timeout=120) as response:
            data = json.load(response)
        if data.get("error"):
            raise RuntimeError(json.dumps(data["error"], indent=1)[:2000])
        return data["result"]

    def call(self, model, method, *args, **kwargs):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    @property
    def session_id(self):
        for cookie in self.cookies:
            if cookie.name == "session_id":
                return cookie.value
        raise RuntimeError("no session cookie")

    def xmlid_to_id(self, module, name):
        rows = self.call(
            "ir.model.data", "search_read",
            [("module", "=", module), ("name", "=", name)], fields=["res_id"],
        )
        return rows[0]["res_id"] if rows else None

    def ensure_lang(self, code):
        """Activate (install) a language that the database does not have yet.
        A database created with ``--load-language=zh_CN,...`` makes the first
        one its default and leaves English inactive."""
        rows = self.call(
            "res.lang", "search_read", [("code", "=", code)], fields=["active"],
            context={"active_test": False},
        )
        if not rows:
            raise SystemExit(f"Unknown language {code}")
        if not rows[0]["active"]:
            print(f"Installing the language {code}")
            wizard = self.call("base.language.install", "create", {"lang_ids": [(6, 0, [rows[0]["id"]])]})
            self.call("base.language.install", "lang_install", [wizard])

    def installed(self, modules):
        rows = self.call(
            "ir.module.module", "search_read",
            [("name", "in", list(modules)), ("state", "=", "installed")], fields=["name"],
        )
        return {row["name"] for row in rows}


class Browser:
    """Headless Chromium driven through the DevTools protocol."""

    FLAGS = [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--no-default-browser-check", "--hide-scrollbars", "--mute-audio",
        "--disable-extensions", "--remote-debugging-port=0", "--remote-allow-origins=*",
    ]

    def __init__(self, chromium, width, height):
        self.profile = tempfile.mkdtemp(prefix="expo-screens-")
        self.process = subprocess.Popen(
            [chromium, *self.FLAGS, f"--user-data-dir={self.profile}",
             f"--window-size={width},{height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile) / "DevToolsActivePort"
        for _ in range(200):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        else:
            self.close()
            raise SystemExit(f"{chromium} did not start")
        port = port_file.read_text().split()[0]
        for _ in range(50):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as resp:
                    pages = [t for t in json.load(resp) if t["type"] == "page"]
                if pages:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0
        self.send("Page.enable")
        self.send("Network.enable")
        self.send("Runtime.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width, height=height, deviceScaleFactor=1, mobile=False,
        )

    def send(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if result.get("exceptionDetails"):
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result.get("result", {}).get("value")

    def wait_for(self, selector, timeout=30):
        expression = f"!!document.querySelector({json.dumps(selector)})"
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.evaluate(expression):
                return True
            time.sleep(0.2)
        return False

    def settle(self, pause=1.5):
        """Wait until Odoo is idle (no RPC pending, no blocking overlay)."""
        deadline = time.time() + 20
        busy = (
            "!!document.querySelector('.o_loading_indicator, .o_blockUI, .o-main-components-container .o_loading')"
        )
        while time.time() < deadline and self.evaluate(busy):
            time.sleep(0.2)
        time.sleep(pause)

    def set_cookie(self, url, name, value):
        self.send("Network.setCookie", name=name, value=value, url=url, path="/")

    def navigate(self, url):
        self.send("Page.navigate", url=url)

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", format="png", captureBeyondViewport=False)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data["data"]))

    def close(self):
        try:
            self.ws.close()
        except Exception:  # noqa: BLE001 - closing anyway
            pass
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def click(browser, selector):
    found = browser.evaluate(
        f"(() => {{ const el = document.querySelector({json.dumps(selector)});"
        " if (!el) return false; el.click(); return true; })()"
    )
    if not found:
        raise RuntimeError(f"nothing to click: {selector}")


def click_text(browser, selector, texts):
    found = browser.evaluate(
        f"(() => {{ const texts = {json.dumps(texts)};"
        f" const el = [...document.querySelectorAll({json.dumps(selector)})]"
        "   .find((e) => texts.some((t) => e.innerText.trim().includes(t)));"
        " if (!el) return false; el.click(); return true; })()"
    )
    if not found:
        raise RuntimeError(f"no {selector} with text {texts}")


def take(browser, odoo, screen, lang, docs_dir):
    path = screen["path"]
    if "record" in screen:
        module, name, _model = screen["record"]
        res_id = odoo.xmlid_to_id(module, name)
        if res_id and _model == "expo.relationship":
            # the contact's relationship in the admin's company
            rows = odoo.call("expo.relationship", "search_read",
                             [("partner_id", "=", res_id)], fields=["id"], limit=1)
            res_id = rows[0]["id"] if rows else None
        if not res_id:
            print(f"  skip {screen['name']}: no record {module}.{name} (demo data?)")
            return None
        path = path.format(id=res_id)
    browser.navigate(odoo.url + path)
    time.sleep(0.5)
    if not browser.wait_for(screen["wait"]):
        raise RuntimeError(f"{screen['name']}: {screen['wait']} did not appear")
    browser.settle(0.5)
    for selector in screen.get("clicks", []):
        click(browser, selector)
        browser.settle(0.5)
    if "click_text" in screen:
        click_text(browser, *screen["click_text"])
        browser.settle(0.5)
    if screen.get("then") and not browser.wait_for(screen["then"]):
        raise RuntimeError(f"{screen['name']}: {screen['then']} did not appear")
    if screen.get("scroll_js"):
        browser.evaluate(screen["scroll_js"])
    browser.settle()
    suffix = LANG_SUFFIX.get(lang, lang)
    target = ROOT / screen["addon"] / "static" / "description" / f"screenshot_{screen['name']}_{suffix}.png"
    browser.screenshot(target)
    written = [target]
    if screen.get("docs") and docs_dir:
        copy = docs_dir / f"{screen['name']}_{suffix}.png"
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, copy)
        written.append(copy)
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("EXPO_URL", "http://localhost:8069"))
    parser.add_argument("--db", default=os.environ.get("EXPO_DEMO_DB", "expo_demo"))
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--langs", default="en_US,zh_CN")
    parser.add_argument("--only", help="comma-separated screen names")
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--docs", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()

    odoo = Odoo(args.url, args.db, args.login, args.password)
    installed = odoo.installed({s["addon"] for s in SCREENS})
    only = set(args.only.split(",")) if args.only else None
    screens = [
        s for s in SCREENS
        if s["addon"] in installed and (not only or s["name"] in only)
    ]
    skipped = sorted({s["addon"] for s in SCREENS} - installed)
    if skipped:
        print(f"Not installed, no screenshots: {', '.join(skipped)}")
    original_lang = odoo.call("res.users", "read", [odoo.uid], ["lang"])[0]["lang"]
    langs = args.langs.split(",")
    for lang in langs:
        odoo.ensure_lang(lang)
    browser = Browser(args.chromium, args.width, args.height)
    failures = []
    try:
        browser.set_cookie(odoo.url, "session_id", odoo.session_id)
        for lang in langs:
            odoo.call("res.users", "write", [odoo.uid], {"lang": lang})
            print(f"[{lang}]")
            for screen in screens:
                try:
                    written = take(browser, odoo, screen, lang, Path(args.docs))
                except RuntimeError as error:
                    failures.append(f"{screen['name']} ({lang}): {error}")
                    print(f"  FAILED {screen['name']}: {error}")
                    continue
                for path in written or []:
                    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
                    print(f"  {shown}")
    finally:
        odoo.call("res.users", "write", [odoo.uid], {"lang": original_lang})
        browser.close()
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
