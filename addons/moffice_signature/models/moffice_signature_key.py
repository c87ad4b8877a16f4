from odoo import fields, models


class MofficeSignatureKey(models.Model):
    """The PKCS#12 file and password of a certificate. No user has any right
    on this model (read, search, export included): only the signing code
    reads it, as superuser."""

    _name = "moffice.signature.key"
    _description = "Private key of a digital certificate"

    certificate_id = fields.Many2one("moffice.signature.certificate", required=True, ondelete="cascade", index=True)
    pkcs12 = fields.Binary("PKCS#12 file", attachment=False, prefetch=False)
    password = fields.Char(prefetch=False)
