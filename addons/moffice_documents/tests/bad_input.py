"""Sending bad input over HTTP as the roles do, and checking the outcome.

Shared by the bad-input tests of the addons (docs/bad-input.md lists every
case): JSON-RPC calls as the web client makes them, uploads as its file
widgets make them, and the three things every refusal must show: a clear
message in the user's language, nothing half-saved, the server still
answering.
"""

import json
import re

from odoo import http
from odoo.tests import HttpCase
from odoo.tools.translate import code_translations

from .common import MofficeDocumentCommon

PASSWORD = "bad-input-pw"
SCRIPT = "<script>alert('xss')</script>"
# The messages the cases expect (English sources, read in Vietnamese).
TYPE_ERROR = (
    "%(field)s cannot take the value %(value)s: enter it as the form asks (text, a number, "
    "a date such as 2026-12-31, or an item of its list)."
)
MISSING = "%(field)s: the record %(value)s does not exist (any more). Reload the page and choose again."
DATE_ERROR = "%(field)s: %(date)s is not a date this office can use; give a date between %(first)s and %(last)s."
LENGTH_ERROR = (
    "%(field)s of %(document)s has %(length)s characters; the data standard of Decree "
    "30/2020 (Appendix VI) allows at most %(limit)s."
)
NUMBER_ERROR = (
    "%(field)s of %(document)s must be between 0 and %(limit)s (data standard of Decree 30/2020, Appendix VI)."
)
EMPTY_ERROR = "%(field)s cannot be empty."
NOT_NOW = "%(record)s: %(step)s is not possible in this state."
BY_HAND = (
    "%(record)s: you may not change %(fields)s by hand. It changes only through the steps of its "
    "flow (the buttons), taken by the people the regulation names."
)
PLACEHOLDER = re.compile(r"%\\\(\w+\\\)(?:02d|[sd])|%s")


def translated(source, module="moffice_documents", lang="vi_VN"):
    """A regular expression matching the message ``source`` (an English
    source string with named placeholders) as ``lang`` reads it: its
    translation when there is one, else the source itself."""
    text = code_translations.get_python_translations(module, lang).get(source, source)
    return re.compile(PLACEHOLDER.sub(lambda _match: ".*?", re.escape(text)), re.DOTALL)


def call_kw(case, model, method, *args, **kwargs):
    """``model.method(*args, **kwargs)`` through /web/dataset/call_kw, as the
    web client calls it in the session of the HttpCase ``case``:
    ``(result, None)`` or ``(None, {"name": …, "message": …})``."""
    response = case.url_open(
        f"/web/dataset/call_kw/{model}/{method}",
        data=json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
            }
        ),
        headers={"Content-Type": "application/json"},
        timeout=60,
    )
    case.assertEqual(response.status_code, 200)
    answer = response.json()
    if "error" in answer:
        return None, answer["error"]["data"]
    return answer["result"], None


class BadInputCommon(HttpCase, MofficeDocumentCommon):
    """Role users who work in Vietnamese and log in over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        for user in (*cls.role_users.values(), cls.other_specialist):
            user.write({"lang": "vi_VN", "password": PASSWORD, "tz": "Asia/Ho_Chi_Minh"})
        cls.second_leader = cls.env["res.users"].create(
            {
                "name": "Phó Giám đốc Thử nghiệm",
                "login": "bad_input_leader_2",
                "email": "pgd.thunghiem@example.com",
                "password": PASSWORD,
                "lang": "vi_VN",
                "groups_id": [(6, 0, cls.leader.groups_id.ids)],
            }
        )
        cls._logged_in = None

    # -- HTTP --------------------------------------------------------------------
    def _login(self, user):
        if self._logged_in != user:
            self.authenticate(user.login, PASSWORD)
            self._logged_in = user

    def rpc(self, user, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` as ``user`` (see ``call_kw``)."""
        self._login(user)
        return call_kw(self, model, method, *args, **kwargs)

    def upload(self, user, name, data, model="moffice.document", res_id=0):
        """A file as the form's file widget uploads it: the attachment's values."""
        self._login(user)
        response = self.url_open(
            "/web/binary/upload_attachment",
            data={"model": model, "id": res_id, "csrf_token": http.Request.csrf_token(self)},
            files={"ufile": (name, data, "application/octet-stream")},
            timeout=60,
        )
        self.assertEqual(response.status_code, 200)
        return response.json()[0]

    # -- outcomes ----------------------------------------------------------------
    def assertRefused(self, outcome, source, error="odoo.exceptions.", module="moffice_documents"):
        """A refusal of type ``error`` whose message is ``source`` as the
        user reads it (Vietnamese), and the server still answering."""
        result, failure = outcome
        self.assertIsNone(result, "the bad input was accepted")
        self.assertIsNotNone(failure)
        self.assertTrue(failure["name"].startswith(error), failure["name"])
        self.assertRegex(failure["message"], translated(source, module))
        self.assertHealthy()

    def assertHealthy(self):
        """A normal call right after still works."""
        count, failure = self.rpc(self.clerk, "moffice.document", "search_count", [])
        self.assertIsNone(failure)
        self.assertIsInstance(count, int)

    def snapshot(self):
        """What a refusal must leave as it was: the documents, their states and
        register entries, their files, the registers' next numbers, the tasks."""
        self.env.invalidate_all()
        documents = self.env["moffice.document"].sudo().with_context(active_test=False).search([], order="id")
        registers = self.env["moffice.register"].sudo().with_context(active_test=False).search([])
        tables = [
            (model, self.env[model].sudo().with_context(active_test=False).search_count([]))
            for model in ("ir.attachment", "mail.activity", "moffice.task")
            if model in self.env
        ]
        return (
            documents.mapped(lambda d: (d.id, d.state, d.summary, d.register_number, d.reference, d.date_deadline)),
            registers.mapped(lambda r: (r.id, r.next_number)),
            tables,
        )
