import base64
from datetime import UTC, datetime

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.certificate_authority import make_certificate, pkcs12_bytes
from .moffice_signature_x509_mixin import MofficeSignatureX509Mixin

DEMO_PASSWORD = "moffice"
DEMO_VALID_FROM = datetime(2000, 1, 1, tzinfo=UTC)
DEMO_VALID_DAYS = 100 * 365
KINDS = [("agency", "Agency certificate"), ("personal", "Personal certificate")]


def detached_signature(private_key, data):
    """``data`` signed with ``private_key``: RSA PKCS#1 v1.5 or ECDSA, SHA-256."""
    if isinstance(private_key, rsa.RSAPrivateKey):
        return private_key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    return private_key.sign(data, ec.ECDSA(hashes.SHA256()))


class MofficeSignatureCertificate(models.Model):
    """A certificate the system signs with: the agency's (one active per
    company) or a leader's own. The PKCS#12 file and its password are kept in
    ``moffice.signature.key``, which no user may read: only the signing code
    (``_sign_*_<provider>``) opens it."""

    _name = "moffice.signature.certificate"
    _inherit = ["moffice.signature.x509.mixin", "mail.thread"]
    _description = "Digital certificate"
    _order = "kind, date_valid_to desc, id desc"

    _upload_create_fields = (
        *MofficeSignatureX509Mixin._upload_create_fields,
        "kind",
        "user_id",
        "provider",
        "upload_password",
    )
    _upload_write_fields = ("active", "provider")

    kind = fields.Selection(KINDS, required=True, default="agency", tracking=True)
    user_id = fields.Many2one(
        "res.users", "Signer", index=True, tracking=True, help="The leader who signs with a personal certificate."
    )
    provider = fields.Selection(
        [("server", "This server (the uploaded key)")],
        "Signing provider",
        required=True,
        default="server",
        tracking=True,
        help="Where the signature is made: remote signing services and USB tokens are further providers.",
    )
    upload_password = fields.Char("Password", compute="_compute_upload", readonly=False)

    def _compute_upload(self):
        """Neither the file nor its password is ever shown again."""
        self.upload_file = self.upload_filename = self.upload_password = False

    def _upload_values(self, vals):
        vals = dict(vals)
        data = self._upload_bytes(vals)
        password = vals.pop("upload_password", None) or ""
        vals.pop("upload_file", None)
        vals.pop("upload_filename", None)
        try:
            key, certificate, _chain = pkcs12.load_key_and_certificates(data, password.encode() or None)
        except ValueError:
            raise UserError(
                _("The file is not a PKCS#12 certificate (.p12, .pfx) or its password is wrong: nothing was saved.")
            ) from None
        if certificate is None or not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
            raise UserError(
                _("The file holds no RSA or elliptic-curve private key with its certificate: nothing was saved.")
            )
        return {**vals, **self._x509_values(certificate)}

    @api.model_create_multi
    def create(self, vals_list):
        keys = [(self._upload_bytes(vals), vals.get("upload_password") or "") for vals in vals_list]
        certificates = super().create(vals_list)
        # An agency that uploads its certificate signs what it releases from now on.
        certificates.filtered(lambda certificate: certificate.kind == "agency").company_id.sudo().write(
            {"moffice_sign_released": True}
        )
        self.env["moffice.signature.key"].sudo().create(
            [
                {"certificate_id": certificate.id, "pkcs12": base64.b64encode(data), "password": password}
                for certificate, (data, password) in zip(certificates, keys, strict=True)
            ]
        )
        return certificates

    @api.constrains("kind", "user_id", "company_id", "active")
    def _check_one_active(self):
        for certificate in self.filtered("active"):
            domain = [("id", "!=", certificate.id), ("kind", "=", certificate.kind)]
            if certificate.kind == "personal":
                if not certificate.user_id:
                    raise ValidationError(_("Choose the leader who signs with %(name)s.", name=certificate.name))
                domain.append(("user_id", "=", certificate.user_id.id))
            else:
                domain.append(("company_id", "=", certificate.company_id.id))
            if self.sudo().search_count(domain, limit=1):
                raise ValidationError(
                    _(
                        "%(name)s cannot be active: another active certificate of the same kind exists for"
                        " this agency or leader. Archive it first.",
                        name=certificate.name,
                    )
                )

    def _check_signable(self):
        """Refuse to sign with a certificate that is not valid now."""
        now = fields.Datetime.now()
        for certificate in self:
            if not certificate.date_valid_from <= now <= certificate.date_valid_to:
                raise UserError(
                    _(
                        "The certificate %(name)s is valid from %(start)s to %(end)s only: the system"
                        " administrator uploads a valid one.",
                        name=certificate.name,
                        start=certificate.date_valid_from,
                        end=certificate.date_valid_to,
                    )
                )

    def _key_material(self):
        """(private key, certificate, chain) of this certificate, for the signing code only."""
        self.ensure_one()
        key = self.env["moffice.signature.key"].sudo().search([("certificate_id", "=", self.id)], limit=1)
        return pkcs12.load_key_and_certificates(base64.b64decode(key.pkcs12), (key.password or "").encode() or None)

    def _sign_pdf(self, pdf_bytes, **options):
        self._check_signable()
        return getattr(self, f"_sign_pdf_{self.provider}")(pdf_bytes, **options)

    def _sign_bytes(self, data):
        self._check_signable()
        return getattr(self, f"_sign_bytes_{self.provider}")(data)

    def _sign_pdf_server(self, pdf_bytes, **options):
        private_key, certificate, chain = self._key_material()
        return self.env["moffice.signature.service"]._pades_sign(pdf_bytes, private_key, certificate, chain, **options)

    def _sign_bytes_server(self, data):
        private_key, _certificate, _chain = self._key_material()
        return detached_signature(private_key, data)

    @api.model
    def _demo_install(self, leader_id):
        """Demo: a certificate authority made now (no key is committed) that
        issued the agency's certificate and ``leader``'s; released demo
        documents signed, received ones verified."""
        company = self.env.company
        leader = self.env["res.users"].browse(leader_id)
        # Valid for decades: demo documents and tests dated in any year sign.
        validity = {"start": DEMO_VALID_FROM, "days": DEMO_VALID_DAYS}
        root = make_certificate("CA Dùng thử M-Office", company.name, **validity)
        for kind, name, user in (("agency", company.name, False), ("personal", leader.name, leader.id)):
            key, certificate = make_certificate(name, company.name, issuer=root, **validity)
            self.create(
                {
                    "kind": kind,
                    "user_id": user,
                    "upload_file": base64.b64encode(pkcs12_bytes(key, certificate, [root[1]], DEMO_PASSWORD)),
                    "upload_password": DEMO_PASSWORD,
                }
            )
        self.env["moffice.signature.trust.root"].create(
            {"upload_file": base64.b64encode(root[1].public_bytes(Encoding.PEM)), "note": "Demo"}
        )
        documents = self.env["moffice.document"].search([("company_id", "=", company.id)])
        documents.filtered(lambda document: document.state == "released")._sign_released()
        documents.filtered(lambda document: document.kind == "incoming")._verify_signatures()
