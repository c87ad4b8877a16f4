{
    "name": "M-Office ISO 9001",
    "summary": "Controlled ISO 9001 documents with revisions, approval, distribution and acknowledgement, "
    "periodic review, and the implementation records each procedure requires",
    "version": "18.0.1.0.0",
    "category": "Productivity/M-Office",
    "website": "https://github.com/moffice/moffice",
    "author": "M-Office developers",
    "license": "AGPL-3",
    "depends": ["moffice_documents", "moffice_tasks"],
    "data": [
        "security/ir.model.access.csv",
        "security/moffice_iso_security.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "data/moffice_iso_type_data.xml",
        "report/report_iso_audit.xml",
        "wizards/moffice_iso_wizard_views.xml",
        "views/moffice_iso_type_views.xml",
        "views/moffice_iso_document_views.xml",
        "views/moffice_iso_revision_views.xml",
        "views/moffice_iso_record_views.xml",
        "views/res_company_views.xml",
        "views/menus.xml",
        "data/moffice_permission_mapping.xml",
    ],
    "demo": [
        "demo/moffice_iso_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "moffice_iso/static/tests/tours/*.js",
        ],
    },
}
