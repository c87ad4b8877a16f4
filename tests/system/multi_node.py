"""Several Odoo nodes behind nginx (issue 14, point 2): two multi-worker
servers on loopback share one database and one data directory, Debian's
nginx runs the shipped site configuration (HTTPS, /websocket) in front of
them: its headers, compression and upload limit hold as served. A session
opened on node A continues on node B; a file uploaded through A downloads
through B; a scheduled action triggered three times runs exactly three
times, on A's cron workers only; a Discuss message posted on A reaches a
user whose websocket, through nginx, is served by node B."""

import copy
import json
import os
import re
import shutil
import socket
import ssl
import time

import requests
from nginxconf import NGINX, Nginx

from .harness import JsonRpc, OdooServer, RpcError

TITLE = "two Odoo nodes behind nginx: shared sessions and files, one run per cron trigger, Discuss across nodes"
PASSWORD = "moffice"
CRON_MESSAGE = "moffice multi-node cron run"
TRIGGERS = 3


class ProxyRpc(JsonRpc):
    """A user's session through nginx's HTTPS, trusting its test certificate."""

    def __init__(self, url, db, login, password, ca):
        self.ca = ca
        super().__init__(url, db, login, password)

    def call(self, path, params):
        self.session.verify = self.ca
        self.session.trust_env = False  # REQUESTS_CA_BUNDLE would override verify
        return super().call(path, params)


def on_node(rpc, node):
    """The same session (same cookie) sent to another node."""
    moved = copy.copy(rpc)
    moved.url = node.url
    return moved


def wait_for(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return predicate()


def check(results, name, ok, detail=""):
    results.append(ok)
    print(f"[multi_node] {'ok' if ok else 'FAILED'}: {name}{f' ({detail})' if detail else ''}", flush=True)


def check_proxy(results, proxy):
    """The shipped site's headers, compression and upload limit, as served."""
    login = requests.get(f"{proxy.url}/web/login", verify=proxy.ca, timeout=60)
    headers = login.headers
    check(
        results,
        "security headers on the web client's pages, each once",
        login.status_code == 200
        and headers.get("Strict-Transport-Security", "").startswith("max-age=")
        and headers.get("X-Frame-Options") in ("DENY", "SAMEORIGIN")
        and headers.get("X-Content-Type-Options") == "nosniff"
        and "frame-ancestors 'self'" in headers.get("Content-Security-Policy", "")
        and headers.get("Referrer-Policy") == "strict-origin-when-cross-origin",
        ", ".join(f"{name}: {headers.get(name)}" for name in ("X-Frame-Options", "X-Content-Type-Options")),
    )
    static = requests.get(
        f"{proxy.url}/web/static/lib/luxon/luxon.js", verify=proxy.ca, headers={"Accept-Encoding": "gzip"}, timeout=60
    )
    check(results, "static files are compressed", static.headers.get("Content-Encoding") == "gzip")
    # A body above Odoo's 128 MiB is refused by nginx from its announced length.
    with socket.create_connection(("127.0.0.1", proxy.https_port), timeout=30) as raw:
        context = ssl.create_default_context(cafile=proxy.ca)
        with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
            tls.sendall(
                b"POST /web/binary/upload_attachment HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/octet-stream\r\nContent-Length: %d\r\n\r\n" % (129 * 1024 * 1024)
            )
            status = tls.recv(64).split(b" ")[1]
    check(results, "an upload above Odoo's limit is refused by nginx (413)", status == b"413")


def check_sessions(results, db, node_a, node_b):
    """Log in on A; the session continues on B; logged out on B, it is over on A."""
    leader = JsonRpc(node_a.url, db, "giamdoc", PASSWORD)
    info = on_node(leader, node_b).call("/web/session/get_session_info", {})
    login = on_node(leader, node_b).call_kw("res.users", "read", [leader.uid], ["login"])[0]["login"]
    check(results, "a session opened on node A continues on node B", info["uid"] == leader.uid and login == "giamdoc")
    stranger = requests.Session()
    stranger.cookies.set("session_id", "0" * 70)
    reply = stranger.post(f"{node_b.url}/web/session/get_session_info", json={"params": {}}, timeout=30).json()
    check(results, "node B refuses an unknown session", "error" in reply)
    return leader


def upload(rpc, node, channel_id, name, data):
    """Upload a file to a Discuss channel as the web client does (multipart, CSRF token)."""
    page = rpc.session.get(f"{node.url}/odoo", timeout=60).text
    token = re.search(r'csrf_token: "([^"]+)"', page)[1]
    reply = rpc.session.post(
        f"{node.url}/mail/attachment/upload",
        data={"thread_id": channel_id, "thread_model": "discuss.channel", "csrf_token": token},
        files={"ufile": (name, data, "application/octet-stream")},
        timeout=120,
    ).json()
    return reply["data"]["ir.attachment"][0]["id"]


def check_cron(results, ctx, db, admin, node_a, node_b):
    """A test scheduled action, triggered three times so that A's two cron
    workers both wake up for it, logs exactly one run per trigger."""
    model_id = admin.call_kw("ir.model", "search", [("model", "=", "res.partner")])[0]
    cron_id = admin.call_kw(
        "ir.cron",
        "create",
        {
            "name": "M-Office multi-node test",
            "model_id": model_id,
            "state": "code",
            "code": f"log({CRON_MESSAGE!r})",
            "interval_number": 1,
            "interval_type": "days",
            "nextcall": "2099-01-01 00:00:00",
        },
    )

    def runs():
        return int(ctx.psql(f"SELECT count(*) FROM ir_logging WHERE message = '{CRON_MESSAGE}'", db))

    counts = []
    for _trigger in range(TRIGGERS):
        ctx.psql(f"INSERT INTO ir_cron_trigger (cron_id, call_at) VALUES ({cron_id}, now() AT TIME ZONE 'UTC')", db)
        ctx.psql(f"NOTIFY cron_trigger, '{db}'")  # what ir.cron._trigger() does
        expected = len(counts) + 1
        wait_for(lambda expected=expected: runs() >= expected, 90)
        time.sleep(3)  # a second run would show by now
        counts.append(runs())
    check(results, "a triggered scheduled action runs exactly once per trigger", counts == [1, 2, 3], f"runs {counts}")
    pattern = re.compile(rf"^\S+ \S+ (\d+) INFO \S+ odoo\.addons\.base\.models\.ir_cron: Job .* \({cron_id}\) done")
    pids = {}
    for name, node in (("A", node_a), ("B", node_b)):
        lines = node.log.read_text(encoding="utf-8", errors="replace").splitlines()
        pids[name] = [match[1] for match in map(pattern.match, lines) if match]
    check(
        results,
        "scheduled actions run on node A only",
        len(pids["A"]) == TRIGGERS and not pids["B"],
        f"node A cron processes {sorted(set(pids['A']))}, node B runs {len(pids['B'])}",
    )


def check_files_and_discuss(results, ctx, db, leader, node_a, node_b, proxy):
    """The leader uploads a file and posts on A; the specialist, connected to
    node B's websocket through nginx, receives the message and downloads the file."""
    import websocket  # noqa: PLC0415 - websocket-client, a test requirement

    channel_id = int(
        ctx.psql(
            "SELECT res_id FROM ir_model_data WHERE module = 'moffice_documents' AND name = 'channel_announcements'", db
        )
    )
    data = os.urandom(3 * 1024 * 1024 + 17)
    attachment_id = upload(leader, node_a, channel_id, "bao-cao-quy.bin", data)
    downloaded = leader.session.get(f"{node_b.url}/web/content/{attachment_id}?download=true", timeout=60).content
    check(results, "a file uploaded through node A downloads through node B, same bytes", downloaded == data)

    specialist = ProxyRpc(proxy.url, db, "cv.nam", PASSWORD, proxy.ca)
    last = int(ctx.psql("SELECT coalesce(max(id), 0) FROM bus_bus", db))
    connection = websocket.create_connection(
        f"wss://127.0.0.1:{proxy.https_port}/websocket",
        cookie=f"session_id={specialist.session.cookies['session_id']}",
        origin=proxy.url,
        sslopt={"ca_certs": proxy.ca, "cert_reqs": ssl.CERT_REQUIRED},
        timeout=5,
    )
    try:
        connection.send(json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": last}}))
        token = f"multi-node {os.getpid()} {time.time()}"
        leader.call(
            "/mail/message/post",
            {
                "thread_model": "discuss.channel",
                "thread_id": channel_id,
                "post_data": {
                    "body": token,
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                    "attachment_ids": [attachment_id],
                },
            },
        )
        posted = time.monotonic()
        received = None
        while received is None and time.monotonic() - posted < 10:
            try:
                frame = connection.recv()
            except websocket.WebSocketTimeoutException:
                continue
            for notification in json.loads(frame):
                if token in json.dumps(notification["message"]["payload"]):
                    received = (time.monotonic() - posted, notification["message"]["type"])
    finally:
        connection.close()
    check(
        results,
        "a Discuss message posted on node A reaches a user connected to node B (websocket through nginx)",
        received is not None,
        f"{received[1]} after {received[0]:.2f} s" if received else "not within 10 s",
    )
    through_proxy = specialist.session.get(
        f"{proxy.url}/web/content/{attachment_id}?download=true", verify=proxy.ca, timeout=60
    )
    check(results, "the channel member downloads the posted file through nginx", through_proxy.content == data)


def run(ctx):
    if not NGINX:
        print("[multi_node] nginx is not installed (Debian package nginx): skipped")
        return None
    db = ctx.clone_db(f"{ctx.db}_nodes")
    # Only the test's scheduled action runs: the demo's would compete for the
    # cron workers (and mail, back up, read scans) during the test.
    ctx.psql("UPDATE ir_cron SET active = false", db)
    results = []
    node_a = OdooServer(ctx, db, workers=1, extra=["--proxy-mode", "--max-cron-threads=2"], name="node-a")
    node_b = OdooServer(ctx, db, workers=1, extra=["--proxy-mode", "--max-cron-threads=0"], name="node-b")
    # HTTP is shared between both nodes; the websocket is pinned to node B.
    upstream = (
        f"upstream moffice_http {{ server 127.0.0.1:{node_a.port}; server 127.0.0.1:{node_b.port}; }}\n"
        f"upstream moffice_websocket {{ server 127.0.0.1:{node_b.gevent_port}; }}\n"
    )
    try:
        with node_a, node_b, Nginx(upstream) as proxy:
            health = requests.get(f"{proxy.url}/web/health?db_server_status=1", verify=proxy.ca, timeout=30)
            check(results, "nginx serves Odoo's health check over HTTPS", health.json().get("db_server_status") is True)
            redirect = requests.get(f"http://127.0.0.1:{proxy.http_port}/odoo", allow_redirects=False, timeout=30)
            check(
                results,
                "plain HTTP is redirected to HTTPS",
                redirect.status_code == 301 and redirect.headers["Location"].startswith("https://"),
            )
            check_proxy(results, proxy)
            leader = check_sessions(results, db, node_a, node_b)
            check_files_and_discuss(results, ctx, db, leader, node_a, node_b, proxy)
            check_cron(results, ctx, db, JsonRpc(node_a.url, db, "admin", "admin"), node_a, node_b)
            leader.session.get(f"{node_b.url}/web/session/logout", allow_redirects=False, timeout=30)
            try:
                leader.call("/web/session/get_session_info", {})
                ended = False
            except RpcError:
                ended = True
            check(results, "a session logged out on node B is over on node A", ended)
    finally:
        ctx.psql(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        shutil.rmtree(ctx.datadir / "filestore" / db, ignore_errors=True)
    return all(results)
