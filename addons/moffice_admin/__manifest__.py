{
    "name": "M-Office Administration",
    "summary": "Activity log, usage log with the morning check and the monthly usage report, "
    "account rules, and backups that are restored and verified",
    "version": "18.0.1.0.0",
    "category": "Productivity/M-Office",
    "website": "https://github.com/moffice/moffice",
    "author": "M-Office developers",
    "license": "AGPL-3",
    "depends": ["moffice_documents", "moffice_tasks", "auth_signup", "auth_session_timeout"],
    "data": [
        "security/ir.model.access.csv",
        "security/moffice_admin_security.xml",
        "data/ir_cron_data.xml",
        "report/usage_report.xml",
        "views/moffice_activity_log_views.xml",
        "views/moffice_usage_log_views.xml",
        "views/moffice_backup_views.xml",
        "views/menus.xml",
        "data/moffice_permission_mapping.xml",
    ],
    "demo": [
        "demo/moffice_admin_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "moffice_admin/static/tests/tours/*.js",
        ],
    },
}
