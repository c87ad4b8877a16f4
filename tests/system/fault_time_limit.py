"""Fault: a request killed by a time limit. On a server started with a short
``--limit-time-real`` (then one with a short ``--limit-time-cpu``), the
system administrator runs a server action that creates contacts without end;
the worker is killed (wall time: by the prefork server) or ends itself (CPU
time: SIGXCPU) at the limit. Its transaction leaves no trace: the contact ids
it used are gone with it (the id sequence moved, not one such contact
exists) and the server serves the next requests."""

import time

import requests

from . import harness

TITLE = "a request killed by the time limit: its transaction leaves no trace, the server still serves"

# (option, seconds, what the server logs when the limit ends the worker)
LIMITS = (
    ("--limit-time-real", 10, "timeout after"),
    ("--limit-time-cpu", 5, "CPU time limit"),
)
NAME = "Kiểm thử giới hạn thời gian"
CODE = f"""
number = 0
while True:
    number += 1
    env["res.partner"].create({{"name": "{NAME} %d" % number}})
"""


def run(ctx):
    db = ctx.clone_db(f"{ctx.db}_fault_limit")
    try:
        results = []
        for option, limit, logged in LIMITS:
            extra = [f"{option}={limit}"]
            with harness.OdooServer(ctx, db, workers=1, extra=extra, name="fault-limit") as server:
                results.append(exercise(ctx, server, db, option, limit, logged))
        return all(results)
    finally:
        ctx.drop_db(db)


def exercise(ctx, server, db, option, limit, logged):
    admin = harness.JsonRpc(server.url, db, "admin", "admin", timeout=120)
    model = admin.call_kw("ir.model", "search", [("model", "=", "res.partner")])[0]
    action = admin.call_kw(
        "ir.actions.server",
        "create",
        {"name": "Tạo liên hệ liên tục", "model_id": model, "state": "code", "code": CODE},
    )
    before = int(ctx.psql("SELECT last_value FROM res_partner_id_seq", db))
    started = time.monotonic()
    try:
        admin.call_kw("ir.actions.server", "run", [action])
        answer = "it returned"
    except (requests.RequestException, ValueError) as error:
        answer = f"the connection ended ({type(error).__name__})"
    except harness.RpcError as error:
        answer = f"error {error.data.get('name')}"
    elapsed = time.monotonic() - started
    used = int(ctx.psql("SELECT last_value FROM res_partner_id_seq", db)) - before
    left = int(ctx.psql(f"SELECT count(*) FROM res_partner WHERE name LIKE '{NAME}%'", db))
    serves = requests.get(f"{server.url}/web/health", timeout=30).status_code == 200
    again = harness.JsonRpc(server.url, db, "vanthu.lan", "moffice")
    reads = len(again.call_kw("moffice.document", "search_read", [], ["summary"], limit=10))
    killed = logged in server.log.read_text(encoding="utf-8")
    print(
        f"[tests/run] {option}={limit}: the request ran {elapsed:.1f} s, {answer}; worker ended at the limit: "
        f"{killed}; {used} contact ids used, {left} contacts left; the server serves: {serves}, a clerk reads "
        f"{reads} documents"
    )
    return killed and limit <= elapsed < 60 and used > 0 and left == 0 and serves and reads > 0
