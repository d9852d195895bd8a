{
    "name": "Expo CRM – Events",
    "summary": "A fair linked to an Odoo event: its registrations become visitor "
    "participations and its rented booths exhibitor participations",
    "version": "18.0.1.0.0",
    "category": "Marketing/Events",
    "website": "https://github.com/expo-crm/expo-crm",
    "author": "Expo CRM",
    "license": "LGPL-3",
    "depends": ["expo_crm", "event", "event_booth"],
    "auto_install": True,
    "data": [
        "views/expo_fair_views.xml",
        "views/event_event_views.xml",
        "views/event_booth_category_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        "demo/event_demo.xml",
    ],
}
