"""Fault: PostgreSQL restarted under load. Clerks register incoming
documents and specialists read their lists on a two-worker server while the
database server is restarted (fast shutdown: every connection is cut).
The scheduled actions run again too. Meanwhile each call gets an answer within a bound, never a hang: a JSON-RPC
error, or (when Odoo cannot open the database at all) an HTTP answer that is
not JSON, which the web client shows as "connection lost" and retries until
the server answers again; afterwards the same Odoo serves again
without being restarted (its connection pool drops the broken connections),
and what was committed before the restart is intact."""

import threading
import time

import requests

from . import harness
from .fault_worker_kill import check as check_registers
from .fault_worker_kill import ref

TITLE = "PostgreSQL restarted under load: clean errors meanwhile, Odoo serves again without a restart, nothing lost"

BOUND = 30  # seconds: no call may wait longer for its answer
RECOVERY = 20  # seconds after the restart within which every call succeeds again
AFTER = 12  # seconds of load after the restart
PASSWORD = "moffice"


class User(threading.Thread):
    """A user calling the server in a loop, recording each call's outcome."""

    def __init__(self, name, url, db, login, action, stop):
        super().__init__(name=name, daemon=True)
        self.url, self.db, self.login, self.action, self.stop = url, db, login, action, stop
        self.calls = []  # (started, ended, outcome, detail)
        self.done = []  # (moment, result) of the successful actions

    def run(self):
        rpc = None
        while not self.stop.is_set():
            started = time.monotonic()
            try:
                rpc = rpc or harness.JsonRpc(self.url, self.db, self.login, PASSWORD, timeout=BOUND * 2)
                result = self.action(rpc, len(self.calls))
                outcome, detail = "ok", None
                self.done.append((time.monotonic(), result))
            except harness.RpcError as error:
                outcome, detail = "error", error.data.get("name")
            except requests.JSONDecodeError:
                # An HTTP answer that is not JSON: the web client shows
                # "connection lost" and retries until the server answers.
                outcome, detail = "error", "not JSON"
            except (requests.RequestException, ValueError) as error:
                outcome, detail = "no answer", type(error).__name__
            self.calls.append((started, time.monotonic(), outcome, detail))
            if outcome != "ok":
                time.sleep(0.2)


def run(ctx):
    if ctx.pg is None:
        print("[tests/run] skipped: PostgreSQL is an external server (PGHOST); only the throw-away one is restarted")
        return None
    db = ctx.clone_db(f"{ctx.db}_fault_pg")
    # The scheduler runs too: only the overdue sweep, due after the restart.
    cron = ref(ctx, db, "moffice_tasks.cron_lock_overdue")
    ctx.psql(
        f"UPDATE ir_cron SET active = (id = {cron}); "
        f"UPDATE ir_cron SET nextcall = now() at time zone 'utc' + interval '1 day' WHERE id = {cron}",
        db,
    )
    try:
        with harness.OdooServer(ctx, db, workers=2, extra=["--max-cron-threads=1"], name="fault-pg") as server:
            return exercise(ctx, server, db)
    finally:
        ctx.drop_db(db)


def scheduler_runs(ctx, db):
    """Make the overdue sweep due and wake the cron worker (its listening
    connection was cut by the restart): seconds until it ran, or None."""
    cron = ref(ctx, db, "moffice_tasks.cron_lock_overdue")
    ctx.psql(f"UPDATE ir_cron SET nextcall = now() at time zone 'utc' - interval '1 minute' WHERE id = {cron}", db)
    due = time.monotonic()
    while time.monotonic() - due < BOUND:
        ctx.psql(f"NOTIFY cron_trigger, '{db}'")
        if ctx.psql(f"SELECT 1 FROM ir_cron WHERE id = {cron} AND nextcall > now() at time zone 'utc'", db):
            return time.monotonic() - due
        time.sleep(0.5)
    return None


def kept(ctx, db, snapshot, acknowledged, entered):
    """What was committed before the restart is there: the problems."""
    problems = check_registers(ctx, db)
    ids = ",".join(line.split("|")[0] for line in snapshot.splitlines())
    if ctx.psql(f"SELECT id, register_number FROM moffice_document WHERE id IN ({ids}) ORDER BY id", db) != snapshot:
        problems.append("documents registered before the restart changed or vanished")
    registered = {int(line.split("|")[0]) for line in snapshot.splitlines()}
    if not acknowledged <= registered:
        problems.append(f"acknowledged registrations missing: {sorted(acknowledged - registered)}")
    drafts = ",".join(map(str, entered)) or "0"
    if int(ctx.psql(f"SELECT count(*) FROM moffice_document WHERE id IN ({drafts}) AND state = 'draft'", db)) != len(
        entered
    ):
        problems.append("documents entered before the restart vanished")
    return problems


def exercise(ctx, server, db):
    values = {
        "kind": "incoming",
        "issuer_id": int(ctx.psql("SELECT issuer_id FROM moffice_document WHERE kind = 'incoming' LIMIT 1", db)),
        "document_type_id": ref(ctx, db, "moffice_documents.type_incoming_letter"),
        "date_document": time.strftime("%Y-%m-%d"),
    }

    def register(rpc, number):
        vals = {**values, "summary": f"Kiểm thử khởi động lại CSDL {number}", "reference": f"{number}/KĐL"}
        document = rpc.call_kw("moffice.document", "create", vals)
        rpc.call_kw("moffice.document", "action_register", [document])
        return document

    def enter(rpc, number):
        # Entered, not registered: one clerk registering keeps the register
        # free of contention, whose waits are not the restart's.
        vals = {**values, "summary": f"Kiểm thử khởi động lại CSDL, nháp {number}", "reference": f"{number}/KĐLN"}
        document = rpc.call_kw("moffice.document", "create", vals)
        rpc.call_kw("moffice.document", "write", [document], {"notes": "Chờ vào sổ"})
        return document

    def read(rpc, _number):
        rpc.call_kw("moffice.document", "search_read", [], ["summary", "state"], limit=80)
        return len(rpc.call_kw("moffice.task", "search_read", [], ["name", "date_deadline"], limit=80))

    stop = threading.Event()
    users = [
        User("clerk-1", server.url, db, "vanthu.lan", register, stop),
        User("clerk-2", server.url, db, "vanthu.mai", enter, stop),
        User("reader-1", server.url, db, "cv.nam", read, stop),
        User("reader-2", server.url, db, "tp.qlkh", read, stop),
    ]
    for user in users:
        user.start()
    warm = time.monotonic() + 60
    while time.monotonic() < warm and min(len(user.done) for user in users) < 3:
        time.sleep(0.5)
    snapshot = ctx.psql("SELECT id, register_number FROM moffice_document WHERE register_number > 0 ORDER BY id", db)
    acknowledged = {document for _moment, document in users[0].done}
    entered = {document for _moment, document in users[1].done}
    pid = server.process.pid
    restart_started = time.monotonic()
    ctx.pg.restart()
    restarted = time.monotonic()
    time.sleep(AFTER)
    stop.set()
    for user in users:
        user.join(BOUND * 2)
    scheduled = scheduler_runs(ctx, db)
    alive = server.process.poll() is None and server.process.pid == pid
    server.stop()

    calls = [call for user in users for call in user.calls]
    # The calls answered once the restart began (the first calls of each
    # user, which load the server's caches, aside).
    longest = max(
        ended - started
        for user in users
        for started, ended, _outcome, _detail in user.calls[3:]
        if ended > restart_started
    )
    failed = [call for call in calls if call[2] != "ok"]
    unanswered = [call for call in failed if call[2] == "no answer"]
    # From when on every call of every user succeeds.
    recovered = max([ended - restarted for _started, ended, _outcome, _detail in failed] + [0])
    late_ok = all(any(started > restarted + recovered for started, *_rest in user.calls) for user in users)
    problems = kept(ctx, db, snapshot, acknowledged, entered)
    if unanswered:
        problems.append(f"{len(unanswered)} calls without an answer: {sorted({c[3] for c in unanswered})}")
    if longest > BOUND:
        problems.append(f"a call waited {longest:.1f} s for its answer")
    if not failed:
        problems.append("no call failed: the restart was not under load")
    if recovered > RECOVERY or not late_ok:
        problems.append(f"not every user served again within {RECOVERY} s of the restart")
    if not alive:
        problems.append("the Odoo server did not survive the restart")
    if scheduled is None:
        problems.append(f"the scheduled actions did not run within {BOUND} s after the restart")
    print(
        f"[tests/run] PostgreSQL restarted in {restarted - restart_started:.1f} s under {len(users)} users; "
        f"{len(calls)} calls, {len(failed)} answered with an error "
        f"({', '.join(sorted({str(c[3]) for c in failed}))}), longest call {longest:.1f} s; every call succeeds "
        f"again {recovered:.1f} s after the restart, same Odoo process: {alive}; "
        f"a scheduled action ran {scheduled or 0:.1f} s after it was due; {len(acknowledged)} acknowledged "
        f"registrations and {len(entered)} entered documents kept"
    )
    for problem in problems:
        print(f"[tests/run]   {problem}")
    return not problems
