"""The render child hands pages over through shared-memory slots (no Qt here:
the child is driven over a pipe from a thread, as the window's reply thread does)."""
from __future__ import annotations

import threading
from multiprocessing import Pipe
from multiprocessing.shared_memory import SharedMemory

import pytest

from tests.conftest import SAMPLES
from ui.reader import render_child

REPORT = next(SAMPLES.glob("iob-evaluatie*.pdf"))


@pytest.fixture
def child(monkeypatch):
    monkeypatch.setattr(render_child, "IDLE_SECONDS", 0.2)
    ours, theirs = Pipe()
    thread = threading.Thread(target=render_child.serve, args=(theirs,), daemon=True)
    thread.start()
    ours.send(("open", "r", str(REPORT)))
    yield ours
    ours.send(None)
    thread.join(timeout=10)
    assert not thread.is_alive()


def reply(conn, timeout=20.0):
    assert conn.poll(timeout), "no reply from the render child"
    return conn.recv()


def test_pages_arrive_in_slots_and_wait_for_a_free_one(child):
    n = render_child.SLOTS + 1
    child.send(("batch", [("render", p, "r", p, 1.0) for p in range(1, n + 1)]))
    images = [reply(child) for _ in range(render_child.SLOTS)]
    assert all(m[0] == "image" for m in images)
    assert sorted(m[8] for m in images) == list(range(render_child.SLOTS))
    # Every slot is still held by the window: the last page must wait.
    assert not child.poll(0.5)
    _, rid, key, page_no, scale, w, h, stride, slot, name = images[0]
    assert w > 0 and h > 0
    shm = SharedMemory(name=name)
    try:
        pixels = bytes(shm.buf[:stride * h])
    finally:
        shm.close()
    assert len(pixels) == stride * h and stride >= 3 * w
    assert pixels[:3] == b"\xff\xff\xff"  # the page's white margin, as RGB
    child.send(("release", slot))
    last = reply(child)
    assert last[0] == "image" and last[8] == slot and last[1] not in {m[1] for m in images}


def test_idle_child_removes_its_slots(child):
    child.send(("render", 1, "r", 1, 1.0))
    image = reply(child)
    assert image[0] == "image"
    child.send(("release", image[8]))
    dropped = reply(child)
    assert dropped == ("dropped", [image[8]])
    with pytest.raises(FileNotFoundError):
        SharedMemory(name=image[9])
