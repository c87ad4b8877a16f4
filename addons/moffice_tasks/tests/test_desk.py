from datetime import date, datetime

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from odoo.addons.moffice_documents.tests.common import DeskCommon

from .common import TaskCommon

TASK = "moffice.task"
ITEM = "moffice.schedule.item"


def _late(task):
    return (
        bool(task.date_deadline)
        and task.date_deadline < fields.Datetime.now()
        and task.state in ("assigned", "submitted")
    )


def _heads(task, user):
    return task.unit_id.manager_id.user_id == user


def _my_item(item, user, first, last):
    return item.state == "registered" and first <= item.date <= last and user in (item.chair_id | item.participant_ids)


TASK_MEANINGS = {
    "my_tasks": (TASK, lambda t, u: t.user_id == u and t.state == "assigned"),
    "my_tasks_late": (TASK, lambda t, u: t.user_id == u and _late(t)),
    "results_to_accept": (TASK, lambda t, u: t.giver_id == u and t.state == "submitted"),
    "extensions_to_decide": (
        TASK,
        lambda t, u: any(e.state == "requested" and e.leader_id == u for e in t.sudo().extension_ids),
    ),
    "tasks_late": (TASK, lambda t, u: _late(t)),
    "unit_tasks": (TASK, lambda t, u: _heads(t, u) and t.state in ("assigned", "submitted")),
    "unit_tasks_late": (TASK, lambda t, u: _heads(t, u) and _late(t)),
    "schedule_today": (ITEM, lambda i, u: _my_item(i, u, date(2026, 11, 25), date(2026, 11, 25))),
    "schedule_week": (ITEM, lambda i, u: _my_item(i, u, date(2026, 11, 23), date(2026, 11, 29))),
}


@tagged("post_install", "-at_install")
@freeze_time("2026-11-25 03:00:00")  # Wednesday 10:00 in Hà Nội
class TestTaskDesk(DeskCommon, TaskCommon):
    expected = TASK_MEANINGS

    def test_specialist_sees_his_tasks_late_and_locked_first(self):
        before = self.assertDeskTrue(self.other_specialist)
        with freeze_time("2026-11-20 03:00:00"):
            early = self._task(user_id=self.other_specialist.id, date_deadline=datetime(2026, 11, 24, 10, 0))
        later = self._task(user_id=self.other_specialist.id, date_deadline=datetime(2026, 11, 27, 10, 0))
        locked = self._task(user_id=self.other_specialist.id, date_deadline=datetime(2026, 11, 30, 10, 0))
        locked.sudo().write({"is_locked": True})
        self._task()  # someone else's
        after = self.assertDeskTrue(self.other_specialist)
        self.assertEqual(after["my_tasks"], before["my_tasks"] + 3)
        self.assertEqual(after["my_tasks_late"], before["my_tasks_late"] + 1)
        listed = [r["id"] for r in self._desk(self.other_specialist)["personal"]["my_tasks"]["records"]]
        self.assertEqual(listed[:3], [locked.id, early.id, later.id])

    def test_giver_accepts_results(self):
        before = self.assertDeskTrue(self.leader)
        task = self._task()
        task.with_user(self.specialist)._report("completion", "Đã xong")
        after = self.assertDeskTrue(self.leader)
        self.assertEqual(after["results_to_accept"], before["results_to_accept"] + 1)

    def test_leader_decides_extensions_asked_of_him(self):
        before = self.assertDeskTrue(self.leader)
        task = self._task()
        task.with_user(self.specialist)._ask_extension(self.leader.id, datetime(2026, 12, 5, 10, 0), "Đi công tác")
        after = self.assertDeskTrue(self.leader)
        self.assertEqual(after["extensions_to_decide"], before["extensions_to_decide"] + 1)
        task.extension_ids.with_user(self.leader).action_grant()
        self.assertEqual(self.assertDeskTrue(self.leader)["extensions_to_decide"], before["extensions_to_decide"])

    def test_unit_head_sees_the_unit_open_and_late(self):
        before = self.assertDeskTrue(self.specialist)
        with freeze_time("2026-11-20 03:00:00"):
            self._task(
                user_id=self.other_specialist.id,
                department_id=self.unit.id,
                date_deadline=datetime(2026, 11, 24, 10, 0),
            )
        after = self.assertDeskTrue(self.specialist)
        self.assertEqual(after["unit_tasks"], before["unit_tasks"] + 1)
        self.assertEqual(after["unit_tasks_late"], before["unit_tasks_late"] + 1)
        self.assertFalse({"unit_tasks", "unit_tasks_late"} & set(self._counts(self.other_specialist)))

    def test_leader_schedule_of_today_and_the_week(self):
        before = self.assertDeskTrue(self.leader)
        values = {"time_start": 8.0, "time_end": 10.0, "department_id": self.unit.id, "chair_id": self.leader.id}
        items = self.env[ITEM].with_user(self.clerk)
        today = items.create({"name": "Giao ban", "date": "2026-11-25", **values})
        friday = items.create({"name": "Họp hội đồng", "date": "2026-11-27", **values})
        next_week = items.create({"name": "Làm việc với UBND", "date": "2026-12-02", **values})
        (today | friday | next_week).action_register()
        after = self.assertDeskTrue(self.leader)
        self.assertEqual(after["schedule_today"], before["schedule_today"] + 1)
        self.assertEqual(after["schedule_week"], before["schedule_week"] + 2)
