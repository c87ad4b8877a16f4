from odoo import _, _lt, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.moffice_documents.models.moffice_document import CONFIDENTIAL_LEVELS
from odoo.addons.moffice_documents.models.moffice_flow_mixin import Editable, Step

from .moffice_archive_unit_mixin import KEEPER

ITEM_TYPES = [("document", "Paper original"), ("file", "Archived file")]


class MofficeArchiveItem(models.Model):
    """An item of a unit's archive: the paper original of a registered
    document, or an archived file. Each has a storage location, chosen by the
    archive's custodians, and is lent by them (loans). Items are made by the
    flows (registration, release, acceptance into the archive), never by hand."""

    _name = "moffice.archive.item"
    _description = "Archive item"
    _inherit = ["mail.thread", "mail.activity.mixin", "moffice.flow.mixin", "moffice.archive.unit.mixin"]
    _order = "date desc, id desc"
    _rec_names_search = ["name", "reference"]
    _mail_post_access = "read"

    _flow_steps = (
        Step("lend", _lt("Lend"), ("in_store",), "lent", ()),
        Step("give_back", _lt("Record the return"), ("lent",), "in_store", ()),
    )
    _flow_editable = (Editable(("location_id", "notes"), (KEEPER,)),)
    _flow_relations = {KEEPER: _lt("a custodian of its archive")}
    _flow_initial_state = "in_store"

    name = fields.Char(compute="_compute_description", store=True, index="trigram")
    reference = fields.Char(string="Number and symbol or code", compute="_compute_description", store=True)
    date = fields.Date(compute="_compute_description", store=True)
    is_confidential = fields.Boolean(
        string="Confidential",
        compute="_compute_description",
        store=True,
        help="Lent only with a leader's authorisation.",
    )
    item_type = fields.Selection(ITEM_TYPES, string="Type", required=True, readonly=True)
    document_id = fields.Many2one("moffice.document", readonly=True, index=True, ondelete="restrict")
    file_id = fields.Many2one("moffice.archive.file", readonly=True, index=True, ondelete="restrict")
    state = fields.Selection(
        [("in_store", "In store"), ("lent", "Lent")], default="in_store", required=True, readonly=True, tracking=True
    )
    location_id = fields.Many2one("moffice.archive.location", string="Storage location", tracking=True, index=True)
    notes = fields.Text()
    loan_ids = fields.One2many("moffice.archive.loan", "item_id", string="Loans")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    _sql_constraints = [
        ("document_unique", "unique(document_id)", "A document has one original in the archive."),
        ("file_unique", "unique(file_id)", "A file is in the archive once."),
    ]

    @api.depends(
        "document_id.reference",
        "document_id.summary",
        "document_id.date_document",
        "document_id.confidentiality",
        "file_id.code",
        "file_id.name",
        "file_id.rights",
        "file_id.date_start",
    )
    def _compute_description(self):
        """What the archive's catalogue shows of the item, read whatever the
        reader may open (a confidential document's summary is not shown)."""
        for item in self:
            document, file = item.sudo().document_id, item.sudo().file_id
            if document:
                confidential = document.confidentiality in CONFIDENTIAL_LEVELS
                levels = dict(document._fields["confidentiality"]._description_selection(self.env))
                summary = levels[document.confidentiality] if confidential else document.summary
                item.update(
                    {
                        "name": " - ".join(filter(None, [document.reference, summary])),
                        "reference": document.reference,
                        "date": document.date_document,
                        "is_confidential": confidential,
                    }
                )
            else:
                item.update(
                    {
                        "name": file.display_name,
                        "reference": file.code,
                        "date": file.date_start,
                        "is_confidential": file.rights == "confidential",
                    }
                )

    @api.constrains("location_id", "archive_unit_id")
    def _check_location(self):
        for item in self:
            if item.location_id and item.location_id.department_id != item.archive_unit_id:
                raise ValidationError(
                    _(
                        "%(location)s is not a storage location of %(archive)s, which keeps %(item)s.",
                        location=item.location_id.name,
                        archive=item.archive_unit_id.name,
                        item=item.name,
                    )
                )

    def _flow_relations_held(self, user):
        return {KEEPER} if user in self._archive_keepers() else set()

    @api.model
    def _keep_originals(self, documents):
        """The paper originals of registered ``documents`` become items of
        their unit's archive (once), kept at its intake until its custodians
        shelve them."""
        documents = documents.sudo().filtered(lambda document: document.channel == "paper" and document.register_number)
        known = self.sudo().with_context(active_test=False).search([("document_id", "in", documents.ids)]).document_id
        Location = self.env["moffice.archive.location"]
        values = []
        for document in documents - known:
            unit = document.department_id
            archive = self._archive_unit_of(unit, document.company_id)
            values.append(
                {
                    "item_type": "document",
                    "document_id": document.id,
                    "department_id": unit.id,
                    "location_id": Location._intake_of(archive).id if archive else False,
                    "company_id": document.company_id.id,
                }
            )
        # Made by the documents' registration or release, not by hand: the
        # registering clerk does not follow it, the activity log tells its creation.
        return self.sudo().with_context(mail_create_nolog=True, mail_create_nosubscribe=True).create(values)

    @api.model
    def _keep_missing_originals(self):
        """Every registered paper document has its original in the archive
        (on installation: the documents registered before)."""
        documents = self.env["moffice.document"].sudo().with_context(active_test=False)
        items = self._keep_originals(documents.search([("channel", "=", "paper"), ("register_number", "!=", 0)]))
        # Stored before the installation goes on: the demo data place them by their archive.
        items.flush_recordset()

    @api.model
    def _keep_file(self, file, location):
        """An archived file is an item of its archive, at ``location``."""
        return self.sudo().create(
            {
                "item_type": "file",
                "file_id": file.id,
                "department_id": file.department_id.id,
                "location_id": location.id,
                "company_id": file.company_id.id,
            }
        )

    def action_borrow(self):
        """Ask to borrow this item (purpose, until when)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Ask to borrow"),
            "res_model": "moffice.archive.loan",
            "view_mode": "form",
            "views": [(self.env.ref("moffice_archive.view_moffice_archive_loan_request_form").id, "form")],
            "target": "new",
            "context": {"default_item_id": self.id},
        }
