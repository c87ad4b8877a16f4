from datetime import timedelta

from odoo import _lt, api, fields, models

from odoo.addons.moffice_documents.models.moffice_desk import PERSONAL, UNIT_HEAD, Counter
from odoo.addons.moffice_documents.models.roles import LEADER

from .moffice_task import OPEN_STATES

TASKS = "moffice_tasks.action_moffice_task_to_process"
TRACKING = "moffice_tasks.action_moffice_task_tracking"
SCHEDULE = "moffice_tasks.action_moffice_schedule_item"


def _today(desk):
    return fields.Date.context_today(desk)


def _my_items(desk, first, last):
    return [
        ("state", "=", "registered"),
        ("date", ">=", first),
        ("date", "<=", last),
        "|",
        ("chair_id", "=", desk.env.uid),
        ("participant_ids", "in", desk.env.uid),
    ]


def _this_week(desk):
    today = _today(desk)
    monday = today - timedelta(days=today.weekday())
    return _my_items(desk, monday, monday + timedelta(days=6))


class MofficeDesk(models.AbstractModel):
    _inherit = "moffice.desk"

    @api.model
    def _desk_counters(self):
        return [
            *super()._desk_counters(),
            Counter(
                "my_tasks",
                PERSONAL,
                _lt("My tasks in progress"),
                "moffice.task",
                lambda desk: [("user_id", "=", desk.env.uid), ("state", "=", "assigned")],
                TASKS,
                sequence=5,
                preview=5,
                order="is_locked desc, date_deadline, id",
                date_field="date_deadline",
            ),
            Counter(
                "my_tasks_late",
                PERSONAL,
                _lt("My late tasks"),
                "moffice.task",
                lambda desk: [("user_id", "=", desk.env.uid), ("is_late", "=", True)],
                TASKS,
                sequence=6,
                late=True,
            ),
            Counter(
                "results_to_accept",
                PERSONAL,
                _lt("Results to accept (tasks I gave)"),
                "moffice.task",
                lambda desk: [("giver_id", "=", desk.env.uid), ("state", "=", "submitted")],
                TRACKING,
                sequence=15,
            ),
            Counter(
                "extensions_to_decide",
                LEADER,
                _lt("Extensions to decide"),
                "moffice.task",
                lambda desk: [
                    ("extension_ids", "any", [("state", "=", "requested"), ("leader_id", "=", desk.env.uid)])
                ],
                TRACKING,
                sequence=30,
            ),
            Counter(
                "tasks_late",
                LEADER,
                _lt("Late tasks"),
                "moffice.task",
                lambda desk: [("is_late", "=", True)],
                TRACKING,
                sequence=40,
                late=True,
            ),
            Counter(
                "schedule_today",
                LEADER,
                _lt("My schedule today"),
                "moffice.schedule.item",
                lambda desk: _my_items(desk, _today(desk), _today(desk)),
                SCHEDULE,
                sequence=80,
                preview=5,
                order="date, time_start, id",
            ),
            Counter(
                "schedule_week",
                LEADER,
                _lt("My schedule this week"),
                "moffice.schedule.item",
                _this_week,
                SCHEDULE,
                sequence=90,
            ),
            Counter(
                "unit_tasks",
                UNIT_HEAD,
                _lt("My unit's open tasks"),
                "moffice.task",
                lambda desk: [("unit_id", "in", desk._desk_units().ids), ("state", "in", OPEN_STATES)],
                TRACKING,
                sequence=30,
            ),
            Counter(
                "unit_tasks_late",
                UNIT_HEAD,
                _lt("My unit's late tasks"),
                "moffice.task",
                lambda desk: [("unit_id", "in", desk._desk_units().ids), ("is_late", "=", True)],
                TRACKING,
                sequence=40,
                late=True,
            ),
        ]
