{
    "name": "Expo CRM Capture",
    "summary": "Capture at the fair on a phone: badge scans, business cards read "
    "offline, typed contacts, classified and followed up at once; a pile of "
    "cards after the fair",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/expo-crm/expo-crm",
    "author": "Expo CRM",
    "license": "LGPL-3",
    "depends": ["expo_crm_followup", "web"],
    "external_dependencies": {"python": ["rapidocr_onnxruntime"]},
    "data": [
        "security/expo_crm_capture_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "views/expo_capture_actions.xml",
        "views/expo_card_batch_views.xml",
        "views/expo_fair_views.xml",
        "views/expo_participation_views.xml",
        "views/expo_crm_capture_menus.xml",
    ],
    "demo": [
        "demo/expo_capture_demo.xml",
        "demo/expo_capture_demo_zh.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "expo_crm_capture/static/src/capture/*",
        ],
        "web.assets_tests": [
            "expo_crm_capture/static/tests/tours/*.js",
        ],
    },
}
