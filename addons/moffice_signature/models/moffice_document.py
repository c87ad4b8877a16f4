from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.moffice_documents.models.moffice_document import RELEASED_KINDS

from .moffice_signature_service import STATUS_ORDER, STATUSES, UnsignablePdfError

PDF = "application/pdf"
# An exchanged document is accepted (registered) only with a valid signature.
ACCEPTED_STATUSES = ("valid",)


class MofficeDocument(models.Model):
    """Released PDFs are signed (the agency's certificate; a leader's own at
    approval) and received PDFs verified. The signature fields are written
    by the system only: no step or editable list names them, so ``write``
    refuses them to every user."""

    _inherit = "moffice.document"

    signature_status = fields.Selection(STATUSES, string="Digital signature", readonly=True, copy=False, index=True)
    signature_signer = fields.Char(string="Signed by", readonly=True, copy=False)
    date_signature = fields.Datetime(string="Signing time", readonly=True, copy=False)
    signature_summary = fields.Text(string="Verification", readonly=True, copy=False)
    date_signature_checked = fields.Datetime(string="Verified on", readonly=True, copy=False)

    def _signature_pdfs(self):
        self.ensure_one()
        return self.attachment_ids.filtered(lambda attachment: attachment.mimetype == PDF)

    # -- verification ---------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        documents = super().create(vals_list)
        documents.filtered(
            lambda document: document.kind == "incoming" and document.attachment_ids
        )._verify_signatures()
        return documents

    def write(self, vals):
        result = super().write(vals)
        if "attachment_ids" in vals:
            self.filtered(lambda document: document.kind == "incoming")._verify_signatures()
        return result

    def _verify_signatures(self):
        """Verify the signatures of each document's PDFs and keep the result:
        the worst status of its files; signer and time of its first signed file."""
        service = self.env["moffice.signature.service"]
        for document in self:
            pdfs = document.sudo()._signature_pdfs()
            results = [(pdf.name, service.verify_pdf(pdf.raw)) for pdf in pdfs]
            signed = [result for _name, result in results if result["status"] != "unsigned"]
            status = min((result["status"] for _name, result in results), key=STATUS_ORDER.index, default=False)
            # The system's finding, not anyone's change: not in the activity log.
            document.sudo().with_context(moffice_activity_log=False).write(
                {
                    "signature_status": status,
                    "signature_signer": signed[0]["signer"] if signed else False,
                    "date_signature": signed[0]["signing_time"] if signed else False,
                    "signature_summary": "\n".join(f"{name}: {result['summary']}" for name, result in results) or False,
                    "date_signature_checked": fields.Datetime.now() if results else False,
                }
            )
        return True

    def action_verify_signatures(self):
        """Button: verify the signatures again (e.g. after a trust root was added)."""
        self.check_access("read")
        self._verify_signatures()
        labels = dict(self._fields["signature_status"]._description_selection(self.env))
        for document in self:
            status = labels.get(document.signature_status) or _("no PDF file")
            document._message_log(
                body=_("Digital signatures verified by %(user)s: %(status)s.", user=self.env.user.name, status=status)
            )
        return True

    def _marks_file(self, attachment):
        """A signed PDF is served as it was signed: a mark drawn on its pages
        would break the signature its reader has to verify (the download is
        logged all the same, as not marked)."""
        return super()._marks_file(attachment) and not (
            attachment.sudo().mimetype == PDF
            and self.env["moffice.signature.service"]._is_signed(attachment.sudo().raw)
        )

    def _check_signature_accepted(self):
        """An exchanged document is registered only with a valid signature."""
        for document in self.filtered(lambda document: document.channel == "exchange"):
            if document.signature_status not in ACCEPTED_STATUSES:
                raise UserError(
                    _(
                        "%(document)s came by inter-agency exchange without a valid digital signature, it cannot"
                        " be accepted: %(summary)s Return it to its issuer with this reason.",
                        document=document.display_name,
                        summary=document.signature_summary or _("it has no signed PDF file."),
                    )
                )

    # -- signing ---------------------------------------------------------------

    def _flow_step(self, name, values=None, **trace):
        if name == "register":
            self._check_signature_accepted()
        elif name == "release":
            self._released_to_sign()._check_release_signable()
        result = super()._flow_step(name, values, **trace)
        if name == "approve":
            self._sign_approved()
        elif name == "release":
            self._sign_released()
        return result

    def _sign_files(self, reason, signer_user=None):
        """Sign each PDF of the document in place: the signature is an
        incremental update, so the file keeps the unsigned original as its
        first revision; the result is verified and kept. A file that is no
        readable PDF (no reader could open it either) stays as it is, and the
        chatter names it."""
        service = self.env["moffice.signature.service"]
        for document in self:
            signed, unreadable = [], []
            for pdf in document.sudo()._signature_pdfs():
                try:
                    pdf.raw = service.sign_pdf(
                        pdf.raw, reason=reason, location=document.company_id.city or None, signer_user=signer_user
                    )
                    signed.append(pdf.name)
                except UnsignablePdfError:
                    unreadable.append(pdf.name)
            document._verify_signatures()
            lines = []
            if signed:
                lines.append(_("Signed digitally (%(reason)s): %(files)s", reason=reason, files=", ".join(signed)))
            if unreadable:
                lines.append(_("Not signed, not a readable PDF: %(files)s", files=", ".join(unreadable)))
            if lines:
                document._message_log(body=Markup("<br/>").join([*lines, document.signature_summary or ""]))

    def _sign_approved(self):
        """A leader with a personal certificate signs the drafts they approve."""
        certificate = (
            self.env["moffice.signature.certificate"]
            .sudo()
            .search([("kind", "=", "personal"), ("user_id", "=", self.env.user.id)], limit=1)
        )
        if certificate:
            self._sign_files(_("Approved by %(leader)s", leader=self.env.user.name), signer_user=self.env.user)

    def _released_to_sign(self):
        """The released documents the agency signs: it is set to, and they have PDFs."""
        return self.filtered(
            lambda document: (
                document.kind in RELEASED_KINDS
                and document.company_id.moffice_sign_released
                and document.sudo()._signature_pdfs()
            )
        )

    def _check_release_signable(self):
        """Refuse a release before it takes a number when the agency cannot sign it."""
        service = self.env["moffice.signature.service"]
        for document in self:
            service.with_company(document.company_id)._signing_certificate()._check_signable()

    def _sign_released(self):
        """The agency signs what it releases, when its setting says so."""
        to_sign = self._released_to_sign()
        for document in to_sign:
            document.with_company(document.company_id)._sign_files(
                _("Released as %(reference)s", reference=document.reference)
            )
        for document in (self - to_sign).filtered(lambda document: document.kind in RELEASED_KINDS):
            if document.sudo()._signature_pdfs():
                document._message_log(
                    body=_(
                        "Released without a digital signature: the agency signs released documents only when the"
                        " system administrator turns on Sign released documents with the agency's certificate."
                    )
                )
