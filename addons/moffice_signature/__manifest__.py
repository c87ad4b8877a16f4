{
    "name": "M-Office Digital Signatures",
    "summary": "The agency's certificate signs released PDFs (PAdES); signatures of incoming PDFs verified",
    "version": "18.0.1.0.0",
    "category": "Productivity/M-Office",
    "website": "https://github.com/moffice/moffice",
    "author": "M-Office developers",
    "license": "LGPL-3",
    "depends": ["moffice_documents"],
    "external_dependencies": {"python": ["pyhanko", "pyhanko_certvalidator"]},
    "data": [
        "security/ir.model.access.csv",
        "views/moffice_signature_certificate_views.xml",
        "views/moffice_signature_trust_root_views.xml",
        "views/moffice_document_views.xml",
        "views/res_company_views.xml",
        "views/menus.xml",
    ],
}
