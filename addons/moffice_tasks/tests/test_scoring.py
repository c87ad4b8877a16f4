import io
import random
from collections import Counter
from datetime import date, datetime, timedelta

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.moffice_documents.tests.common import MofficeDocumentCommon

DECEMBER = date(2026, 12, 1)


@tagged("post_install", "-at_install")
class TestScoring(MofficeDocumentCommon):
    """Staff scoring over a month of work done through the real flows,
    compared with figures counted independently from the plan of the month."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        specialist_job = cls.env["hr.job"].create({"name": "Chuyên viên thử nghiệm"})
        cls.driver_job = cls.env["hr.job"].create({"name": "Lái xe thử nghiệm"})
        cls.driver = new_test_user(
            cls.env, login="moffice_test_driver", groups="moffice_documents.group_moffice_specialist"
        )
        cls.unit.manager_id.job_id = specialist_job
        cls.env["hr.employee"].create(
            [
                {
                    "name": "Chuyên viên 2",
                    "user_id": cls.other_specialist.id,
                    "department_id": cls.unit.id,
                    "job_id": specialist_job.id,
                },
                {"name": "Lái xe", "user_id": cls.driver.id, "department_id": cls.unit.id, "job_id": cls.driver_job.id},
            ]
        )
        cls.env.company.write(
            {
                "moffice_overdue_threshold": 3,
                "moffice_exempt_job_ids": [(6, 0, cls.driver_job.ids)],
                "moffice_points_on_time": 1.0,
                "moffice_points_late": 0.0,
                "moffice_points_overdue": 2.0,
            }
        )
        # The plan of December: what happens to each task of each person.
        cls.plan = {
            cls.specialist: ["on_time"] * 5 + ["late"] * 2 + ["overdue"] * 2 + ["extended"],
            cls.other_specialist: ["on_time"] * 3 + ["overdue"] * 3,
            cls.driver: ["on_time"] + ["overdue"] * 5,
        }
        cls.tasks = {}
        rng = random.Random(2026)
        for user, kinds in cls.plan.items():
            kinds = list(kinds)
            rng.shuffle(kinds)
            cls.tasks[user] = [cls._run_task(user, kind, day) for day, kind in enumerate(kinds, start=1)]

    @classmethod
    def _run_task(cls, user, kind, day):
        """One task of ``user`` created on ``day`` of December, due two days
        later at 17:00 local time, and processed as ``kind`` says."""
        start = datetime(2026, 12, day, 1, 0)
        deadline = datetime(2026, 12, day + 2, 10, 0)
        with freeze_time(start):
            task = (
                cls.env["moffice.task"]
                .with_user(cls.leader)
                .create({"name": f"Việc {kind} {day}", "user_id": user.id, "date_deadline": deadline})
            )
        if kind == "extended":  # an extension asked before the deadline (a business trip)
            with freeze_time(start + timedelta(hours=2)):
                task.with_user(user)._ask_extension(cls.leader.id, deadline + timedelta(days=3), "Đi công tác")
                task.extension_ids.with_user(cls.leader).action_grant()
        if kind in ("overdue", "late"):
            with freeze_time(deadline + timedelta(hours=1)):
                cls.env["moffice.task"]._cron_lock_overdue()
        if kind == "late":
            with freeze_time(deadline + timedelta(hours=2)):
                task.with_user(user)._ask_extension(cls.leader.id, deadline + timedelta(days=2), "Bổ sung số liệu")
                task.extension_ids.with_user(cls.leader).action_grant()
        if kind in ("on_time", "late", "extended"):
            when = start + timedelta(hours=5) if kind == "on_time" else deadline + timedelta(days=1)
            with freeze_time(when):
                task.with_user(user)._report("completion", "Đã hoàn thành")
                task.with_user(cls.leader)._review(True)
        return task

    def _expected(self, user):
        """The figures of ``user`` for December, from the plan alone."""
        kinds = Counter(self.plan[user])
        company = self.env.company
        exempt = user == self.driver
        figures = {
            "on_time_count": kinds["on_time"] + kinds["extended"],
            "late_count": kinds["late"],
            "overdue_count": kinds["overdue"] + kinds["late"],
            "extension_count": kinds["late"] + kinds["extended"],
        }
        figures["is_exempt"] = exempt
        figures["is_flagged"] = not exempt and figures["overdue_count"] > company.moffice_overdue_threshold
        figures["points"] = (
            0.0
            if exempt
            else (
                figures["on_time_count"] * company.moffice_points_on_time
                + figures["late_count"] * company.moffice_points_late
                - figures["overdue_count"] * company.moffice_points_overdue
            )
        )
        return figures

    def _score(self, user, as_user=None):
        # The view is read afresh, as each request of the web client does.
        self.env["moffice.task.score"].invalidate_model()
        return (
            self.env["moffice.task.score"]
            .with_user(as_user or self.leader)
            .search([("user_id", "=", user.id), ("month", "=", DECEMBER)])
        )

    def _figures(self, score):
        return {name: score[name] for name in self._expected(self.specialist)}

    def test_figures_match_the_month_of_work(self):
        for user in self.plan:
            score = self._score(user)
            self.assertEqual(len(score), 1, user.login)
            self.assertEqual(self._figures(score), self._expected(user), user.login)
        self.assertEqual(self._score(self.specialist).department_id, self.unit)

    def test_the_flag_is_above_the_threshold_and_exempt_staff_are_never_flagged(self):
        # 4 overdue (2 left undone, 2 done late) and 3 overdue: only the first is flagged at 3.
        self.assertTrue(self._score(self.specialist).is_flagged)
        self.assertFalse(self._score(self.other_specialist).is_flagged)
        self.assertFalse(self._score(self.driver).is_flagged)
        self.assertEqual(self._score(self.driver).overdue_count, 5)
        self.env.company.moffice_overdue_threshold = 2
        self.assertTrue(self._score(self.other_specialist).is_flagged)
        self.env.company.moffice_exempt_job_ids = [(5,)]
        self.assertTrue(self._score(self.driver).is_flagged)

    def test_points_follow_the_rules_of_the_agency(self):
        self.assertEqual(self._score(self.specialist).points, 6 * 1.0 - 4 * 2.0)
        self.env.company.write(
            {"moffice_points_on_time": 2.0, "moffice_points_late": -0.5, "moffice_points_overdue": 1.0}
        )
        for user in self.plan:
            self.assertEqual(self._figures(self._score(user)), self._expected(user), user.login)
        # The quarter (October–December) sums its months.
        quarter = self.env["moffice.task.score"].read_group(
            [("user_id", "=", self.specialist.id)], ["points:sum"], ["month:quarter"]
        )
        self.assertEqual(quarter[0]["points"], self._expected(self.specialist)["points"])

    def test_every_figure_is_traceable_to_the_task_log(self):
        score = self._score(self.specialist)
        action = score.with_user(self.leader).action_open_log()
        entries = self.env["moffice.task.log"].search(action["domain"])
        self.assertEqual(entries.task_id, self.env["moffice.task"].concat(*self.tasks[self.specialist]))
        events = Counter(entries.mapped("event"))
        self.assertEqual(events["locked"], score.overdue_count)
        self.assertEqual(events["extension_granted"], score.extension_count)
        self.assertEqual(events["accepted"], score.on_time_count + score.late_count)

    def test_events_count_for_who_was_responsible_then(self):
        """A task locked with one person, then extended and forwarded to
        another: the lock and the extension stay the first person's, the
        late completion is the second's."""
        first_before = self._figures(self._score(self.specialist))
        second_before = self._figures(self._score(self.other_specialist))
        start, deadline = datetime(2026, 12, 20, 1, 0), datetime(2026, 12, 21, 10, 0)
        with freeze_time(start):
            task = (
                self.env["moffice.task"]
                .with_user(self.leader)
                .create({"name": "Việc chuyển tiếp", "user_id": self.specialist.id, "date_deadline": deadline})
            )
        with freeze_time(deadline + timedelta(hours=1)):
            self.env["moffice.task"]._cron_lock_overdue()
        with freeze_time(deadline + timedelta(hours=2)):
            task.with_user(self.specialist)._ask_extension(self.leader.id, deadline + timedelta(days=3), "Chờ số liệu")
            task.extension_ids.with_user(self.leader).action_grant()
            task.with_user(self.specialist)._forward(self.other_specialist.id, "Đồng chí tiếp tục xử lý")
        with freeze_time(deadline + timedelta(days=1)):
            task.with_user(self.other_specialist)._report("completion", "Đã hoàn thành")
            task.with_user(self.leader)._review(True)
        first, second = self._figures(self._score(self.specialist)), self._figures(self._score(self.other_specialist))
        self.assertEqual(first["overdue_count"], first_before["overdue_count"] + 1)
        self.assertEqual(first["extension_count"], first_before["extension_count"] + 1)
        self.assertEqual(first["late_count"], first_before["late_count"])
        self.assertEqual(second["late_count"], second_before["late_count"] + 1)
        self.assertEqual(second["overdue_count"], second_before["overdue_count"])
        self.assertEqual(second["extension_count"], second_before["extension_count"])

    def test_each_role_sees_the_figures_it_may(self):
        # A unit head sees the unit; a specialist only their own.
        self.assertTrue(self._score(self.other_specialist, as_user=self.specialist))
        self.assertTrue(self._score(self.other_specialist, as_user=self.other_specialist))
        self.assertFalse(self._score(self.specialist, as_user=self.other_specialist))
        self.assertFalse(self._score(self.specialist, as_user=self.clerk))
        with self.assertRaises(AccessError):
            self._score(self.specialist).with_user(self.other_specialist).read(["points"])

    def test_only_leaders_write_evaluations(self):
        values = {
            "user_id": self.other_specialist.id,
            "year": 2026,
            "quarter": "4",
            "rating": "good",
            "evaluation": "<p>Hoàn thành tốt nhiệm vụ</p>",
        }
        for user in (self.specialist, self.clerk, self.role_users["system_admin"]):
            with self.assertRaises(AccessError, msg=user.login):
                self.env["moffice.staff.evaluation"].with_user(user).create(values)
        evaluation = self.env["moffice.staff.evaluation"].with_user(self.leader).create(values)
        self.assertEqual(evaluation.evaluator_id, self.leader)
        self.assertEqual(evaluation.points, self._expected(self.other_specialist)["points"])
        self.assertEqual(evaluation.overdue_count, 3)
        own = evaluation.with_user(self.other_specialist)
        self.assertEqual(own.rating, "good")
        with self.assertRaises(AccessError):
            own.rating = "excellent"
        own.message_post(body="Tôi xin tiếp thu", message_type="comment")
        with self.assertRaises(AccessError):
            evaluation.with_user(self.driver).read(["rating"])

    def test_xlsx_export(self):
        scores = self.env["moffice.task.score"].search(
            [("month", "=", DECEMBER), ("user_id", "in", [u.id for u in self.plan])]
        )
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.leader)
            .with_context(lang="en_US")
            ._render("moffice_tasks.action_report_task_score_xlsx", scores.ids)
        )
        self.assertEqual(kind, "xlsx")
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        months = [[cell.value for cell in row] for row in workbook["Months"].iter_rows()]
        self.assertEqual(months[0][:4], ["Month", "Staff member", "Unit", "Done on time"])
        row = next(row for row in months if row[1] == self.specialist.name)
        expected = self._expected(self.specialist)
        self.assertEqual(
            row[3:8],
            [
                expected["on_time_count"],
                expected["late_count"],
                expected["overdue_count"],
                expected["extension_count"],
                expected["points"],
            ],
        )
        self.assertEqual(row[8], "Yes")
        quarters = [[cell.value for cell in row] for row in workbook["Quarters"].iter_rows()]
        self.assertIn(["4/2026", self.driver.name, self.unit.name, 1, 0, 5, 0, 0], quarters)
