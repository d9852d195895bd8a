"""Business-card photos read by OCR outside the HTTP worker's memory.

SPECIFICATIONS
- ``read_card(image_bytes)`` returns :func:`parse_card_lines` of the lines the
  OCR worker read (keys plus ``raw_text``) and raises :class:`OcrError` (with
  a ``code``: ``unavailable``, ``timeout``, ``busy``, ``bad_image``,
  ``too_large``, ``ocr_failed``, ``crashed``) when the photo cannot be read.
  The caller (the ``expo.capture`` model) turns the code into a translated
  message.
- ``default_country`` (optional, ISO code) is passed to ``parse_card_lines``.
- ``read_cards(images)`` reads a pile of cards through the same worker, one
  result per image in order; a card that fails gives ``{"error": code,
  "raw_text": ""}`` instead of stopping the pile.
- ``ocr_lines(image_bytes)`` returns the raw ``[[text, score], …]``.
- The OCR runs in a child process (``ocr_worker.py``, JSON lines over
  stdin/stdout) started on the first card, reused for the next ones and ended
  by itself after ``EXPO_OCR_IDLE`` seconds idle (default 120), or by
  :func:`shutdown_worker`. One child per Odoo process, used by one thread at
  a time; across the processes of the machine at most ``EXPO_OCR_MAX_JOBS``
  cards are read at once (default: half the CPUs, at least 1), through lock
  files; a card waits for a free slot at most its timeout, then ``busy``.
- The child is replaced after ``EXPO_OCR_RECYCLE`` cards (default 200), so
  that its memory does not creep over a long pile (peak RSS measured: about
  600 MB over 300 cards, 1 onnxruntime thread).
- Each card has ``EXPO_OCR_TIMEOUT`` seconds (default 30, the first card
  includes loading the models, about 1 s); past it the child is killed.
- Photos over ``MAX_BYTES`` (20 MB) are refused (``too_large``).
"""

import base64
import fcntl
import json
import os
import select
import subprocess
import sys
import tempfile
import threading
import time

from .card_parser import parse_card_lines

MAX_BYTES = 20 * 1024 * 1024
WORKER_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ocr_worker.py")


class OcrError(Exception):
    """A card could not be read; ``code`` tells why (see the module)."""

    def __init__(self, code, detail=""):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail

    def __str__(self):
        return "%s: %s" % (self.code, self.detail) if self.detail else self.code


def _setting(name, default, cast=float):
    try:
        return cast(os.environ.get(name) or default)
    except ValueError:
        return cast(default)


class _Slot:
    """A machine-wide slot among ``EXPO_OCR_MAX_JOBS``, held with flock."""

    def __init__(self, wait):
        self.wait = wait
        self.fd = None

    def __enter__(self):
        count = max(1, _setting("EXPO_OCR_MAX_JOBS", max(1, (os.cpu_count() or 2) // 2), int))
        folder = os.path.join(tempfile.gettempdir(), "expo_crm_capture-ocr-%s" % os.getuid())
        os.makedirs(folder, mode=0o700, exist_ok=True)
        deadline = time.monotonic() + self.wait
        while True:
            for n in range(count):
                fd = os.open(os.path.join(folder, "slot-%d" % n), os.O_CREAT | os.O_RDWR, 0o600)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    os.close(fd)
                    continue
                self.fd = fd
                return self
            if time.monotonic() >= deadline:
                raise OcrError("busy", "%d card(s) already being read on this machine" % count)
            time.sleep(0.05)

    def __exit__(self, *exc):
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)


class _Worker:
    def __init__(self):
        self.proc = None
        self.buffer = b""
        self.counter = 0
        self.cards = 0
        self.pid = None

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def start(self, timeout):
        python = os.environ.get("EXPO_OCR_PYTHON") or sys.executable
        env = dict(os.environ, OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "2"))
        self.proc = subprocess.Popen(  # noqa: S603 - our own script, fixed arguments
            [python, "-u", WORKER_PATH],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            close_fds=True,
            start_new_session=True,
        )
        self.buffer = b""
        self.cards = 0
        hello = self.receive(timeout)
        if not hello.get("ready"):
            self.kill()
            raise OcrError(hello.get("error") or "unavailable", hello.get("detail", ""))
        self.pid = hello.get("pid")

    def receive(self, timeout):
        deadline = time.monotonic() + timeout
        fd = self.proc.stdout.fileno()
        while b"\n" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill()
                raise OcrError("timeout", "no answer from the OCR worker in %.0f s" % timeout)
            ready, _w, _x = select.select([fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                self.kill()
                raise OcrError("crashed", "the OCR worker stopped")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        try:
            return json.loads(line)
        except ValueError as exc:
            self.kill()
            raise OcrError("crashed", "unreadable answer from the OCR worker") from exc

    def ask(self, image_bytes, timeout):
        self.counter += 1
        self.cards += 1
        request = json.dumps({"id": self.counter, "image": base64.b64encode(image_bytes).decode()})
        self.proc.stdin.write(request.encode() + b"\n")
        self.proc.stdin.flush()
        while True:
            answer = self.receive(timeout)
            if answer.get("id") == self.counter:
                return answer

    def kill(self):
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            for stream in (self.proc.stdin, self.proc.stdout):
                if stream:
                    stream.close()
        self.proc = None
        self.pid = None


_WORKER = _Worker()
_LOCK = threading.Lock()
_LAST = {}  # facts of the last card read (seconds, rss_mb, angle, pid) for the benchmark


def ocr_lines(image_bytes, timeout=None):
    """See the module's specifications."""
    if not image_bytes:
        raise OcrError("bad_image", "empty file")
    if len(image_bytes) > MAX_BYTES:
        raise OcrError("too_large", "%d bytes" % len(image_bytes))
    timeout = timeout or _setting("EXPO_OCR_TIMEOUT", 30)
    start = time.monotonic()
    with _LOCK, _Slot(timeout):
        remaining = max(1.0, timeout - (time.monotonic() - start))
        if _WORKER.alive() and _WORKER.cards >= _setting("EXPO_OCR_RECYCLE", 200, int):
            _WORKER.kill()  # a fresh child now and then: its memory does not creep over a long pile
        for attempt in (1, 2):
            if not _WORKER.alive():
                _WORKER.start(remaining)
            try:
                answer = _WORKER.ask(image_bytes, remaining)
                break
            except (BrokenPipeError, OcrError) as exc:
                # the child ended itself when idle just as the card came: once more
                if attempt == 2 or (isinstance(exc, OcrError) and exc.code != "crashed"):
                    _WORKER.kill()
                    if isinstance(exc, OcrError):
                        raise
                    raise OcrError("crashed", repr(exc)) from exc
                _WORKER.kill()
    _LAST.clear()
    _LAST.update({k: answer.get(k) for k in ("seconds", "cpu_seconds", "rss_mb", "angle")}, pid=_WORKER.pid)
    if answer.get("error"):
        raise OcrError(answer["error"], answer.get("detail", ""))
    return answer.get("lines") or []


def read_card(image_bytes, timeout=None, default_country=None):
    """See the module's specifications."""
    lines = [text for text, _score in ocr_lines(image_bytes, timeout)]
    return parse_card_lines(lines, default_country=default_country)


def read_cards(images, timeout=None, default_country=None):
    """See the module's specifications."""
    results = []
    for image in images:
        try:
            results.append(read_card(image, timeout, default_country))
        except OcrError as exc:
            results.append({"error": exc.code, "raw_text": ""})
    return results


def shutdown_worker():
    """End the OCR child of this process now (tests, server shutdown)."""
    with _LOCK:
        _WORKER.kill()


def last_read():
    """Facts of the last card read by this process (benchmark)."""
    return dict(_LAST)
