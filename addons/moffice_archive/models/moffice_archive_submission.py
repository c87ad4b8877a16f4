from odoo import _, _lt, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.moffice_documents.models.moffice_flow_mixin import Editable, Step
from odoo.addons.moffice_documents.models.roles import CLERK

from .moffice_archive_unit_mixin import KEEPER

SUBMISSION_STATES = [("draft", "Being prepared"), ("sent", "Handed over"), ("done", "Received")]


class MofficeArchiveSubmission(models.Model):
    """A submission to the agency archive (nộp lưu, matrix II.12, Decree 30
    Art. 30): the files a unit hands over together. The files join it when
    their people in charge submit them; the clerk (for the Office) or the
    unit's custodian prints the submission list (mục lục hồ sơ nộp lưu) and
    the hand-over record (biên bản giao nhận) and hands it over; the
    archive's custodians accept or return each file. Made by the files'
    steps only, never by hand."""

    _name = "moffice.archive.submission"
    _description = "Submission to the archive"
    _inherit = ["mail.thread", "mail.activity.mixin", "moffice.flow.mixin", "moffice.archive.unit.mixin"]
    _order = "id desc"
    _mail_post_access = "read"

    _flow_steps = (
        Step("send", _lt("Hand over to the archive"), ("draft",), "sent", (CLERK, KEEPER)),
        Step("complete", _lt("Complete"), ("sent",), "done", ()),
    )
    _flow_editable = (Editable(("note",), (CLERK, KEEPER), ("draft", "sent")),)
    _flow_relations = {KEEPER: _lt("a custodian of its archive")}
    _flow_initial_state = "draft"

    name = fields.Char(compute="_compute_name", store=True)
    state = fields.Selection(SUBMISSION_STATES, default="draft", required=True, readonly=True, tracking=True)
    line_ids = fields.One2many("moffice.archive.submission.line", "submission_id", string="Files")
    file_count = fields.Integer(string="Files count", compute="_compute_totals")
    page_total = fields.Integer(string="Pages", compute="_compute_totals")
    note = fields.Text()
    date_sent = fields.Date(string="Handed over on", readonly=True, copy=False)
    sent_by_id = fields.Many2one("res.users", string="Handed over by", readonly=True, copy=False)
    date_done = fields.Date(string="Received on", readonly=True, copy=False)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    @api.depends("department_id", "create_date")
    def _compute_name(self):
        for submission in self:
            submission.name = _(
                "Submission of %(unit)s, %(date)s",
                unit=submission.department_id.name or submission.company_id.name,
                date=(submission.create_date or fields.Datetime.now()).strftime("%d/%m/%Y"),
            )

    @api.depends("line_ids.file_id.page_total")
    def _compute_totals(self):
        for submission in self:
            submission.file_count = len(submission.line_ids)
            submission.page_total = sum(submission.sudo().line_ids.file_id.mapped("page_total"))

    def _flow_relations_held(self, user):
        return {KEEPER} if user in self._archive_keepers() else set()

    @api.model
    def _draft_for(self, file):
        """The submission of the file's unit being prepared, started if there is none."""
        values = {"department_id": file.department_id.id, "company_id": file.company_id.id}
        submission = self.sudo().search(
            [*((key, "=", value) for key, value in values.items()), ("state", "=", "draft")], limit=1
        )
        if not submission:
            # Made by the step "Submit to archive" of its first file, after its checks.
            submission = self.sudo().create(values)
            submission._flow_schedule(
                "moffice_archive.mail_activity_submission_send",
                submission._preparers(),
                deadline=fields.Date.context_today(self),
            )
        return submission

    def _preparers(self):
        """Who prepares and hands over the submission: the unit's custodians,
        or the clerks when the Office's archive keeps the unit's files."""
        self.ensure_one()
        keepers = self._archive_keepers()
        if self.archive_unit_id.moffice_unit_type == "office":
            keepers |= self._flow_users(CLERK)
        return keepers

    def _add_line(self, file):
        self.ensure_one()
        # The list's lines are written by the flow of its files.
        self.env["moffice.archive.submission.line"].sudo().create({"submission_id": self.id, "file_id": file.id})

    def _decide(self, file, result, reason=None):
        """The archive accepted or returned ``file``: its line says so; once
        every file is decided the submission is received."""
        self.ensure_one()
        line = self.sudo().line_ids.filtered(lambda line: line.file_id == file and line.result == "pending")
        line.write(
            {
                "result": result,
                "reason": reason,
                "decided_by_id": self.env.uid,
                "date_decided": fields.Date.context_today(self),
            }
        )
        if self.state == "sent" and not self.sudo().line_ids.filtered(lambda line: line.result == "pending"):
            self._flow_done("moffice_archive.mail_activity_submission_check")
            self.sudo()._flow_step("complete", {"date_done": fields.Date.context_today(self)})

    def action_send(self):
        """Hand the files over to the archive, whose custodians check them."""
        self._flow_check("send")
        for submission in self:
            if not submission.line_ids:
                raise UserError(_("%(submission)s holds no file yet.", submission=submission.name))
            submission._flow_done("moffice_archive.mail_activity_submission_send")
            submission._flow_step(
                "send", {"date_sent": fields.Date.context_today(submission), "sent_by_id": self.env.uid}
            )
            submission._flow_schedule(
                "moffice_archive.mail_activity_submission_check",
                submission._archive_keepers(),
                deadline=fields.Date.context_today(submission),
            )
        return True

    def action_print_list(self):
        return self.env.ref("moffice_archive.action_report_submission_list").report_action(self)

    def action_print_record(self):
        return self.env.ref("moffice_archive.action_report_submission_record").report_action(self)
