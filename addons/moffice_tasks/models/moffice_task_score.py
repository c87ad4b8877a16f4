from odoo import _, fields, models, tools
from odoo.tools import SQL

# The counted events of the task log, each with the month it falls in (in
# the company's working-time zone) and the person it counts for: who was
# responsible for the task when it happened (its lead assignee, or the head
# of the unit it was given to).
EVENTS_QUERY = SQL("""
    SELECT l.id AS log_id, l.event, l.assignee_id AS user_id,
           date_trunc('month', (l.date AT TIME ZONE 'UTC') AT TIME ZONE COALESCE(cal.tz, 'UTC'))::date AS month,
           EXISTS (SELECT 1 FROM moffice_task_log k WHERE k.task_id = l.task_id AND k.event = 'locked')
               AS was_locked
      FROM moffice_task_log l
      JOIN moffice_task t ON t.id = l.task_id
      JOIN res_company c ON c.id = t.company_id
 LEFT JOIN resource_calendar cal ON cal.id = c.resource_calendar_id
     WHERE l.event IN ('accepted', 'locked', 'extension_granted')
""")


class MofficeTaskScore(models.Model):
    """Staff scoring (Article 7; matrix VIII.9), per person and month.

    Counted from the task log, so every figure is traceable to its entries:
    - done on time: tasks accepted in the month whose deadline never passed
      with the work undone (never locked);
    - done late: tasks accepted in the month that had been locked;
    - overdue: deadlines passed in the month with the work undone (locks);
    - extensions: extensions granted in the month.
    A person with more overdue tasks than the company's threshold is flagged,
    unless their job title is exempt. Emulation points follow the company's
    rules; a quarter's points are the sum of its months.
    """

    _name = "moffice.task.score"
    _description = "M-Office staff scoring"
    _auto = False
    _order = "month desc, user_id"
    _rec_name = "user_id"
    # What the view reads: flushed before it is queried.
    _depends = {
        "moffice.task.log": ["task_id", "event", "date", "assignee_id"],
        "moffice.task": ["company_id"],
        "res.company": [
            "resource_calendar_id",
            "moffice_overdue_threshold",
            "moffice_exempt_job_ids",
            "moffice_points_on_time",
            "moffice_points_late",
            "moffice_points_overdue",
        ],
        "resource.calendar": ["tz"],
        "hr.employee": ["user_id", "department_id", "job_id", "company_id", "active"],
        "res.users": ["company_id"],
    }

    user_id = fields.Many2one("res.users", string="Staff member", readonly=True)
    department_id = fields.Many2one("hr.department", string="Unit", readonly=True)
    job_id = fields.Many2one("hr.job", string="Job title", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    month = fields.Date(readonly=True)
    on_time_count = fields.Integer(string="Done on time", readonly=True, aggregator="sum")
    late_count = fields.Integer(string="Done late", readonly=True, aggregator="sum")
    overdue_count = fields.Integer(string="Overdue", readonly=True, aggregator="sum")
    extension_count = fields.Integer(string="Extensions", readonly=True, aggregator="sum")
    is_exempt = fields.Boolean(string="Exempt", readonly=True)
    is_flagged = fields.Boolean(string="Too many overdue", readonly=True)
    points = fields.Float(string="Emulation points", readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %s AS (
                WITH events AS (%s),
                counts AS (
                    SELECT user_id, month,
                           count(*) FILTER (WHERE event = 'accepted' AND NOT was_locked) AS on_time_count,
                           count(*) FILTER (WHERE event = 'accepted' AND was_locked) AS late_count,
                           count(*) FILTER (WHERE event = 'locked') AS overdue_count,
                           count(*) FILTER (WHERE event = 'extension_granted') AS extension_count
                      FROM events
                     WHERE user_id IS NOT NULL
                  GROUP BY user_id, month
                )
                SELECT s.user_id::bigint * 100000
                           + extract(year FROM s.month)::int * 12 + extract(month FROM s.month)::int AS id,
                       s.user_id, u.company_id, emp.department_id, emp.job_id, s.month,
                       s.on_time_count, s.late_count, s.overdue_count, s.extension_count,
                       ex.exempt AS is_exempt,
                       NOT ex.exempt AND s.overdue_count > c.moffice_overdue_threshold AS is_flagged,
                       CASE WHEN ex.exempt THEN 0
                            ELSE s.on_time_count * c.moffice_points_on_time + s.late_count * c.moffice_points_late
                                 - s.overdue_count * c.moffice_points_overdue END AS points
                  FROM counts s
                  JOIN res_users u ON u.id = s.user_id
                  JOIN res_company c ON c.id = u.company_id
             LEFT JOIN LATERAL (
                       SELECT e.department_id, e.job_id FROM hr_employee e
                        WHERE e.user_id = s.user_id AND e.company_id = u.company_id AND e.active
                     ORDER BY e.id LIMIT 1) emp ON TRUE
             CROSS JOIN LATERAL (
                       SELECT EXISTS (SELECT 1 FROM res_company_moffice_exempt_job_rel r
                                       WHERE r.company_id = c.id AND r.job_id = emp.job_id) AS exempt) ex
            )
        """,
                SQL.identifier(self._table),
                EVENTS_QUERY,
            )
        )

    def _log_ids(self):
        """The task log entries the figures of ``self`` count."""
        if not self:
            return []
        self.env.flush_all()
        keys = [(score.user_id.id, score.month) for score in self]
        self.env.cr.execute(
            SQL("SELECT log_id FROM (%s) events WHERE (user_id, month) IN %s", EVENTS_QUERY, tuple(keys))
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def action_open_log(self):
        """The task log entries behind these figures."""
        return {
            "type": "ir.actions.act_window",
            "name": _("Counted task log"),
            "res_model": "moffice.task.log",
            "view_mode": "list",
            "domain": [("id", "in", self._log_ids())],
            "context": {"group_by": ["event"]},
        }
