from odoo import _, _lt, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.moffice_documents.models.moffice_flow_mixin import Editable, Step
from odoo.addons.moffice_documents.models.roles import CLERK, LEADER

CATALOGUE_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted to a leader"),
    ("approved", "Approved"),
    ("published", "Published"),
]


class MofficeArchiveCatalogue(models.Model):
    """The yearly file catalogue (danh mục hồ sơ, Decree 30 Art. 28): the
    files each unit will keep this year. The Office drafts it (often from
    last year's), a leader approves it at the start of the year, the clerk
    publishes it to the units; files are then opened from its entries."""

    _name = "moffice.archive.catalogue"
    _description = "File catalogue"
    _inherit = ["mail.thread", "mail.activity.mixin", "moffice.flow.mixin"]
    _order = "year desc, id desc"

    _flow_steps = (
        Step("submit", _lt("Submit to leader"), ("draft",), "submitted", (CLERK,)),
        Step("approve", _lt("Approve"), ("submitted",), "approved", (LEADER,)),
        Step("return", _lt("Return"), ("submitted",), "draft", (LEADER,)),
        Step("publish", _lt("Publish"), ("approved",), "published", (CLERK,)),
        Step("amend", _lt("Amend"), ("approved", "published"), "draft", (LEADER,)),
    )
    _flow_editable = (Editable(("year", "leader_id", "line_ids", "notes"), (CLERK,), ("draft",)),)

    name = fields.Char(compute="_compute_name", store=True)
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year, aggregator=None)
    state = fields.Selection(CATALOGUE_STATES, default="draft", required=True, readonly=True, tracking=True)
    leader_id = fields.Many2one(
        "res.users",
        tracking=True,
        domain=lambda self: [("groups_id", "in", self.env.ref("moffice_documents.group_moffice_document_admin").id)],
        help="The leader the catalogue is submitted to for approval.",
    )
    line_ids = fields.One2many("moffice.archive.catalogue.line", "catalogue_id", string="Entries")
    line_count = fields.Integer(compute="_compute_line_count", string="Entries count")
    notes = fields.Text()
    approved_by_id = fields.Many2one("res.users", string="Approved by", readonly=True, copy=False)
    date_approved = fields.Date(string="Approved on", readonly=True, copy=False)
    date_published = fields.Date(string="Published on", readonly=True, copy=False)
    return_reason = fields.Text(readonly=True, copy=False)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    _sql_constraints = [("year_unique", "unique(company_id, year)", "The agency has one file catalogue a year.")]

    @api.depends("year")
    def _compute_name(self):
        for catalogue in self:
            catalogue.name = _("File catalogue %(year)s", year=catalogue.year)

    @api.depends("line_ids")
    def _compute_line_count(self):
        for catalogue in self:
            catalogue.line_count = len(catalogue.line_ids)

    def _previous(self):
        """The latest published catalogue of an earlier year."""
        self.ensure_one()
        return self.search(
            [("company_id", "=", self.company_id.id), ("year", "<", self.year), ("state", "=", "published")],
            order="year desc",
            limit=1,
        )

    def action_copy_previous(self):
        """Clerk: start from last year's catalogue; the titles naming last
        year name this one, the people who left are not copied."""
        self.ensure_one()
        previous = self._previous()
        if not previous:
            raise UserError(_("There is no published catalogue of an earlier year to copy."))
        taken = set(self.line_ids.mapped("notation"))
        commands = [
            fields.Command.create(
                {
                    "sequence": line.sequence,
                    "department_id": line.department_id.id,
                    "notation": line.notation,
                    "name": line.name.replace(str(previous.year), str(self.year)),
                    "retention_id": line.retention_id.id,
                    "user_id": line.user_id.active and line.user_id.id,
                    "note": line.note,
                }
            )
            for line in previous.line_ids
            if line.notation not in taken
        ]
        self.write({"line_ids": commands})
        return True

    def action_submit(self):
        self._flow_check("submit")
        for catalogue in self:
            if not catalogue.line_ids:
                raise UserError(_("Add the files of the units to %(catalogue)s first.", catalogue=catalogue.name))
            if not catalogue.leader_id:
                raise UserError(_("Choose the leader who approves %(catalogue)s.", catalogue=catalogue.name))
            catalogue._flow_step("submit")
            catalogue._flow_schedule("moffice_archive.mail_activity_catalogue_approve", catalogue.leader_id)
        return True

    def action_approve(self):
        self._flow_check("approve")
        self._flow_done("moffice_archive.mail_activity_catalogue_approve")
        self._flow_step("approve", {"approved_by_id": self.env.uid, "date_approved": fields.Date.context_today(self)})
        for catalogue in self:
            catalogue._flow_schedule("moffice_archive.mail_activity_catalogue_publish", catalogue._flow_users(CLERK))
        return True

    def _return(self, reason):
        self._flow_check("return")
        self._flow_done("moffice_archive.mail_activity_catalogue_approve")
        self._flow_step("return", {"return_reason": reason})
        for catalogue in self:
            catalogue._message_log(
                body=_("Returned by %(leader)s: %(reason)s", leader=self.env.user.name, reason=reason)
            )
        return True

    def action_publish(self):
        """Clerk: publish the approved catalogue; the people in charge of its
        files and the heads of the units are told."""
        self._flow_check("publish")
        self._flow_done("moffice_archive.mail_activity_catalogue_publish")
        self._flow_step("publish", {"date_published": fields.Date.context_today(self)})
        for catalogue in self:
            lines = catalogue.line_ids
            readers = lines.user_id | lines.department_id.manager_id.user_id
            catalogue.message_post(
                body=_(
                    "%(catalogue)s is published: %(count)s files. Open each file of yours from its entry "
                    "(Files > New, From the catalogue).",
                    catalogue=catalogue.name,
                    count=len(lines),
                ),
                partner_ids=readers.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def _amend(self, reason):
        """Leader: take an approved or published catalogue back to draft to amend it."""
        self._flow_check("amend")
        self._flow_step("amend", {"return_reason": reason})
        for catalogue in self:
            catalogue._message_log(
                body=_("Reopened by %(leader)s: %(reason)s", leader=self.env.user.name, reason=reason)
            )
        return True

    def action_open_return(self):
        self._flow_check("return")
        return self.env["moffice.archive.reason"]._open(self, "return", _("Return"))

    def action_open_amend(self):
        self._flow_check("amend")
        return self.env["moffice.archive.reason"]._open(self, "amend", _("Amend"))
