{
    "name": "Expo CRM",
    "summary": "Trade fairs, participations, exhibition roles and the "
    "relationship lifecycle of every contact",
    "version": "18.0.1.1.0",
    "category": "Sales/CRM",
    "website": "https://github.com/expo-crm/expo-crm",
    "author": "Expo CRM",
    "license": "LGPL-3",
    "depends": ["contacts", "mail", "base_setup"],
    "data": [
        "security/expo_crm_security.xml",
        "security/ir.model.access.csv",
        "data/expo_role_data.xml",
        "data/ir_cron_data.xml",
        "data/mail_activity_type_data.xml",
        "views/expo_role_views.xml",
        "views/expo_industry_tag_views.xml",
        "views/expo_series_views.xml",
        "views/expo_fair_views.xml",
        "views/expo_participation_views.xml",
        "views/expo_stage_history_views.xml",
        "views/res_partner_views.xml",
        "wizards/expo_mark_lost_views.xml",
        "views/res_config_settings_views.xml",
        "views/expo_crm_menus.xml",
    ],
    "demo": [
        "demo/expo_crm_demo.xml",
        "demo/expo_crm_demo_zh.xml",
        "demo/expo_partner_demo.xml",
        "demo/expo_participation_demo.xml",
        "demo/expo_demo_label.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "expo_crm/static/src/scss/expo_overview.scss",
        ],
        "web.assets_tests": [
            "expo_crm/static/tests/tours/*.js",
        ],
    },
    "application": True,
}
