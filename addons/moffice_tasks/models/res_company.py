from odoo import fields, models


class ResCompany(models.Model):
    """Article 7 rules: how overdue work is judged and scored."""

    _inherit = "res.company"

    moffice_overdue_threshold = fields.Integer(
        string="Overdue tasks allowed a month",
        default=3,
        required=True,
        help="A person with more overdue tasks than this in a month is flagged (Article 7.1).",
    )
    moffice_exempt_job_ids = fields.Many2many(
        "hr.job",
        "res_company_moffice_exempt_job_rel",
        "company_id",
        "job_id",
        string="Exempt job titles",
        help="Staff holding these job titles (guards, drivers, service staff) are neither flagged nor scored.",
    )
    moffice_points_on_time = fields.Float(
        string="Points per task done on time",
        default=1.0,
        help="Emulation points earned for each task accepted without its deadline having passed.",
    )
    moffice_points_late = fields.Float(
        string="Points per task done late",
        default=0.0,
        help="Emulation points for each task accepted after its deadline passed (negative: a deduction).",
    )
    moffice_points_overdue = fields.Float(
        string="Deduction per overdue task",
        default=2.0,
        help="Emulation points deducted each time a deadline passes with the work not done.",
    )
