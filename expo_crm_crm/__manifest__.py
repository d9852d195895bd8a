{
    "name": "Expo CRM – CRM pipeline",
    "summary": "Classified fair contacts become opportunities in the CRM pipeline; "
    "won and lost close their follow-ups; the fair's pipeline and return on cost",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/expo-crm/expo-crm",
    "author": "Expo CRM",
    "license": "LGPL-3",
    "depends": ["expo_crm_followup", "crm"],
    "auto_install": True,
    "data": [
        "data/utm_data.xml",
        "data/expo_followup_class_data.xml",
        "views/expo_followup_class_views.xml",
        "views/expo_followup_views.xml",
        "views/expo_fair_views.xml",
        "views/crm_lead_views.xml",
    ],
    "demo": [
        "demo/crm_lead_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "expo_crm_crm/static/tests/tours/*.js",
        ],
    },
}
