"""How the embedded default (SQLite, `make run`) handles several people saving at once.

SQLite allows one writer at a time. Django's default begins transactions DEFERRED: a request
(every request is a transaction, ATOMIC_REQUESTS) that reads and then writes must upgrade its
lock, and SQLite refuses that at once ("database is locked") when another writer got there
first, without waiting. These options make writers queue instead:

- every transaction takes the write lock when it begins (IMMEDIATE), so there is no upgrade
  to refuse, and a second writer waits for the first;
- it waits up to BUSY_TIMEOUT_SECONDS for its turn before giving up;
- WAL: a commit never waits for readers outside a transaction (the session middleware's
  queries), nor they for it;
- synchronous=FULL makes a commit durable before "Saved" is shown, as PostgreSQL does.

The price: on SQLite, requests (reads too, being transactions) take turns. That suits the
embedded default, one provider trying the product; benchmarks/concurrent_autosave.py measures
it. Production runs on PostgreSQL, which these options do not touch.
"""

BUSY_TIMEOUT_SECONDS = 20


def sqlite_options() -> dict[str, object]:
    return {
        "transaction_mode": "IMMEDIATE",
        "timeout": BUSY_TIMEOUT_SECONDS,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL",
    }
