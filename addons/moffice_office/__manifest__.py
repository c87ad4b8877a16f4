{
    "name": "M-Office Office Utilities",
    "summary": "News and announcements, news filtered from the web, RSS feeds and the user guide of each role",
    "version": "18.0.1.0.0",
    "category": "Productivity/M-Office",
    "website": "https://github.com/moffice/moffice",
    "author": "M-Office developers",
    "license": "AGPL-3",
    "depends": ["moffice_documents", "moffice_tasks"],
    "external_dependencies": {"python": ["feedparser"]},
    "data": [
        "security/ir.model.access.csv",
        "security/moffice_office_security.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/moffice_news_web_views.xml",
        "views/moffice_news_views.xml",
        "views/moffice_news_feed_views.xml",
        "views/moffice_guide_views.xml",
        "views/menus.xml",
        "data/moffice_permission_mapping.xml",
        "data/moffice_guide_data.xml",
    ],
    "demo": [
        "demo/moffice_news_demo.xml",
        "demo/moffice_news_web_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "moffice_office/static/src/scss/*.scss",
            "moffice_office/static/src/js/*.js",
        ],
        "web.assets_tests": [
            "moffice_office/static/tests/tours/*.js",
        ],
    },
}
