from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class MofficeExchangePartner(models.Model):
    """A partner agency's M-Office system (matrix III.1): where its packages
    go and the certificate its messages are signed with."""

    _name = "moffice.exchange.partner"
    _description = "Partner M-Office system"
    _order = "name"

    name = fields.Char(required=True, help="The partner agency's name, as its OrganName.")
    organ_id = fields.Char(
        string="Agency code",
        required=True,
        index=True,
        help="OrganId: the partner agency's identifier code (13 characters, e.g. 000.00.31.H43).",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Organisation",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("is_company", "=", True)],
        help="The organisation documents are issued by and sent to.",
    )
    endpoint_url = fields.Char(
        string="Endpoint",
        required=True,
        help="The address of the partner's exchange endpoint, e.g. https://vpdt.example.gov.vn/moffice/exchange/v1/package",
    )
    certificate_pem = fields.Text(
        string="Certificate (PEM)",
        help="The partner agency's public certificate: its messages must carry a signature made with its key.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    _sql_constraints = [
        ("organ_id_unique", "unique(company_id, organ_id)", "Each agency code names one partner system."),
    ]

    @api.constrains("endpoint_url")
    def _check_endpoint_url(self):
        for partner in self:
            if not partner.endpoint_url.startswith(("https://", "http://")):
                raise ValidationError(
                    _(
                        "The endpoint of %(partner)s must be a web address starting with https:// (or http:// "
                        "on a private network).",
                        partner=partner.name,
                    )
                )

    @api.constrains("active", "certificate_pem")
    def _check_certificate(self):
        for partner in self:
            if partner.active and "BEGIN CERTIFICATE" not in (partner.certificate_pem or ""):
                raise ValidationError(
                    _(
                        "Paste the PEM certificate of %(partner)s (-----BEGIN CERTIFICATE-----) before activating "
                        "it: its messages are accepted only with a signature that certificate verifies.",
                        partner=partner.name,
                    )
                )

    @api.model
    def _for_partners(self, partners):
        """The active partner systems of the organisations ``partners``."""
        return self.search([("partner_id", "in", partners.ids), ("company_id", "=", self.env.company.id)])
