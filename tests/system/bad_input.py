"""Bad input against a real multi-worker server (docs/bad-input.md, F01 and
W01-W08 as a clerk of the demo department): a 200 MB upload is refused with
the clear 413 before its body is read, values of the wrong type are refused
with a clear error and nothing saved, and the workers still answer after."""

import http.client
import itertools
import select
import shutil
import socket

from system.harness import JsonRpc, OdooServer, RpcError

TITLE = "bad input on a 2-worker server: a 200 MB upload and wrong types refused, the workers still serving"
CLERK = ("vanthu.lan", "moffice")
UPLOAD = 200 * 1024 * 1024
BAD_VALUES = [
    {"summary": ["V/v", "báo cáo"]},
    {"page_count": "ba trang"},
    {"urgency": "rất gấp"},
    {"issuer_id": "UBND tỉnh"},
    {"date_document": 20261120},
    {"attachment_ids": "scan.pdf"},
    {"confidentiality": 3},
    {"date_document": "2026-02-30"},
]


def announce_upload(server, session_id):
    """Announce a 200 MB upload and stream it a megabyte at a time while the
    server has not answered: (status, body, bytes sent)."""
    boundary = "moffice-system-bad-input"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="ufile"; filename="scan-200MB.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    request = (
        "POST /web/binary/upload_attachment?model=moffice.document&id=0 HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{server.port}\r\nCookie: session_id={session_id}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
        f"Content-Length: {len(head) + UPLOAD + len(tail)}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=60) as connection:
        connection.sendall(request)
        chunks = itertools.chain([head], itertools.repeat(b"0" * (1024 * 1024), UPLOAD // (1024 * 1024)), [tail])
        sent = 0
        while not select.select([connection], [], [], 2 if sent == 0 else 0)[0]:
            chunk = next(chunks, None)
            if chunk is None:
                break
            connection.sendall(chunk)
            sent += len(chunk)
        response = http.client.HTTPResponse(connection)
        response.begin()
        return response.status, response.read().decode(errors="replace"), sent


def run(ctx):
    db = ctx.clone_db(f"{ctx.db}_bad_input")
    try:
        return check(ctx, db)
    finally:
        ctx.psql(f'DROP DATABASE IF EXISTS "{db}"')
        shutil.rmtree(ctx.datadir / "filestore" / db, ignore_errors=True)


def check(ctx, db):
    with OdooServer(ctx, db, workers=2, name="bad-input") as server:
        clerk = JsonRpc(server.url, db, *CLERK)
        before = clerk.call_kw("moffice.document", "search_count", [])
        status, body, sent = announce_upload(server, clerk.session.cookies.get("session_id"))
        upload_refused = status == 413 and "128" in body and sent < UPLOAD
        errors = []
        for values in BAD_VALUES:
            try:
                clerk.call_kw("moffice.document", "create", {"kind": "incoming", "summary": "Thử", **values})
            except RpcError as error:
                errors.append(error.data.get("name"))
        types_refused = errors == ["odoo.exceptions.ValidationError"] * len(BAD_VALUES)
        after = clerk.call_kw("moffice.document", "search_count", [])
        serving = server.process.poll() is None and JsonRpc(server.url, db, *CLERK).uid == clerk.uid
    print(
        f"[tests/run] 200 MB upload refused before reading ({status}, {sent} bytes sent): {upload_refused}; "
        f"wrong types refused: {types_refused} ({len(errors)}/{len(BAD_VALUES)}); nothing saved: {before == after}; "
        f"still serving: {serving}"
    )
    return upload_refused and types_refused and before == after and serving
