from datetime import date, datetime

from odoo import fields
from odoo.tests import tagged

from odoo.addons.moffice_documents.tests.flow_attack import FlowAttackMixin, FlowRecordsKeptMixin
from odoo.addons.moffice_tasks.models.moffice_task import LOG_EVENTS

from .common import TaskCommon

DEADLINE = datetime(2030, 12, 2, 10, 0)
LATER = datetime(2031, 1, 5, 10, 0)
MONDAY = date(2030, 12, 2)


class TaskFlowCommon(TaskCommon):
    deadline = DEADLINE

    def _unassigned(self):
        return self._task(user_id=False)

    def _pending_extension(self, task):
        """A request waiting for a leader, made by the assignee (setting the scene)."""
        task = task.sudo()
        if not task.extension_ids.filtered(lambda extension: extension.state == "requested"):
            task.with_user(self.specialist)._ask_extension(self.leader.id, LATER, "Đi công tác.")
        return task.extension_ids.filtered(lambda extension: extension.state == "requested")

    def task_calls(self):
        def assign(task):
            task.write({"user_id": self.specialist.id})
            task.action_assign()

        def extend(task):
            extension = self._pending_extension(task)
            extension.with_user(task.env.user).action_grant()

        def refuse(task):
            extension = self._pending_extension(task)
            extension.with_user(task.env.user).write({"answer": "Không đủ lý do."})
            extension.with_user(task.env.user).action_refuse()

        return {
            "assign": assign,
            "forward": lambda task: task._forward(self.other_specialist.id, "Nhờ xử lý giúp."),
            "report": lambda task: task._report("progress", "Đã làm một nửa."),
            "complete": lambda task: task._report("completion", "Đã xong."),
            "accept": lambda task: task._review(True),
            "send_back": lambda task: task._review(False, "Bổ sung số liệu."),
            "reschedule": lambda task: task._reschedule(LATER, "Lùi hạn."),
            "lock": lambda task: task._flow_step("lock", {"is_locked": True, "date_locked": fields.Datetime.now()}),
            "ask_extension": lambda task: task._ask_extension(self.leader.id, LATER, "Đi công tác."),
            "extend": extend,
            "refuse_extension": refuse,
            "cancel": lambda task: task.action_cancel(),
        }


@tagged("post_install", "-at_install")
class TestTaskFlowIntegrity(FlowAttackMixin, FlowRecordsKeptMixin, TaskFlowCommon):
    """Tasks: state, assignees, deadline, lock and log change only by steps."""

    flow_model = "moffice.task"

    def flow_create_values(self, kind):
        return {"name": "Việc mới", "date_deadline": DEADLINE}

    def flow_new(self, kind):
        return self._unassigned()

    def flow_relation_user(self, record, relation):
        if relation == "giver":
            return record.giver_id
        if relation == "assignee":
            return record.user_id or record.department_id.manager_id.user_id
        return None

    def flow_calls(self):
        return self.task_calls()

    def test_every_step_is_logged(self):
        """Whoever takes a step, the task log records it, with its own event."""
        calls = self.task_calls()
        path = (
            "assign",
            "forward",
            "report",
            "reschedule",
            "ask_extension",
            "extend",
            "ask_extension",
            "refuse_extension",
            "complete",
            "send_back",
            "complete",
            "accept",
        )
        for names in (path, ("assign", "lock", "cancel")):
            task = self._unassigned()
            for name in names:
                before = task.log_ids
                step = task._flow_find(name)
                actor = self._actor(task, step) if step.who else self.env.user
                calls[name](task.with_user(actor))
                task.invalidate_recordset()
                self.assertEqual((task.log_ids - before).mapped("event"), [LOG_EVENTS[name]], name)


@tagged("post_install", "-at_install")
class TestExtensionFlowIntegrity(FlowAttackMixin, FlowRecordsKeptMixin, TaskFlowCommon):
    """Extensions: asked by the assignee's step, decided by a leader."""

    flow_model = "moffice.task.extension"

    def flow_create_values(self, kind):
        return {
            "task_id": self._task().id,
            "leader_id": self.leader.id,
            "date_proposed": LATER,
            "reason": "Đi công tác.",
        }

    def flow_new(self, kind):
        return self._pending_extension(self._task())

    def flow_relation_user(self, record, relation):
        return None

    def flow_calls(self):
        def refuse(extension):
            extension.write({"answer": "Không đủ lý do."})
            extension.action_refuse()

        return {"grant": lambda extension: extension.action_grant(), "refuse": refuse}


@tagged("post_install", "-at_install")
class TestFeedbackFlowIntegrity(FlowAttackMixin, FlowRecordsKeptMixin, TaskFlowCommon):
    """Reports: made by the assignee's steps, accepted or sent back by the giver."""

    flow_model = "moffice.task.feedback"

    def flow_create_values(self, kind):
        return {"task_id": self._task().id, "kind": "completion", "body": "Đã xong."}

    def flow_new(self, kind):
        task = self._task()
        task.with_user(self.specialist)._report("completion", "Đã xong.")
        return task.feedback_ids

    def flow_relation_user(self, record, relation):
        return record.task_id.giver_id if relation == "giver" else None

    def flow_calls(self):
        return {
            "accept": lambda feedback: feedback.task_id._review(True),
            "send_back": lambda feedback: feedback.task_id._review(False, "Bổ sung."),
        }


@tagged("post_install", "-at_install")
class TestWeekFlowIntegrity(FlowAttackMixin, FlowRecordsKeptMixin, TaskFlowCommon):
    """The department's week: compiled by the Office, approved by a leader, published by the clerk."""

    flow_model = "moffice.schedule.week"

    def flow_create_values(self, kind):
        self.weeks = getattr(self, "weeks", 0) + 1
        return {"date_start": date.fromordinal(MONDAY.toordinal() + 7 * self.weeks), "approver_id": self.leader.id}

    def flow_new(self, kind):
        values = self.flow_create_values(kind)
        self.env["moffice.schedule.item"].with_user(self.specialist).create(
            {
                "name": "Họp giao ban",
                "date": values["date_start"],
                "department_id": self.unit.id,
            }
        ).action_register()
        return self.env["moffice.schedule.week"].with_user(self.clerk).create(values)

    def flow_relation_user(self, record, relation):
        return None

    def flow_calls(self):
        def submit(week):
            week.action_compile()
            week.action_submit()

        return {
            "compile": lambda week: week.action_compile(),
            "submit": submit,
            "approve": lambda week: week.action_approve(),
            "send_back": lambda week: week.action_send_back(),
            "publish": lambda week: week.action_publish(),
            "reopen": lambda week: week.action_reopen(),
        }


@tagged("post_install", "-at_install")
class TestScheduleItemFlowIntegrity(FlowAttackMixin, TaskFlowCommon):
    """Items of a schedule: registered by their unit, then changed by the Office only."""

    flow_model = "moffice.schedule.item"

    def flow_create_values(self, kind):
        return {"name": "Làm việc với đoàn kiểm tra", "date": MONDAY, "department_id": self.unit.id}

    def flow_new(self, kind):
        return self.env["moffice.schedule.item"].with_user(self.other_specialist).create(self.flow_create_values(kind))

    def flow_relation_user(self, record, relation):
        if relation == "author":
            return record.create_uid
        return record.department_id.manager_id.user_id if relation == "unit_head" else None

    def flow_calls(self):
        return {"register": lambda item: item.action_register()}
