{
    "name": "Expo CRM – Surveys",
    "summary": "A post-fair satisfaction survey sent with Odoo's Surveys; each answer "
    "fills the participation's satisfaction, the fair shows its response rate",
    "version": "18.0.1.0.0",
    "category": "Marketing/Surveys",
    "website": "https://github.com/expo-crm/expo-crm",
    "author": "Expo CRM",
    "license": "LGPL-3",
    "depends": ["expo_crm_loyalty", "survey"],
    "auto_install": True,
    "data": [
        "data/survey_data.xml",
        "views/survey_question_views.xml",
        "views/survey_user_input_views.xml",
        "wizards/survey_invite_views.xml",
        "views/expo_fair_views.xml",
    ],
    "demo": [
        "demo/survey_user_input_demo.xml",
    ],
}
