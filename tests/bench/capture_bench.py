"""Benchmark of expo_crm_capture's reading side (issue 11): business cards read
by OCR, field accuracy, badge parsing time.

``.venv/bin/python tests/bench/capture_bench.py [--pile 300] [--fixtures]``

Standalone (no database: the OCR does not touch Odoo, so the harness of
``run.py``, which compares a job with Odoo's own way on a database, does not
fit). Reads every card of ``expo_crm_capture/tests/data/cards`` (made by
``capture_cards.py``) through ``read_card`` (the OCR worker process), then:

* per field, the share of cards where the field read equals the truth after
  normalisation (NFKC, case, spaces; a field absent from the truth must be
  absent from the result: a fax read as the phone counts as wrong);
* median and 90th percentile seconds per card (worker side and end to end),
  the OCR worker's peak RSS, the machine's load average;
* a pile of ``--pile`` cards (the set repeated) read end to end with
  ``read_cards``;
* the time to parse each badge format.

``--fixtures`` also writes the OCR lines of each card to
``ocr_lines.json`` beside the cards (the unit tests parse these lines).
"""

import argparse
import glob
import importlib.util
import json
import os
import statistics
import sys
import time
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CARDS = os.path.join(ROOT, "expo_crm_capture", "tests", "data", "cards")
FIELDS = ["name", "company_name", "function", "email", "mobile", "phone", "website", "city", "country_code"]


def load_tools():
    """expo_crm_capture/tools as a package of its own (no Odoo needed)."""
    path = os.path.join(ROOT, "expo_crm_capture", "tools")
    spec = importlib.util.spec_from_file_location(
        "expo_capture_tools", os.path.join(path, "__init__.py"), submodule_search_locations=[path]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["expo_capture_tools"] = module
    spec.loader.exec_module(module)
    return module


def norm(field, value):
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", str(value)).casefold().strip()
    text = "".join(text.split())
    if field == "website":
        text = text.split("://", 1)[-1].rstrip("/")
    return text


def accuracy(cards, results):
    table = {}
    for field in FIELDS:
        ok = total = 0
        for card, got in zip(cards, results):
            want = card["truth"].get(field)
            total += 1
            ok += norm(field, want) == norm(field, got.get(field))
        table[field] = (ok, total)
    return table


def wrong(cards, results):
    out = []
    for card, got in zip(cards, results):
        for field in FIELDS:
            want = card["truth"].get(field)
            if norm(field, want) != norm(field, got.get(field)):
                out.append("%s %s: want %r got %r" % (card["id"], field, want, got.get(field)))
    return out


BADGES = {
    "vCard 2.1 QP GBK": "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:=D5=C5;=CE=B0=C3=F7\r\n"
    "ORG;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:=C9=EE=DB=DA=BB=AA=D4=BD\r\nTEL;CELL:13800138000\r\n"
    "EMAIL:zhang@example.com\r\nEND:VCARD",
    "vCard 3.0": "BEGIN:VCARD\nVERSION:3.0\nN:Smith;John;;;\nFN:John Smith\nORG:ACME Inc.;Sales\nTITLE:Buyer\n"
    "TEL;TYPE=WORK,VOICE:+1 415 775 6820\nTEL;TYPE=CELL:+1 415 775 6821\nEMAIL;TYPE=INTERNET:john@acme.com\n"
    "ADR;TYPE=WORK:;;500 Market Street;San Francisco;CA;94105;USA\nURL:https://acme.com\nEND:VCARD",
    "vCard 4.0": "BEGIN:VCARD\nVERSION:4.0\nFN:Anna Becker\nN:Becker;Anna;;;\nORG:Rheinwerk GmbH\n"
    "TEL;VALUE=uri;TYPE=\"cell,voice\":tel:+49-170-4754072\nEMAIL:anna@rheinwerk-mb.de\nEND:VCARD",
    "MECARD": "MECARD:N:王,志强;TEL:+8613800138000;EMAIL:wang@example.cn;ORG:苏州华越有限公司;;",
    "BIZCARD": "BIZCARD:N:Sean;X:Owen;T:Engineer;C:Google;A:76 9th Avenue, New York, NY 10011;B:+12125551212;"
    "E:sean@google.com;;",
    "email": "buyer@example.com",
    "phone": "+86 138 0013 8000",
    "URL": "https://reg.example-fair.com/v/AB12CD",
    "code": "EXPO2026-V-000123",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pile", type=int, default=300)
    parser.add_argument("--fixtures", action="store_true")
    parser.add_argument("--show-wrong", action="store_true")
    parser.add_argument("--cards", default=CARDS, help="another set made by capture_cards.py --out DIR --seed N")
    args = parser.parse_args()
    tools = load_tools()
    from expo_capture_tools import ocr  # noqa: PLC0415 - loaded just above

    cards = []
    for path in sorted(glob.glob(os.path.join(args.cards, "card_*.jpg"))):
        with open(path[:-4] + ".json", encoding="utf-8") as f:
            card = json.load(f)
        with open(path, "rb") as f:
            card["image"] = f.read()
        card["id"] = os.path.basename(path)[:-4]
        cards.append(card)
    print("load average before: %.2f %.2f %.2f" % os.getloadavg())
    t0 = time.monotonic()
    ocr.ocr_lines(cards[0]["image"])  # start the worker (models loaded once)
    startup = time.monotonic() - t0
    results, fixtures, walls, workers, rss, cpus = [], {}, [], [], [], []
    for card in cards:
        t = time.monotonic()
        lines = [text for text, _score in ocr.ocr_lines(card["image"])]
        results.append(tools.parse_card_lines(lines))
        walls.append(time.monotonic() - t)
        facts = ocr.last_read()
        workers.append(facts["seconds"])
        cpus.append(facts["cpu_seconds"])
        rss.append(facts["rss_mb"])
        fixtures[card["id"]] = lines
    if args.fixtures:
        with open(os.path.join(args.cards, "ocr_lines.json"), "w", encoding="utf-8") as f:
            json.dump(fixtures, f, ensure_ascii=False, indent=1, sort_keys=True)
            f.write("\n")
    print("cards: %d, first card with worker start: %.2f s" % (len(cards), startup))
    print("seconds per card, end to end: median %.2f, p90 %.2f; in the worker: median %.2f" % (
        statistics.median(walls), sorted(walls)[int(len(walls) * 0.9) - 1], statistics.median(workers)))
    print("CPU seconds per card in the worker (all its threads): median %.2f" % statistics.median(cpus))
    print("OCR worker peak RSS: %.0f MB" % max(rss))
    print("field accuracy (exact after normalisation, absent = absent):")
    for field, (ok, total) in accuracy(cards, results).items():
        print("  %-13s %3d/%d  %5.1f %%" % (field, ok, total, 100.0 * ok / total))
    if args.show_wrong:
        print("\n".join(wrong(cards, results)))
    if args.pile:
        images = [cards[i % len(cards)]["image"] for i in range(args.pile)]
        t = time.monotonic()
        pile = tools.read_cards(images)
        elapsed = time.monotonic() - t
        print("pile of %d cards with read_cards: %.1f s (%.2f s/card), %d failed" % (
            args.pile, elapsed, elapsed / args.pile, sum(1 for r in pile if r.get("error"))))
        print("OCR worker peak RSS after the pile: %.0f MB" % ocr.last_read()["rss_mb"])
    print("badge parsing (mean of 2000 runs):")
    for label, text in BADGES.items():
        t = time.perf_counter()
        for _i in range(2000):
            tools.parse_badge(text)
        print("  %-18s %.3f ms  %s" % (label, (time.perf_counter() - t) / 2 * 1000 / 1000, sorted(tools.parse_badge(text))))
    print("load average after: %.2f %.2f %.2f" % os.getloadavg())
    tools.shutdown_worker()


if __name__ == "__main__":
    main()
