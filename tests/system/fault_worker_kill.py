"""Fault: workers killed (SIGKILL) in the middle of registrations and
releases. Clerks register incoming documents and release approved outgoing
ones on a two-worker server while HTTP workers are killed mid-request; the
prefork server respawns them and each client retries what failed. Nothing
may be half done: every registered document has its arrival number and
date, every draft none, every released one its number and identifier code;
no register has a gap or a repeated number; every retry succeeds, a retried
registration of a document already registered is refused cleanly."""

import base64
import os
import random
import signal
import threading
import time

import requests

from . import harness

TITLE = "a worker killed (SIGKILL) mid-registration and mid-release: nothing half done, no gap, retries succeed"

CLERKS = ("vanthu.lan", "vanthu.mai", "vanthu.lan", "vanthu.mai")
KILLS = 4
OUTGOING = 16
DURATION = 60  # seconds at most for the clients
RETRIES = 8
PASSWORD = "moffice"
# What a client sees when the worker serving it dies, or the server refuses
# a call for a transient reason (a lock held by a transaction of a killed worker).
TRANSIENT = (requests.RequestException, ValueError)


def ref(ctx, db, xmlid):
    module, name = xmlid.split(".")
    return int(ctx.psql(f"SELECT res_id FROM ir_model_data WHERE module = '{module}' AND name = '{name}'", db))


class Client(threading.Thread):
    """A clerk working through a server whose workers get killed: enters and
    registers incoming documents, releases approved outgoing ones, and
    retries every call that failed for want of an answer."""

    def __init__(self, number, url, db, login, values, queue, stop):
        super().__init__(name=f"clerk-{number}", daemon=True)
        self.number, self.url, self.db, self.login = number, url, db, login
        self.values, self.queue, self.stop = values, queue, stop
        self.registered, self.released = [], []
        self.retried = self.refused_as_done = 0
        self.problems = []
        self.rpc = None

    def connect(self):
        for _attempt in range(RETRIES):
            try:
                return harness.JsonRpc(self.url, self.db, self.login, PASSWORD, timeout=60)
            except TRANSIENT:
                self.retried += 1
                time.sleep(0.5)
        raise RuntimeError(f"{self.login} cannot log in")

    def call(self, first, again=None):
        """``first()``; after a failure, ``again()`` (or ``first()``) until it answers."""
        try:
            return first()
        except (*TRANSIENT, harness.RpcError) as error:
            if isinstance(error, harness.RpcError) and "UserError" in error.data.get("name", ""):
                raise
        for _attempt in range(RETRIES):
            self.retried += 1
            time.sleep(0.3)
            try:
                return (again or first)()
            except TRANSIENT:
                continue
            except harness.RpcError as error:
                if "UserError" in error.data.get("name", ""):
                    raise
        raise RuntimeError(f"{self.login}: a call failed {RETRIES} times")

    def run(self):
        try:
            self.rpc = self.connect()
            count = 0
            while not self.stop.is_set():
                count += 1
                self.enter_and_register(f"Kiểm thử sự cố {self.number}-{count}", f"{count}/ST{self.number}")
                if self.queue:
                    try:
                        document = self.queue.pop()
                    except IndexError:
                        continue
                    self.take("action_release", document, "released")
                    self.released.append(document)
        except Exception as error:  # noqa: BLE001 - reported by the test
            self.problems.append(f"{self.login}: {error!r}")

    def kw(self, method, *args):
        return self.rpc.call_kw("moffice.document", method, *args)

    def enter_and_register(self, summary, reference):
        vals = {**self.values, "summary": summary, "reference": reference}

        def find_or_create():
            # A retried creation first looks for what the lost call may have saved.
            found = self.kw("search", [("summary", "=", summary)])
            return found[0] if found else self.kw("create", vals)

        document = self.call(lambda: self.kw("create", vals), find_or_create)
        self.take("action_register", document, "registered")
        self.registered.append((summary, document))

    def take(self, step, document, state):
        """Take a step of the flow; when a retry is refused, the lost call
        must have taken it (nothing taken twice)."""
        try:
            self.call(lambda: self.kw(step, [document]))
        except harness.RpcError:
            if self.call(lambda: self.kw("read", [document], ["state"]))[0]["state"] != state:
                raise
            self.refused_as_done += 1


def prepare_outgoing(server, db, ctx):
    """Approved outgoing letters, drafted, submitted and approved by the director."""
    leader = harness.JsonRpc(server.url, db, "giamdoc", PASSWORD)
    released = ctx.psql(
        "SELECT department_id, document_type_id FROM moffice_document "
        "WHERE kind = 'outgoing' AND state = 'released' LIMIT 1",
        db,
    ).split("|")
    recipient = int(ctx.psql("SELECT id FROM res_partner WHERE is_company AND email IS NOT NULL LIMIT 1", db))
    ids = []
    for number in range(OUTGOING):
        pdf = base64.b64encode(b"%PDF-1.4 signed " + str(number).encode()).decode()
        attachment = leader.call_kw(
            "ir.attachment", "create", {"name": f"cv-{number}.pdf", "datas": pdf, "mimetype": "application/pdf"}
        )
        document = leader.call_kw(
            "moffice.document",
            "create",
            {
                "kind": "draft",
                "target_kind": "outgoing",
                "summary": f"V/v kiểm thử sự cố phát hành {number}",
                "department_id": int(released[0]) if released[0] else False,
                "document_type_id": int(released[1]),
                "leader_id": leader.uid,
                "recipient_ids": [(6, 0, [recipient])],
                "attachment_ids": [(6, 0, [attachment])],
            },
        )
        leader.call_kw("moffice.document", "action_submit", [document])
        leader.call_kw("moffice.document", "action_approve", [document])
        ids.append(document)
    return ids


def kill_workers(ctx, server, db, clients, stop):
    """SIGKILL an HTTP worker each time the clerks have made some progress
    since the last kill (the respawned worker serves again), one with an
    open transaction when there is one; return (kills, kills mid-transaction)."""
    kills = busy_kills = 0
    done = 0
    while kills < KILLS and not stop.is_set():
        time.sleep(random.uniform(0.5, 1.5))
        progress = sum(len(client.registered) + len(client.released) for client in clients)
        workers = server.worker_pids("WorkerHTTP")
        if progress < done + len(clients) or len(workers) < server.workers:
            continue
        busy = sorted(ctx.busy_backends(db) & set(workers))
        victim = busy[0] if busy else random.choice(workers)
        os.kill(victim, signal.SIGKILL)
        kills += 1
        busy_kills += bool(busy)
        done = progress
    return kills, busy_kills


def resend(server, db, registered, released):
    """A call whose answer was lost is sent again: a second registration or
    release of the same document is refused with a clear message."""
    clerk = harness.JsonRpc(server.url, db, "vanthu.mai", PASSWORD)
    problems = []
    for method, document in (("action_register", registered), ("action_release", released)):
        if not document:
            continue
        try:
            clerk.call_kw("moffice.document", method, [document])
            problems.append(f"{method} of {document} taken twice")
        except harness.RpcError as error:
            if "UserError" not in error.data.get("name", ""):
                problems.append(f"{method} of {document} sent again: {error.data.get('name')} {error}")
    return problems


def check(ctx, db):
    """What the database holds after the fault: the list of problems."""
    problems = []
    queries = {
        "registered without arrival number or date": "state = 'registered' AND "
        "(coalesce(register_number, 0) = 0 OR date_registered IS NULL OR register_id IS NULL)",
        "incoming drafts with a number or arrival date": "state = 'draft' AND kind = 'incoming' AND "
        "(coalesce(register_number, 0) != 0 OR date_registered IS NOT NULL)",
        "released without number, reference or identifier code": "state = 'released' AND "
        "(coalesce(register_number, 0) = 0 OR reference IS NULL OR identifier_code IS NULL)",
    }
    for label, where in queries.items():
        count = int(ctx.psql(f"SELECT count(*) FROM moffice_document WHERE {where}", db))
        if count:
            problems.append(f"{count} {label}")
    numbers = ctx.psql(
        "SELECT register_id, register_year, count(*), count(DISTINCT register_number), max(register_number) "
        "FROM moffice_document WHERE register_number > 0 GROUP BY 1, 2",
        db,
    )
    for line in numbers.splitlines():
        register, year, count, distinct, highest = line.split("|")
        if not count == distinct == highest:
            problems.append(f"register {register} ({year}): {count} entries, {distinct} numbers, highest {highest}")
    return problems


def run(ctx):
    db = ctx.clone_db(f"{ctx.db}_fault_kill")
    try:
        with harness.OdooServer(ctx, db, workers=2, name="fault-kill") as server:
            return exercise(ctx, server, db)
    finally:
        ctx.drop_db(db)


def exercise(ctx, server, db):
    queue = prepare_outgoing(server, db, ctx)
    values = {
        "kind": "incoming",
        "issuer_id": int(ctx.psql("SELECT issuer_id FROM moffice_document WHERE kind = 'incoming' LIMIT 1", db)),
        "document_type_id": ref(ctx, db, "moffice_documents.type_incoming_letter"),
        "date_document": time.strftime("%Y-%m-%d"),
    }
    stop = threading.Event()
    clients = [Client(n, server.url, db, login, values, queue, stop) for n, login in enumerate(CLERKS, 1)]
    for client in clients:
        client.start()
    timer = threading.Timer(DURATION, stop.set)
    timer.start()
    kills, busy_kills = kill_workers(ctx, server, db, clients, stop)
    time.sleep(3)  # calls after the last kill are retried too
    stop.set()
    timer.cancel()
    for client in clients:
        client.join(90)
    problems = [problem for client in clients for problem in client.problems]
    problems += [f"{client.name} still running" for client in clients if client.is_alive()]
    registered = [item for client in clients for item in client.registered]
    released = [document for client in clients for document in client.released]
    problems += resend(server, db, registered[-1][1], released[-1] if released else None)
    server.stop()
    problems += check(ctx, db)
    for summary, document in registered:
        rows = ctx.psql(
            f"SELECT id, state FROM moffice_document WHERE summary = '{summary}' AND kind = 'incoming'", db
        ).splitlines()
        if rows != [f"{document}|registered"]:
            problems.append(f"{summary}: {rows} instead of one registered document")
    if released:
        ids = ",".join(map(str, released))
        count = int(ctx.psql(f"SELECT count(*) FROM moffice_document WHERE id IN ({ids}) AND state = 'released'", db))
        if count != len(set(released)) or len(released) != len(set(released)):
            problems.append(f"{count} of {len(released)} released documents are released")
    retried = sum(client.retried for client in clients)
    refused = sum(client.refused_as_done for client in clients)
    if kills < KILLS or not busy_kills:
        problems.append(f"only {kills} workers killed, {busy_kills} mid-transaction")
    if not retried:
        problems.append("no call failed: the kills hit no request")
    print(
        f"[tests/run] {kills} workers killed ({busy_kills} mid-transaction); {len(registered)} incoming documents "
        f"registered and {len(released)} outgoing released by {len(clients)} clerks; {retried} calls retried, "
        f"{refused} retries refused as already done"
    )
    for problem in problems:
        print(f"[tests/run]   {problem}")
    return not problems
