from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


def _date(value):
    return value.strftime("%d/%m/%Y") if value else ""


class MofficeArchiveUseRegister(models.TransientModel):
    """The register of use of archived copies (sổ sử dụng bản lưu, Decree 30
    Appendix IV, 9 columns) of an archive for a period, printed as XLSX or
    PDF in the layout of the other registers: one row per loan, from the
    loan records (lent in the period), as the printing user may read them."""

    _name = "moffice.archive.use.register"
    _description = "Register of use of archived copies"

    archive_unit_id = fields.Many2one(
        "hr.department",
        string="Archive",
        required=True,
        default=lambda self: self._default_archive(),
        help="The archive whose loans the register lists.",
    )
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    @api.model
    def _default_archive(self):
        units = self.env["hr.department"].search([("moffice_custodian_ids", "in", self.env.uid)], limit=1)
        return units or self.env["hr.department"]._moffice_office(self.env.company)

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for register in self:
            if register.date_from > register.date_to:
                raise ValidationError(_("The start of the period must be before its end."))

    def _loans(self):
        self.ensure_one()
        return self.env["moffice.archive.loan"].search(
            [
                ("archive_unit_id", "=", self.archive_unit_id.id),
                ("date_lent", ">=", self.date_from),
                ("date_lent", "<=", self.date_to),
            ],
            order="date_lent, id",
        )

    def _book(self):
        """The register as the XLSX and PDF of the registers print it (see
        moffice_documents' register reports): cover lines, columns, rows."""
        self.ensure_one()
        company = self.company_id
        title = _("REGISTER OF USE OF ARCHIVED COPIES")
        return {
            "title": title,
            "cover": [
                (text, style)
                for text, style in [
                    ((company.moffice_governing_body or "").upper(), "governing"),
                    (company.name.upper(), "agency"),
                    (title, "title"),
                    (self.archive_unit_id.name, "name"),
                    (_("From %(start)s to %(end)s", start=_date(self.date_from), end=_date(self.date_to)), "line"),
                ]
                if text
            ],
            "columns": [
                (_("Date"), 8),
                (_("Name of the user"), 12),
                (_("Number, symbol and date of the document"), 14),
                (_("Type and summary"), 22),
                (_("Number and symbol of the file"), 12),
                (_("Signature on receipt"), 8),
                (_("Date returned"), 8),
                (_("Allowed by"), 10),
                (_("Notes"), 6),
            ],
            "rows": [self._row(loan) for loan in self._loans()],
            "sheet": _("Use of archived copies")[:31],
        }

    def _row(self, loan):
        # The register prints what the archive lent, whoever may open the documents.
        item = loan.sudo().item_id
        document, file = item.document_id, item.file_id
        files = (
            file or self.env["moffice.archive.file.entry"].sudo().search([("document_id", "=", document.id)]).file_id
        )
        return [
            _date(loan.date_lent),
            loan.user_id.name,
            " ".join(filter(None, [document.reference, _date(document.date_document)])),
            " - ".join(
                filter(
                    None,
                    [document.document_type_id.name, item.name if file or item.is_confidential else document.summary],
                )
            ),
            ", ".join(filter(None, files.mapped("code"))),
            "",
            _date(loan.date_returned),
            (loan.authorised_by_id or loan.lent_by_id).name or "",
            loan.purpose or "",
        ]

    def _file_name(self):
        return f"{_('Use of archived copies')} {self.date_from:%d-%m-%Y} - {self.date_to:%d-%m-%Y}"

    def action_print_xlsx(self):
        return self.env.ref("moffice_archive.action_report_use_register_xlsx").report_action(self)

    def action_print_pdf(self):
        return self.env.ref("moffice_archive.action_report_use_register_pdf").report_action(self)
