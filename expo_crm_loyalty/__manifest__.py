{
    "name": "Expo CRM Loyalty",
    "summary": "Satisfaction, relationship quality, value and cost, Pareto tiers, "
    "RFM, retention, CLV and loyalty segments for exhibition relationships",
    "version": "18.0.1.3.0",
    "category": "Sales/CRM",
    "website": "https://github.com/expo-crm/expo-crm",
    "author": "Expo CRM",
    "license": "LGPL-3",
    "depends": ["expo_crm"],
    "data": [
        "security/expo_crm_loyalty_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "data/ir_actions_server_data.xml",
        "views/expo_satisfaction_views.xml",
        "views/expo_relation_cost_views.xml",
        "views/res_partner_views.xml",
        "views/expo_relationship_views.xml",
        "views/expo_fair_views.xml",
        "views/res_config_settings_views.xml",
        "report/expo_relationship_report.xml",
        "report/expo_relationship_report_templates.xml",
        "report/expo_edition_retention_report_templates.xml",
        "views/expo_crm_loyalty_menus.xml",
    ],
    "demo": [
        "demo/expo_crm_loyalty_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "expo_crm_loyalty/static/tests/tours/*.js",
        ],
    },
}
