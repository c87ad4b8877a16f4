import base64
import io

from cryptography.hazmat.primitives import serialization
from reportlab.pdfgen import canvas

from odoo.addons.moffice_documents.tests.common import MofficeDocumentCommon

from ..tools.certificate_authority import make_certificate, pkcs12_bytes

PASSWORD = "mật-khẩu 2026"


def pdf_bytes(text="Công văn số 12/STN-VP"):
    """A one-page PDF made on the spot."""
    packet = io.BytesIO()
    can = canvas.Canvas(packet, pageCompression=0)
    can.drawString(72, 720, text)
    can.showPage()
    can.save()
    return packet.getvalue()


def pem(certificate):
    return certificate.public_bytes(serialization.Encoding.PEM)


class SignatureCommon(MofficeDocumentCommon):
    """A certificate authority made at run time (root, agency, leader), the
    agency certificate uploaded and the root trusted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.name = "Sở Thử nghiệm"
        cls.system_admin = cls.role_users["system_admin"]
        # Only the certificates made here count (the demo agency has its own).
        cls.env["moffice.signature.certificate"].search([]).active = False
        cls.env["moffice.signature.trust.root"].search([]).active = False
        cls.root = make_certificate("CA Thử nghiệm")
        cls.agency_key, cls.agency_cert = make_certificate("Sở Thử nghiệm", issuer=cls.root)
        cls.leader_key, cls.leader_cert = make_certificate("Nguyễn Văn Lãnh Đạo", issuer=cls.root, curve=True)
        cls.agency = cls._upload(cls.agency_key, cls.agency_cert)
        cls.trust_root = cls._trust(cls.root[1])
        cls.Service = cls.env["moffice.signature.service"]

    @classmethod
    def _upload(cls, key, certificate, password=PASSWORD, user=None, **values):
        """Upload a PKCS#12 file as the system administrator."""
        data = pkcs12_bytes(key, certificate, [cls.root[1]], password)
        return (
            cls.env["moffice.signature.certificate"]
            .with_user(user or cls.system_admin)
            .create({"upload_file": base64.b64encode(data), "upload_password": password, **values})
        )

    @classmethod
    def _trust(cls, certificate, user=None):
        return (
            cls.env["moffice.signature.trust.root"]
            .with_user(user or cls.system_admin)
            .create({"upload_file": base64.b64encode(pem(certificate))})
        )
