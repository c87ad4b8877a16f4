"""A working day of M-Office over HTTP, for locust (runs in the load test's
own virtual environment, see driver.py).

Each simulated person logs in like the web client and calls what the
client calls: ``/web/action/load`` when a menu is opened,
``web_search_read`` for a list, ``web_read`` for a form, ``onchange`` and
``web_save`` for a form being filled, ``/web/dataset/call_button`` for a
button, ``/mail/data`` and ``/mail/thread/messages`` for Discuss,
``search_read`` for the calendar. Request names start with ``read:``,
``flow:`` or ``login``: the report checks reads and flow actions against
their own limits.

The run is described by the JSON file named in ``MOFFICE_LOAD_CONFIG``
(written by driver.py): database, password, the logins and ids of each
role, the mode (``day``: the classes of every role under the steps of
``steps``; ``smoke``: one scripted day taking every step once; ``stock`` /
``register``: the comparison of a stock create with the registration), and
where to write the timings (``out``).
"""

import base64
import datetime
import itertools
import json
import os
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import gevent
from locust import HttpUser, LoadTestShape, between, constant, events, task
from locust.exception import StopUser

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from list_views import DOCUMENT_LIST  # noqa: E402 - shared with the in-process benchmarks

CONFIG = json.loads(Path(os.environ["MOFFICE_LOAD_CONFIG"]).read_text(encoding="utf-8"))
# A one-page PDF: the scan of an incoming document, the signed file of an outgoing one.
PDF = base64.b64encode(Path(CONFIG["pdf"]).read_bytes()).decode()
TERMS = ("kế hoạch", "báo cáo", "khoa học", "công nghệ", "thẩm định", "nghiệm thu", "kinh phí", "đề tài")

# The fields the lists and forms of the client read (their visible columns).
DOCUMENT_FORM = {
    **DOCUMENT_LIST,
    "kind": {},
    "document_type_id": {"fields": {"display_name": {}}},
    "signer_name": {},
    "leader_id": {"fields": {"display_name": {}}},
    "lead_user_id": {"fields": {"display_name": {}}},
    "direction": {},
    "attachment_ids": {"fields": {"name": {}, "mimetype": {}}},
    "recipient_ids": {"fields": {"display_name": {}}},
    "confidentiality": {},
    "display_name": {},
}
TASK_LIST = {
    "name": {},
    "giver_id": {"fields": {"display_name": {}}},
    "user_id": {"fields": {"display_name": {}}},
    "date_deadline": {},
    "priority": {},
    "is_locked": {},
    "is_late": {},
    "state": {},
}
TASK_FORM = {
    **TASK_LIST,
    "description": {},
    "document_ids": {"fields": {"display_name": {}}},
    "cohandler_ids": {"fields": {"display_name": {}}},
    "feedback_ids": {"fields": {"create_date": {}, "kind": {}, "body": {}, "state": {}}},
    "extension_ids": {"fields": {"date_proposed": {}, "state": {}, "reason": {}}},
    "display_name": {},
}
FILE_LIST = {"code": {}, "name": {}, "year": {}, "state": {}, "doc_total": {}, "page_total": {}}
NEWS_LIST = {"name": {}, "summary": {}, "date_publish": {}, "is_read": {}, "is_announcement": {}}
NEWS_FORM = {**NEWS_LIST, "body": {}, "author_id": {"fields": {"display_name": {}}}}
CALENDAR_FIELDS = ["name", "start", "stop", "allday", "partner_ids", "user_id", "location"]

# Records a flow action takes, claimed once in this process: two simulated
# clerks never release the same document, as two real ones would see it go.
CLAIMED = set()
# Timings per step of the run (mode "day") or for the whole run.
TIMINGS = defaultdict(lambda: defaultdict(list))
ERRORS = defaultdict(lambda: defaultdict(int))
SEEN = set()
STEP = {"index": None}
LOGGED_IN = {"count": 0}
# When each step's timing started and ended (seconds since the epoch).
HOLDS = defaultdict(dict)
RPC_IDS = itertools.count(1)


class RpcFailed(Exception):
    pass


@events.request.add_listener
def record(name, response_time, exception, **_kwargs):
    SEEN.add(name)
    if STEP["index"] is None:
        return
    if exception:
        ERRORS[STEP["index"]][name] += 1
    else:
        TIMINGS[STEP["index"]][name].append(response_time)


@events.quitting.add_listener
def write_timings(environment, **_kwargs):
    errors = {
        f"{error.name}: {error.error} (x{error.occurrences})"[:500] for error in environment.stats.errors.values()
    }
    with open(CONFIG["out"], "w", encoding="utf-8") as out:
        json.dump(
            {
                "timings": {str(step): dict(names) for step, names in TIMINGS.items()},
                "errors": {str(step): dict(names) for step, names in ERRORS.items()},
                "holds": {str(step): [hold["start"], hold.get("end", time.time())] for step, hold in HOLDS.items()},
                "seen": sorted(SEEN),
                "messages": sorted(errors),
            },
            out,
        )


class Odoo:
    """One person's session with the server, as the web client holds it."""

    def __init__(self, client, login):
        self.client = client
        self.login = login
        result = self.rpc(
            "/web/session/authenticate",
            {"db": CONFIG["db"], "login": login, "password": CONFIG["password"]},
            "login",
        )
        self.uid = result["uid"]
        self.context = dict(result["user_context"])
        LOGGED_IN["count"] += 1

    def rpc(self, path, params, name):
        payload = {"jsonrpc": "2.0", "method": "call", "id": next(RPC_IDS), "params": params}
        with self.client.post(path, json=payload, name=name, catch_response=True) as response:
            try:
                reply = response.json()
            except ValueError:
                response.failure(f"HTTP {response.status_code}, not JSON")
                raise RpcFailed(name) from None
            if "error" in reply:
                data = reply["error"].get("data", {})
                response.failure(f"{data.get('name')}: {data.get('message')}"[:300])
                raise RpcFailed(name)
            return reply["result"]

    def call(self, name, model, method, *args, **kwargs):
        kwargs["context"] = {**self.context, **kwargs.get("context", {})}
        params = {"model": model, "method": method, "args": list(args), "kwargs": kwargs}
        return self.rpc(f"/web/dataset/call_kw/{model}/{method}", params, name)

    def button(self, name, model, method, ids, context=None):
        params = {
            "model": model,
            "method": method,
            "args": [ids],
            "kwargs": {"context": {**self.context, **(context or {})}},
        }
        return self.rpc(f"/web/dataset/call_button/{model}/{method}", params, name)

    def action(self, name, xmlid):
        return self.rpc("/web/action/load", {"action_id": xmlid, "context": self.context}, name)

    def search(self, name, model, domain, spec, limit=80, order="", context=None):
        return self.call(
            name,
            model,
            "web_search_read",
            domain=domain,
            specification=spec,
            offset=0,
            limit=limit,
            order=order,
            count_limit=10001,
            context=context or {},
        )["records"]

    def read(self, name, model, ids, spec):
        return self.call(name, model, "web_read", ids, specification=spec)

    def wizard(self, name, opened, values, confirm):
        """Fill and confirm the form a button opened (``opened``: its action)."""
        context = opened.get("context") or {}
        model = opened["res_model"]
        spec = {key: {} for key in values}
        self.call(f"{name} (onchange)", model, "onchange", [], {}, [], spec, context=context)
        record = self.call(f"{name} (save)", model, "web_save", [], values, specification={}, context=context)
        return self.button(name, model, confirm, [record[0]["id"]], context)

    def attach(self, name, model, res_id=0):
        """Upload the PDF for a record (0: for a record not saved yet)."""
        return self.call(
            name,
            "ir.attachment",
            "create",
            {"name": "van-ban.pdf", "datas": PDF, "res_model": model, "res_id": res_id, "mimetype": "application/pdf"},
        )


def claim(rows):
    """The first record of ``rows`` nobody in this run took yet, or None."""
    for row in rows:
        if row["id"] not in CLAIMED:
            CLAIMED.add(row["id"])
            return row["id"]
    return None


def today(offset=0):
    return (datetime.date.today() + datetime.timedelta(days=offset)).isoformat()


# -- what every role does ------------------------------------------------------
def open_desk(odoo):
    odoo.call("read: desk", "moffice.desk", "get_desk")


def open_discuss(odoo):
    """The client's start (messaging, failures, activities), then Discuss: the
    person's channels and the messages of one of them."""
    odoo.rpc(
        "/mail/data",
        {"init_messaging": {}, "failures": True, "systray_get_activities": True, "context": odoo.context},
        "read: discuss (init)",
    )
    data = odoo.rpc("/mail/data", {"channels_as_member": True, "context": odoo.context}, "read: discuss (channels)")
    channels = [channel["id"] for channel in data.get("discuss.channel", [])]
    if channels:
        odoo.rpc(
            "/mail/thread/messages",
            {"thread_model": "discuss.channel", "thread_id": random.choice(channels), "limit": 30},
            "read: discuss (messages)",
        )


def open_calendar(odoo):
    odoo.action("read: menu", "calendar.action_calendar_event")
    start = datetime.date.today() - datetime.timedelta(days=datetime.date.today().weekday())
    odoo.call(
        "read: calendar (week)",
        "calendar.event",
        "search_read",
        domain=[("start", "<=", f"{start + datetime.timedelta(days=7)} 00:00:00"), ("stop", ">=", f"{start} 00:00:00")],
        fields=CALENDAR_FIELDS,
    )


def open_news(odoo):
    odoo.action("read: menu", "moffice_office.action_moffice_news_feed")
    items = odoo.search(
        "read: news feed",
        "moffice.news",
        [("state", "in", ("published", "expired")), ("is_for_me", "=", True)],
        NEWS_LIST,
        limit=40,
    )
    if items:
        odoo.read("read: news item", "moffice.news", [random.choice(items)["id"]], NEWS_FORM)


def open_documents(odoo, kind="incoming"):
    odoo.action("read: menu", f"moffice_documents.action_moffice_document_{kind}")
    rows = odoo.search("read: documents list", "moffice.document", [("kind", "=", kind)], DOCUMENT_LIST)
    if rows:
        odoo.read("read: document form", "moffice.document", [random.choice(rows)["id"]], DOCUMENT_FORM)


def search_documents(odoo):
    term = random.choice(TERMS)
    odoo.search(
        "read: documents search",
        "moffice.document",
        ["|", ("summary", "ilike", term), ("reference", "ilike", term)],
        DOCUMENT_LIST,
    )


def my_tasks(odoo):
    odoo.action("read: menu", "moffice_tasks.action_moffice_task_to_process")
    return odoo.search(
        "read: task inbox",
        "moffice.task",
        [
            ("state", "in", ("assigned", "submitted")),
            "|",
            ("user_id", "=", odoo.uid),
            ("cohandler_ids", "in", odoo.uid),
        ],
        TASK_LIST,
    )


def open_task(odoo):
    rows = my_tasks(odoo)
    if rows:
        odoo.read("read: task form", "moffice.task", [random.choice(rows)["id"]], TASK_FORM)


def open_files(odoo):
    odoo.action("read: menu", "moffice_archive.action_moffice_archive_file")
    rows = odoo.search("read: files list", "moffice.archive.file", [], FILE_LIST)
    if rows:
        odoo.read("read: file form", "moffice.archive.file", [random.choice(rows)["id"]], FILE_LIST)


def report_progress(odoo):
    """An assignee reports progress on one of their open tasks."""
    rows = [
        row
        for row in my_tasks(odoo)
        if row["state"] == "assigned" and not row["is_locked"] and row["user_id"] and row["user_id"]["id"] == odoo.uid
    ]
    if not rows:
        return False
    task_id = random.choice(rows)["id"]
    odoo.read("read: task form", "moffice.task", [task_id], TASK_FORM)
    opened = odoo.button("flow: report progress (open)", "moffice.task", "action_open_progress", [task_id])
    odoo.wizard("flow: report progress", opened, {"text": "Đã hoàn thành 50% khối lượng công việc."}, "action_confirm")
    return True


def ask_extension(odoo):
    """An assignee asks a leader for more time (the smoke's source of requests)."""
    rows = [row for row in my_tasks(odoo) if row["state"] == "assigned" and row["user_id"]["id"] == odoo.uid]
    rows = [row for row in rows if row["id"] not in CLAIMED]
    if not rows:
        return False
    task_id = claim(rows)
    opened = odoo.button("flow: ask extension (open)", "moffice.task", "action_open_extension", [task_id])
    values = {"leader_id": CONFIG["ids"]["leader"], "text": "Chờ ý kiến của các đơn vị phối hợp."}
    odoo.wizard("flow: ask extension", opened, values, "action_confirm")
    CLAIMED.discard(task_id)
    return True


def draft_outgoing(odoo):
    """A specialist drafts an outgoing letter with its signed file and submits it."""
    odoo.action("read: menu", "moffice_documents.action_moffice_document_draft")
    context = {"default_kind": "draft"}
    odoo.call(
        "read: document new (onchange)", "moffice.document", "onchange", [], {}, [], {"summary": {}}, context=context
    )
    attachment = odoo.attach("flow: draft (upload)", "moffice.document")
    values = {
        "kind": "draft",
        "target_kind": "outgoing",
        "summary": f"Dự thảo công văn về {random.choice(TERMS)} ({odoo.login})",
        "leader_id": CONFIG["ids"]["leader"],
        "document_type_id": CONFIG["ids"]["type_out"],
        "recipient_ids": [[6, 0, [random.choice(CONFIG["ids"]["issuers"])]]],
        "attachment_ids": [[6, 0, [attachment]]],
    }
    record = odoo.call(
        "flow: draft (save)", "moffice.document", "web_save", [], values, specification={}, context=context
    )
    odoo.button("flow: draft submit", "moffice.document", "action_submit", [record[0]["id"]])


def register_incoming(odoo):
    """A clerk enters an incoming document with its scan, registers it and submits it."""
    odoo.action("read: menu", "moffice_documents.action_moffice_document_incoming")
    context = {"default_kind": "incoming"}
    odoo.call(
        "read: document new (onchange)", "moffice.document", "onchange", [], {}, [], {"summary": {}}, context=context
    )
    document_id = create_registered(odoo, context)
    odoo.button("flow: submit", "moffice.document", "action_submit", [document_id])


def create_registered(odoo, context):
    """Upload the scan, save the incoming document, register it; its id."""
    attachment = odoo.attach("flow: register (upload)", "moffice.document")
    values = {
        "kind": "incoming",
        "summary": f"V/v {random.choice(TERMS)} năm {datetime.date.today().year}",
        "reference": f"{random.randint(1, 99999)}/{odoo.login}-{time.time_ns() % 10**9}",
        "issuer_id": random.choice(CONFIG["ids"]["issuers"]),
        "document_type_id": CONFIG["ids"]["type_in"],
        "date_document": today(-1),
        "leader_id": CONFIG["ids"]["leader"],
        "attachment_ids": [[6, 0, [attachment]]],
    }
    record = odoo.call(
        "flow: register (save)", "moffice.document", "web_save", [], values, specification={}, context=context
    )
    odoo.button("flow: register", "moffice.document", "action_register", [record[0]["id"]])
    return record[0]["id"]


def release_outgoing(odoo):
    odoo.action("read: menu", "moffice_documents.action_moffice_document_outgoing")
    rows = odoo.search(
        "read: documents to release",
        "moffice.document",
        [("kind", "=", "outgoing"), ("state", "=", "approved")],
        DOCUMENT_LIST,
    )
    document_id = claim(rows)
    if not document_id:
        return False
    odoo.read("read: document form", "moffice.document", [document_id], DOCUMENT_FORM)
    odoo.button("flow: release", "moffice.document", "action_release", [document_id])
    return True


def route_incoming(odoo):
    odoo.action("read: menu", "moffice_documents.action_moffice_document_incoming")
    rows = odoo.search(
        "read: documents to route",
        "moffice.document",
        [("kind", "=", "incoming"), ("state", "=", "submitted")],
        DOCUMENT_LIST,
    )
    document_id = claim(rows)
    if not document_id:
        return False
    odoo.read("read: document form", "moffice.document", [document_id], DOCUMENT_FORM)
    opened = odoo.button("flow: route (open)", "moffice.document", "action_open_route", [document_id])
    values = {
        "direction": "Giao phòng chủ trì tham mưu, báo cáo trước hạn.",
        "lead_user_id": random.choice(CONFIG["ids"]["handlers"]),
        "date_deadline": today(10),
    }
    odoo.wizard("flow: route", opened, values, "action_route")
    return True


def approve(odoo):
    rows = odoo.search(
        "read: documents to approve",
        "moffice.document",
        [("kind", "in", ("draft", "outgoing", "internal", "decision")), ("state", "=", "submitted")],
        DOCUMENT_LIST,
    )
    document_id = claim(rows)
    if not document_id:
        return False
    odoo.read("read: document form", "moffice.document", [document_id], DOCUMENT_FORM)
    odoo.button("flow: approve", "moffice.document", "action_approve", [document_id])
    return True


def give_task(odoo, user_id=None):
    """A leader gives a task to a specialist, due in a week."""
    odoo.action("read: menu", "moffice_tasks.action_moffice_task_create")
    odoo.call("read: task new (onchange)", "moffice.task", "onchange", [], {}, [], {"name": {}})
    values = {
        "name": f"Tham mưu báo cáo {random.choice(TERMS)} quý này",
        "user_id": user_id or random.choice(CONFIG["ids"]["handlers"]),
        "date_deadline": f"{today(7)} 10:00:00",
    }
    # Saved with its assignee, the task is given at once.
    odoo.call("flow: give task", "moffice.task", "web_save", [], values, specification={})


def grant_extension(odoo):
    odoo.action("read: menu", "moffice_tasks.action_moffice_task_extension")
    rows = odoo.search(
        "read: extensions to decide",
        "moffice.task.extension",
        [("state", "=", "requested"), ("date_proposed", ">", f"{today(1)} 00:00:00")],
        {"task_id": {"fields": {"display_name": {}}}, "reason": {}, "date_proposed": {}, "state": {}},
    )
    extension_id = claim(rows)
    if not extension_id:
        return False
    odoo.button("flow: grant extension", "moffice.task.extension", "action_grant", [extension_id])
    return True


def archive_loans(odoo):
    odoo.action("read: menu", "moffice_archive.action_moffice_archive_loan")
    odoo.search("read: loans list", "moffice.archive.loan", [], {"display_name": {}, "state": {}})
    odoo.action("read: menu", "moffice_archive.action_moffice_archive_item")
    odoo.search("read: archive items list", "moffice.archive.item", [], {"display_name": {}})


def usage_log(odoo):
    odoo.action("read: menu", "moffice_admin.action_moffice_usage_log")
    odoo.search("read: usage log", "moffice.usage.log", [], {"display_name": {}})


# -- the people ----------------------------------------------------------------
class Person(HttpUser):
    """A member of staff of one role, logged in with one of its logins."""

    abstract = True
    role = None
    wait_time = between(*CONFIG.get("think", (5, 15)))
    counter = itertools.count()

    def on_start(self):
        logins = CONFIG["logins"][self.role]
        self.odoo = Odoo(self.client, logins[next(Person.counter) % len(logins)])
        open_desk(self.odoo)

    def safely(self, action):
        try:
            action(self.odoo)
        except RpcFailed:
            pass

    @task(3)
    def desk(self):
        self.safely(open_desk)

    @task(2)
    def discuss(self):
        self.safely(open_discuss)

    @task(1)
    def calendar(self):
        self.safely(open_calendar)

    @task(1)
    def news(self):
        self.safely(open_news)


class Specialist(Person):
    role = "specialist"
    weight = CONFIG.get("weights", {}).get("specialist", 1)

    @task(5)
    def inbox(self):
        self.safely(open_task)

    @task(3)
    def documents(self):
        self.safely(open_documents)

    @task(2)
    def search(self):
        self.safely(search_documents)

    @task(1)
    def files(self):
        self.safely(open_files)

    @task(2)
    def progress(self):
        self.safely(report_progress)


class Clerk(Person):
    role = "clerk"
    weight = CONFIG.get("weights", {}).get("clerk", 1)

    @task(5)
    def register(self):
        self.safely(register_incoming)

    @task(2)
    def release(self):
        self.safely(release_outgoing)

    @task(2)
    def documents(self):
        self.safely(open_documents)

    @task(1)
    def search(self):
        self.safely(search_documents)


class Leader(Person):
    role = "leader"
    weight = CONFIG.get("weights", {}).get("leader", 1)

    @task(4)
    def route(self):
        self.safely(route_incoming)

    @task(2)
    def approve(self):
        self.safely(approve)

    @task(2)
    def extension(self):
        self.safely(grant_extension)

    @task(1)
    def give(self):
        self.safely(give_task)

    @task(2)
    def documents(self):
        self.safely(open_documents)


class Custodian(Person):
    role = "custodian"
    weight = CONFIG.get("weights", {}).get("custodian", 1)

    @task(3)
    def loans(self):
        self.safely(archive_loans)

    @task(2)
    def files(self):
        self.safely(open_files)


class SystemAdmin(Person):
    role = "system_admin"
    weight = CONFIG.get("weights", {}).get("system_admin", 1)

    @task(3)
    def log(self):
        self.safely(usage_log)


class SmokeDay(HttpUser):
    """Every step of the day once, in the order the flows need: a specialist
    drafts and asks for an extension, a clerk registers, a leader approves,
    routes and grants, the clerk releases; every role reads."""

    wait_time = constant(0)
    fixed_count = 1

    @task
    def day(self):
        try:
            self.steps()
        finally:
            gevent.spawn(self.environment.runner.quit)
            raise StopUser

    def steps(self):
        session = self.client.__class__
        people = {
            role: Odoo(session(self.host, self.environment.events.request, self), logins[0])
            for role, logins in CONFIG["logins"].items()
        }
        specialist, clerk, leader = people["specialist"], people["clerk"], people["leader"]
        give_task(leader, CONFIG["ids"]["handlers"][0])
        draft_outgoing(specialist)
        ask_extension(specialist)
        report_progress(specialist)
        for read in (open_task, open_documents, search_documents, open_files):
            read(specialist)
        register_incoming(clerk)
        approve(leader)
        route_incoming(leader)
        grant_extension(leader)
        release_outgoing(clerk)
        archive_loans(people["custodian"])
        open_files(people["custodian"])
        open_files(leader)
        usage_log(people["system_admin"])
        for odoo in people.values():
            for read in (open_desk, open_discuss, open_calendar, open_news):
                read(odoo)


class StockPartner(HttpUser):
    """Odoo without M-Office: a contact created with a file attached (by the
    system administrator, who creates contacts)."""

    wait_time = constant(0)

    def on_start(self):
        self.odoo = Odoo(self.client, CONFIG["logins"]["system_admin"][0])

    @task
    def create(self):
        started = time.perf_counter()
        try:
            record = self.odoo.call(
                "compare: partner (save)",
                "res.partner",
                "web_save",
                [],
                {"name": f"Công ty {time.time_ns()}", "is_company": True},
                specification={},
            )
            self.odoo.attach("compare: partner (upload)", "res.partner", record[0]["id"])
        except RpcFailed:
            return
        events.request.fire(
            request_type="TOTAL",
            name="compare: stock create",
            response_time=(time.perf_counter() - started) * 1000,
            response_length=0,
            exception=None,
            context={},
        )


class Registration(HttpUser):
    """The clerk's registration: the scan uploaded, the document saved and registered."""

    wait_time = constant(0)

    def on_start(self):
        self.odoo = Odoo(self.client, CONFIG["logins"]["clerk"][0])

    @task
    def create(self):
        started = time.perf_counter()
        try:
            create_registered(self.odoo, {"default_kind": "incoming"})
        except RpcFailed:
            return
        events.request.fire(
            request_type="TOTAL",
            name="compare: registration",
            response_time=(time.perf_counter() - started) * 1000,
            response_length=0,
            exception=None,
            context={},
        )


if CONFIG.get("steps"):

    class Steps(LoadTestShape):
        """The number of people steps up. Each step is timed for its ``hold``
        seconds from the moment everyone of the step is logged in (or its
        ``ramp`` seconds have passed, if logins fail)."""

        index, step_from, hold_from = 0, 0.0, None

        def tick(self):
            now = self.get_run_time()
            while self.index < len(CONFIG["steps"]):
                step = CONFIG["steps"][self.index]
                if self.hold_from is None:
                    if LOGGED_IN["count"] >= step["users"] or now - self.step_from >= step["ramp"]:
                        self.hold_from = now
                        STEP["index"] = self.index
                        HOLDS[self.index]["start"] = time.time()
                    return step["users"], step["rate"]
                if now - self.hold_from < step["hold"]:
                    return step["users"], step["rate"]
                STEP["index"], self.hold_from, self.step_from = None, None, now
                HOLDS[self.index]["end"] = time.time()
                self.index += 1
            return None
else:
    STEP["index"] = 0
    HOLDS[0]["start"] = time.time()
