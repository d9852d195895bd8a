"""OCR worker process: reads business-card photos with RapidOCR (PP-OCRv4
Chinese/English models shipped in the rapidocr-onnxruntime wheel).

SPECIFICATIONS
- Run as ``python ocr_worker.py``, never imported by Odoo (no Odoo import
  here). Speaks JSON lines: it writes ``{"ready": true, "pid": …}`` once the
  models are loaded, then answers each request ``{"id": n, "image": base64}``
  with ``{"id": n, "lines": [[text, score], …], "angle": 0|90|180|270,
  "seconds": s, "cpu_seconds": c, "rss_mb": m}`` or ``{"id": n, "error": code, "detail": …}``.
- ``EXPO_OCR_THREADS`` onnxruntime threads (default 1).
- Exits when stdin closes or after ``EXPO_OCR_IDLE`` seconds (default 120)
  without a request, so that an idle Odoo worker does not keep the models in
  memory.
- A photo is turned upright by its EXIF orientation, decoded at reduced size
  when huge (JPEG draft mode) and downscaled to ``EXPO_OCR_MAX_SIDE`` pixels
  (default 1600). A card photographed sideways (most text boxes taller than
  wide, or too few lines read) is turned by 90°; an upside-down card (most
  lines classified 180° by the angle classifier) has its lines put back in
  reading order.
"""

import base64
import io
import json
import os
import resource
import select
import sys
import time


def _rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def load_image(data, max_side):
    """RGB numpy array (BGR order for OpenCV) of the photo ``data``."""
    import numpy as np
    from PIL import Image, ImageOps

    img = Image.open(io.BytesIO(data))
    if img.format == "JPEG":
        img.draft("RGB", (max_side, max_side))
    img = ImageOps.exif_transpose(img)
    img = img.convert("RGB")
    if max(img.size) > max_side:
        img.thumbnail((max_side, max_side), Image.BILINEAR)
    return np.ascontiguousarray(np.asarray(img)[:, :, ::-1])


def _box_tall(box):
    import numpy as np

    w = np.linalg.norm(box[0] - box[1])
    h = np.linalg.norm(box[0] - box[3])
    return h > w * 1.2


def _detect(engine, img):
    boxes, _t = engine.auto_text_det(img)
    return boxes or []


def _recognize(engine, img, boxes):
    crops = engine.get_crop_img_list(img, boxes)
    crops, cls_res, _t = engine.text_cls(crops)
    flipped = sum(1 for label, score in cls_res if label == "180" and score > 0.6)
    rec, _t = engine.text_rec(crops, False)
    upside_down = flipped * 2 > len(cls_res)
    found = [
        (box, text, float(score))
        for box, (text, score, *_r) in zip(boxes, rec)
        if text.strip() and score >= engine.text_score
    ]
    return merge_rows(found, upside_down), upside_down


def merge_rows(found, upside_down=False):
    """Boxes side by side on one row, close together, make one line (OCR
    splits a line at wide spaces); rows far apart (two columns) stay apart.
    ``found`` is [(box, text, score)] in the detector's order."""
    items = []
    for box, text, score in found:
        xs, ys = [p[0] for p in box], [p[1] for p in box]
        items.append({"x0": min(xs), "x1": max(xs), "y0": min(ys), "y1": max(ys), "text": text, "score": score})
    rows = []
    for item in items:
        mid = (item["y0"] + item["y1"]) / 2
        for row in rows:
            last = row[-1]
            height = max(last["y1"] - last["y0"], item["y1"] - item["y0"])
            gap = item["x0"] - last["x1"]
            if last["y0"] <= mid <= last["y1"] and -0.3 * height <= gap <= 1.2 * height:
                row.append(item)
                break
        else:
            rows.append([item])
    lines = []
    for row in rows:
        text = " ".join(i["text"].strip() for i in (reversed(row) if upside_down else row))
        lines.append([text, min(i["score"] for i in row)])
    if upside_down:
        lines.reverse()
    return lines


def _quality(lines):
    return sum(len(text) * score for text, score in lines)


def read_lines(engine, img):
    """[[text, score], …] in reading order, and the angle the card was turned."""
    import numpy as np

    img, _rh, _rw = engine.preprocess(img)
    boxes = _detect(engine, img)
    angle = 0
    if boxes and sum(1 for b in boxes if _box_tall(b)) * 2 > len(boxes):
        img = np.ascontiguousarray(np.rot90(img))
        boxes = _detect(engine, img)
        angle = 90
    if not boxes:
        return [], angle
    lines, flipped = _recognize(engine, img, boxes)
    if len(lines) < 3:
        turned = np.ascontiguousarray(np.rot90(img))
        other = _detect(engine, turned)
        if other:
            lines2, flipped2 = _recognize(engine, turned, other)
            if _quality(lines2) > _quality(lines) * 1.2:
                lines, flipped, angle = lines2, flipped2, (angle + 90) % 360
    if flipped:
        angle = (angle + 180) % 360
    return lines, angle


def make_engine():
    from rapidocr_onnxruntime import RapidOCR

    # One thread by default: onnxruntime's pool of spinning threads costs twice
    # the CPU per card on a busy 2-core server for little gain in wall time.
    threads = int(os.environ.get("EXPO_OCR_THREADS") or 1)
    return RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1)


def main():
    out = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1, encoding="utf-8")
    sys.stdout = sys.stderr  # a library's print() must not break the protocol
    idle = float(os.environ.get("EXPO_OCR_IDLE", "120"))
    max_side = int(os.environ.get("EXPO_OCR_MAX_SIDE", "1600"))
    try:
        engine = make_engine()
    except Exception as exc:  # noqa: BLE001 - reported to the parent
        out.write(json.dumps({"ready": False, "error": "unavailable", "detail": repr(exc)}) + "\n")
        return 1
    out.write(json.dumps({"ready": True, "pid": os.getpid(), "rss_mb": _rss_mb()}) + "\n")
    stdin = sys.stdin.buffer
    while True:
        ready, _w, _x = select.select([stdin], [], [], idle)
        if not ready:
            return 0
        raw = stdin.readline()
        if not raw:
            return 0
        start = time.monotonic()
        cpu = _cpu()
        try:
            request = json.loads(raw)
        except ValueError:
            continue
        answer = {"id": request.get("id")}
        try:
            img = load_image(base64.b64decode(request["image"]), max_side)
        except Exception as exc:  # noqa: BLE001 - any undecodable upload
            answer.update(error="bad_image", detail=repr(exc)[:300])
        else:
            try:
                lines, angle = read_lines(engine, img)
                answer.update(lines=lines, angle=angle)
            except Exception as exc:  # noqa: BLE001 - reported to the parent
                answer.update(error="ocr_failed", detail=repr(exc)[:300])
        answer.update(
            seconds=round(time.monotonic() - start, 3), cpu_seconds=round(_cpu() - cpu, 3), rss_mb=round(_rss_mb(), 1)
        )
        out.write(json.dumps(answer, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    sys.exit(main())
