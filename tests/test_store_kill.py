"""A process killed (SIGKILL) in the middle of a large import leaves the previous version intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

from store_helpers import ADMIN, ROOT, checksum, demo_frame, sqlite_url

from ovop_core.demo import synthetic_registry
from ovop_core.store import Store

CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from ovop_core.demo import synthetic_registry
    from ovop_core.store import Store, bulk
    from ovop_core.users import User

    store = Store({url!r})
    frame = synthetic_registry(200_000, seed=3)
    insert_chunk = bulk.insert_chunk
    chunks = []

    def announced(cursor, sql, rows):
        if not chunks:
            print("INSERTING", flush=True)  # inside the import's transaction, rows going in
        chunks.append(len(rows))
        insert_chunk(cursor, sql, rows)

    bulk.insert_chunk = announced
    store.import_frame(frame, User("killed", "admin"), note="never lands", mode="replace")
    print("DONE", flush=True)
    """
)


def test_a_killed_import_leaves_the_previous_version_intact(tmp_path):
    url = sqlite_url(tmp_path)
    store = Store(url)
    store.migrate()
    store.ensure_seeded(demo_frame())
    store.import_frame(synthetic_registry(2000, seed=1), ADMIN, note="before the kill")
    head, digest = store.current_version(), checksum(store)
    store.dispose()

    child = subprocess.Popen(
        [sys.executable, "-c", CHILD.format(root=str(ROOT), url=url)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    started = threading.Event()

    def watch() -> None:
        for line in child.stdout:
            lines.append(line.strip())
            if line.strip() == "INSERTING":
                started.set()

    threading.Thread(target=watch, daemon=True).start()
    try:
        assert started.wait(120), f"the import never started: {child.stderr.read() if child.poll() else ''}"
        time.sleep(0.3)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(10)
    assert child.returncode == -signal.SIGKILL
    assert "DONE" not in lines, "the import finished before the kill; the test proved nothing"

    reopened = Store(url)
    reopened.migrate()
    assert reopened.current_version() == head
    assert checksum(reopened) == digest
    with reopened.engine.connect() as conn:
        stray = conn.exec_driver_sql("SELECT count(*) FROM product_row WHERE valid_from > ?", (head.id,)).scalar()
        assert stray == 0
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    after = reopened.import_frame(synthetic_registry(100, seed=2), ADMIN)  # writes work again
    assert after.id == head.id + 1 and after.parent_id == head.id
    reopened.dispose()
