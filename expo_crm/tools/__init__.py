"""Plain-Python helpers of Expo CRM (no model): the language of a contact's
country (``lang``), typed reading of the system parameters (``settings``)."""
