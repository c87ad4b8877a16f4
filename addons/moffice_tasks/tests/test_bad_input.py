"""Bad input to tasks over HTTP, as the roles send it (docs/bad-input.md)."""

import unicodedata
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.moffice_documents.tests.bad_input import (
    DATE_ERROR,
    EMPTY_ERROR,
    NOT_NOW,
    SCRIPT,
    TYPE_ERROR,
    BadInputCommon,
)

LOCKED = (
    "The deadline of %(task)s has passed: the task is locked and cannot be processed. "
    "Ask a leader for an extension (button Ask for an extension) to continue."
)


@tagged("post_install", "-at_install")
class TestTaskBadInput(BadInputCommon):
    """Every case of docs/bad-input.md about tasks."""

    def _values(self, **values):
        deadline = fields.Datetime.now() + timedelta(days=7)
        return {
            "name": "Tham mưu báo cáo",
            "user_id": self.specialist.id,
            "date_deadline": fields.Datetime.to_string(deadline),
            **values,
        }

    def _task(self, **values):
        return self.env["moffice.task"].with_user(self.leader).create(self._values(**values))

    def _create(self, values):
        return self.rpc(self.leader, "moffice.task", "create", values)

    def _refused_creation(self, values, source, error="odoo.exceptions.ValidationError"):
        before = self.snapshot()
        self.assertRefused(self._create(values), source, error, module="moffice_documents")
        self.assertEqual(self.snapshot(), before)

    def _wizard(self, user, task, action, **values):
        """A step's dialog as a tab opens it: the wizard's id."""
        wizard_id, failure = self.rpc(
            user, "moffice.task.action", "create", {"task_ids": [(6, 0, task.ids)], "action": action, **values}
        )
        self.assertIsNone(failure)
        return wizard_id

    def _confirm(self, user, wizard_id):
        return self.rpc(user, "moffice.task.action", "action_confirm", [wizard_id])

    def test_task_values(self):
        """Wrong types, empty and decomposed names, impossible deadlines."""
        cases = {
            "W12": ({"user_id": "cv.nam"}, TYPE_ERROR),
            "W13": ({"priority": "9"}, TYPE_ERROR),
            "L11": ({"name": "\u200b\u200b"}, EMPTY_ERROR),
            "D09": ({"date_deadline": "2999-12-31 10:00:00"}, DATE_ERROR),
            "D10": ({"date_deadline": "2026-13-01 10:00:00"}, TYPE_ERROR),
        }
        for case, (values, source) in cases.items():
            with self.subTest(case=case):
                self._refused_creation(self._values(**values), source)
        with self.subTest(case="U08"):
            name = "Thẩm định hồ sơ đề tài cấp tỉnh"
            task_id, failure = self._create(self._values(name=unicodedata.normalize("NFD", name)))
            self.assertIsNone(failure)
            self.assertEqual(self.env["moffice.task"].browse(task_id).name, name)
            found, failure = self.rpc(
                self.leader,
                "moffice.task",
                "search",
                [("name", "ilike", unicodedata.normalize("NFD", "hồ sơ đề tài cấp tỉnh"))],
            )
            self.assertIsNone(failure)
            self.assertIn(task_id, found)
            self.assertEqual(
                found, self.env["moffice.task"].with_user(self.leader).search([("name", "ilike", name[10:])]).ids
            )

    def test_past_deadline_locks_the_task(self):
        """D11: a task given with a deadline already past is the regulation's
        overdue task (Art. 6.2): created, and locked for its assignee until a
        leader extends it."""
        yesterday = fields.Datetime.to_string(fields.Datetime.now() - timedelta(days=1))
        task_id, failure = self._create(self._values(date_deadline=yesterday))
        self.assertIsNone(failure)
        task = self.env["moffice.task"].browse(task_id)
        before = self.snapshot()
        self.assertRefused(
            self.rpc(self.specialist, "moffice.task", "action_open_progress", [task_id]),
            LOCKED,
            "odoo.exceptions.UserError",
            module="moffice_tasks",
        )
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(task.state, "assigned")

    def test_rescheduling(self):
        """A new deadline in the past or centuries ahead is refused; the deadline stays."""
        cases = {
            "D12": (
                fields.Datetime.now() - timedelta(hours=1),
                "The new deadline must be in the future.",
                "moffice_tasks",
            ),
            "D13": (fields.Datetime.now() + timedelta(days=365 * 80), DATE_ERROR, "moffice_documents"),
        }
        for case, (deadline, source, module) in cases.items():
            with self.subTest(case=case):
                task = self._task()
                wizard_id = self._wizard(self.leader, task, "reschedule", date=fields.Datetime.to_string(deadline))
                before = self.snapshot()
                self.assertRefused(self._confirm(self.leader, wizard_id), source, module=module)
                self.assertEqual(self.snapshot(), before)

    def test_script_in_tasks(self):
        """What people type in a task is shown as text in its e-mails, never run."""
        with self.subTest(case="H07"):
            task_id, failure = self._create(self._values(name=f"Báo cáo {SCRIPT}"))
            self.assertIsNone(failure)
            template = self.env.ref("moffice_tasks.mail_template_task_reminder")
            body = template._render_field("body_html", [task_id])[task_id]
            self.assertNotIn("<script", str(body))
            self.assertIn("&lt;script&gt;", str(body))
        with self.subTest(case="H08"):
            task_id, failure = self._create(
                self._values(description=f"<p>Yêu cầu</p>{SCRIPT}<a href='javascript:alert(1)'>xem</a>")
            )
            self.assertIsNone(failure)
            description = str(self.env["moffice.task"].browse(task_id).description)
            self.assertIn("Yêu cầu", description)
            self.assertNotIn("<script", description)
            self.assertNotIn("javascript:", description)

    def test_sql_like_task_search(self):
        """S07: SQL in the task search is text to look for."""
        self._task()
        count = self.env["moffice.task"].sudo().search_count([])
        done = self.env["moffice.task"].sudo().search_count([("state", "=", "done")])
        found, failure = self.rpc(
            self.specialist, "moffice.task", "name_search", "x' OR 1=1; UPDATE moffice_task SET state='done'; --"
        )
        self.assertIsNone(failure)
        self.assertEqual(found, [])
        self.assertEqual(self.env["moffice.task"].sudo().search_count([("state", "=", "done")]), done)
        self.assertEqual(self.env["moffice.task"].sudo().search_count([]), count)

    def test_double_submissions(self):
        """The second of two identical actions from two tabs is refused; one took effect."""
        task = self._task()
        with self.subTest(case="R08"):
            tabs = [self._wizard(self.specialist, task, "completion", text=f"Xong lần {tab}") for tab in (1, 2)]
            _result, failure = self._confirm(self.specialist, tabs[0])
            self.assertIsNone(failure)
            before = self.snapshot()
            self.assertRefused(self._confirm(self.specialist, tabs[1]), NOT_NOW)
            self.assertEqual(self.snapshot(), before)
            self.assertEqual(len(task.feedback_ids.filtered(lambda line: line.kind == "completion")), 1)
        with self.subTest(case="R09"):
            _result, failure = self.rpc(self.leader, "moffice.task", "action_accept", [task.id])
            self.assertIsNone(failure)
            before = self.snapshot()
            self.assertRefused(self.rpc(self.second_leader, "moffice.task", "action_accept", [task.id]), NOT_NOW)
            self.assertEqual(self.snapshot(), before)
            self.assertEqual(task.state, "done")
        with self.subTest(case="R10"):
            other = self._task(name="Việc thứ hai")
            proposal = fields.Datetime.to_string(fields.Datetime.now() + timedelta(days=14))
            tabs = [
                self._wizard(
                    self.specialist, other, "extension", leader_id=self.leader.id, date=proposal, text="Chờ số liệu"
                )
                for _tab in (1, 2)
            ]
            _result, failure = self._confirm(self.specialist, tabs[0])
            self.assertIsNone(failure)
            before = self.snapshot()
            self.assertRefused(
                self._confirm(self.specialist, tabs[1]),
                "An extension of %(task)s is already waiting for a decision.",
                "odoo.exceptions.UserError",
                module="moffice_tasks",
            )
            self.assertEqual(self.snapshot(), before)
            self.assertEqual(len(other.extension_ids), 1)

    def test_stale_tasks(self):
        """An action on a task another user just changed is refused with what changed."""
        with self.subTest(case="X06"):
            task = self._task()
            wizard_id = self._wizard(self.specialist, task, "progress", text="Đã làm 50%")
            task.with_user(self.leader).action_cancel()
            before = self.snapshot()
            self.assertRefused(self._confirm(self.specialist, wizard_id), NOT_NOW)
            self.assertEqual(self.snapshot(), before)
        with self.subTest(case="X07"):
            task = self._task(name="Việc đã giao lại")
            later = fields.Datetime.to_string(fields.Datetime.now() + timedelta(days=10))
            wizard_id = self._wizard(self.leader, task, "reschedule", date=later)
            task.with_user(self.second_leader).action_cancel()
            before = self.snapshot()
            self.assertRefused(self._confirm(self.leader, wizard_id), NOT_NOW)
            self.assertEqual(self.snapshot(), before)
