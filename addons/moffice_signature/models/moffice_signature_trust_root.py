from cryptography import x509

from odoo import _, fields, models
from odoo.exceptions import UserError

from .moffice_signature_x509_mixin import MofficeSignatureX509Mixin


class MofficeSignatureTrustRoot(models.Model):
    """A root or intermediate certificate the signatures of received PDFs
    must chain to (e.g. the Government Cipher Committee's root CA)."""

    _name = "moffice.signature.trust.root"
    _inherit = ["moffice.signature.x509.mixin"]
    _description = "Trusted certificate authority"
    _order = "name, id"

    _upload_create_fields = (*MofficeSignatureX509Mixin._upload_create_fields, "note")
    _upload_write_fields = ("active", "note")

    note = fields.Char()

    def _upload_values(self, vals):
        vals = dict(vals)
        data = self._upload_bytes(vals)
        vals.pop("upload_file", None)
        vals.pop("upload_filename", None)
        try:
            certificate = (
                x509.load_pem_x509_certificate(data) if b"-----BEGIN" in data else x509.load_der_x509_certificate(data)
            )
        except ValueError:
            raise UserError(
                _("The file is not an X.509 certificate (PEM or DER, .crt, .cer): nothing was saved.")
            ) from None
        return {**vals, **self._x509_values(certificate)}
