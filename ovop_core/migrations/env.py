"""Alembic environment for the OVOP store; run programmatically by ``ovop_core.store.Store.migrate``.

The store hands over an open connection in ``config.attributes["connection"]``; there is no
alembic.ini at run time. For developers, ``alembic -x url=sqlite:///x.sqlite3 ...`` also works
with a config whose ``script_location`` is ``ovop_core:migrations``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

config = context.config


def _run(connection) -> None:
    # render_as_batch lets later migrations ALTER tables on SQLite (copy-and-move).
    context.configure(connection=connection, render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
elif connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    engine = create_engine(url)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()
