"""Plain-Python helpers of Expo CRM (no model): the language of a contact's
country (``lang``), typed reading of the system parameters (``settings``),
the lifecycle's stages and settings (``stages``), its aggregate query
(``lifecycle_sql``), and fees converted to the company's currency
(``currency``)."""
