{
    "name": "Expo CRM Follow-up",
    "summary": "Post-fair classification of contacts, per-class follow-up rules, "
    "templates, escalation and follow-up analysis",
    "version": "18.0.1.2.0",
    "category": "Sales/CRM",
    "website": "https://github.com/expo-crm/expo-crm",
    "author": "Expo CRM",
    "license": "LGPL-3",
    "depends": ["expo_crm", "mail", "base_setup", "phone_validation", "base_import", "mass_mailing"],
    "data": [
        "security/expo_crm_followup_security.xml",
        "security/ir.model.access.csv",
        "data/mail_layout_data.xml",
        "data/mail_template_data.xml",
        "data/mail_activity_type_data.xml",
        "data/expo_followup_class_data.xml",
        "data/ir_cron_data.xml",
        "views/expo_followup_class_views.xml",
        "views/expo_followup_views.xml",
        "views/expo_participation_views.xml",
        "views/expo_fair_views.xml",
        "views/res_partner_views.xml",
        "views/expo_relationship_views.xml",
        "wizards/expo_classify_wizard_views.xml",
        "views/res_config_settings_views.xml",
        "report/expo_followup_report_views.xml",
        "views/expo_crm_followup_menus.xml",
        "wizards/expo_contact_import_views.xml",
        "wizards/expo_invitation_wizard_views.xml",
    ],
    "demo": [
        "demo/expo_followup_demo.xml",
    ],
    "post_init_hook": "post_init_hook",
    "assets": {
        "web.assets_backend": [
            "expo_crm_followup/static/src/scss/classify_wizard.scss",
        ],
        "web.assets_tests": [
            "expo_crm_followup/static/tests/tours/*.js",
        ],
    },
}
