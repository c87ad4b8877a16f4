import base64

from cryptography.hazmat.primitives import hashes, serialization

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..tools.certificate_authority import make_certificate, pkcs12_bytes
from .common import PASSWORD, SignatureCommon, pem


@tagged("post_install", "-at_install")
class TestCertificates(SignatureCommon):
    """Uploading certificates and trust roots: what is read from the file,
    clear refusals, and a private key no user can read."""

    def _counts(self):
        return (
            self.env["moffice.signature.certificate"].sudo().with_context(active_test=False).search_count([]),
            self.env["moffice.signature.key"].sudo().search_count([]),
        )

    def test_upload_reads_the_certificate(self):
        self.assertEqual(self.agency.name, "Sở Thử nghiệm")
        self.assertIn("CN=CA Thử nghiệm", self.agency.issuer)
        self.assertEqual(self.agency.serial, format(self.agency_cert.serial_number, "X"))
        self.assertEqual(self.agency.fingerprint, self.agency_cert.fingerprint(hashes.SHA256()).hex(":").upper())
        self.assertEqual(self.agency.date_valid_to, self.agency_cert.not_valid_after_utc.replace(tzinfo=None))
        self.assertEqual((self.agency.kind, self.agency.provider), ("agency", "server"))

    def test_wrong_password_or_file_saves_nothing(self):
        before = self._counts()
        data = pkcs12_bytes(self.leader_key, self.leader_cert, password=PASSWORD)
        Certificate = self.env["moffice.signature.certificate"].with_user(self.system_admin)
        for upload, password in ((base64.b64encode(data), "sai"), (base64.b64encode(b"%PDF-1.4"), PASSWORD)):
            with self.assertRaisesRegex(UserError, "password is wrong: nothing was saved"):
                Certificate.create({"upload_file": upload, "upload_password": password})
        with self.assertRaisesRegex(UserError, "Choose the certificate file"):
            Certificate.create({"kind": "agency"})
        self.assertEqual(self._counts(), before)

    def test_no_user_reads_the_key(self):
        secret = base64.b64encode(pkcs12_bytes(self.agency_key, self.agency_cert, [self.root[1]], PASSWORD))
        for role in ("system_admin", "clerk", "document_admin", "custodian", "specialist"):
            user = self.role_users[role]
            Key = self.env["moffice.signature.key"].with_user(user)
            with self.assertRaises(AccessError):
                Key.search_read([], ["pkcs12", "password"])
            with self.assertRaises(AccessError):
                Key.browse(Key.sudo().search([]).ids).read(["pkcs12", "password"])
            with self.assertRaises(AccessError):
                Key.create({"certificate_id": self.agency.id, "password": "x"})
        admin_view = self.agency.with_user(self.system_admin)
        [values] = admin_view.read(["upload_file", "upload_password", "certificate_pem"])
        self.assertFalse(values["upload_file"])
        self.assertFalse(values["upload_password"])
        self.assertNotIn("PRIVATE KEY", values["certificate_pem"])
        exported = admin_view.export_data(["name", "upload_password", "upload_file", "certificate_pem"])["datas"]
        self.assertNotIn(PASSWORD, str(exported))
        self.assertNotIn(secret.decode()[:40], str(exported))
        for role in ("clerk", "document_admin", "specialist", "custodian"):
            with self.assertRaises(AccessError):
                self.agency.with_user(self.role_users[role]).read(["name"])
        # The key is there, for the signing code.
        self.assertTrue(self.agency._key_material()[0])

    def test_certificate_fields_are_not_typed(self):
        certificate = self.agency.with_user(self.system_admin)
        for values in ({"subject": "CN=Giả"}, {"fingerprint": "00"}, {"kind": "personal"}, {"date_valid_to": False}):
            with self.assertRaisesRegex(UserError, "cannot be typed"):
                certificate.write(values)
        with self.assertRaisesRegex(UserError, "cannot be typed"):
            self._upload(self.leader_key, self.leader_cert, name="Giả", kind="personal", user_id=self.leader.id)
        certificate.write({"provider": "server", "active": True})
        self.assertEqual(certificate.name, "Sở Thử nghiệm")

    def test_only_system_administrator_manages_certificates(self):
        for role in ("clerk", "document_admin", "specialist", "custodian"):
            with self.assertRaises(AccessError):
                self._upload(
                    self.leader_key,
                    self.leader_cert,
                    kind="personal",
                    user_id=self.leader.id,
                    user=self.role_users[role],
                )
            with self.assertRaises(AccessError):
                self._trust(self.root[1], user=self.role_users[role])
            with self.assertRaises(AccessError):
                self.agency.with_user(self.role_users[role]).write({"active": False})
            with self.assertRaises(AccessError):
                self.trust_root.with_user(self.role_users[role]).unlink()

    def test_one_active_certificate_per_agency_and_leader(self):
        key, certificate = make_certificate("Sở Thử nghiệm 2027", issuer=self.root)
        with self.assertRaises(ValidationError):
            self._upload(key, certificate)
        self.agency.with_user(self.system_admin).active = False
        self.assertTrue(self._upload(key, certificate).active)
        with self.assertRaises(ValidationError):
            self.agency.with_user(self.system_admin).active = True
        self._upload(self.leader_key, self.leader_cert, kind="personal", user_id=self.leader.id)
        with self.assertRaises(ValidationError):
            self._upload(self.leader_key, self.leader_cert, kind="personal", user_id=self.leader.id)
        with self.assertRaisesRegex(ValidationError, "Choose the leader"):
            self._upload(self.leader_key, self.leader_cert, kind="personal")

    def test_trust_roots(self):
        self.assertEqual(self.trust_root.name, "CA Thử nghiệm")
        other = make_certificate("CA Khác")[1]
        der = other.public_bytes(serialization.Encoding.DER)
        root = self.env["moffice.signature.trust.root"].with_user(self.system_admin)
        self.assertEqual(root.create({"upload_file": base64.b64encode(der)}).certificate_pem.encode(), pem(other))
        before = root.search_count([])
        with self.assertRaisesRegex(UserError, "not an X.509 certificate"):
            root.create({"upload_file": base64.b64encode(b"-----BEGIN CERTIFICATE-----\nxx")})
        with self.assertRaisesRegex(UserError, "cannot be typed"):
            self.trust_root.with_user(self.system_admin).write({"issuer": "CN=Giả"})
        self.assertEqual(root.search_count([]), before)
