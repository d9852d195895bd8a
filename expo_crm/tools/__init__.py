"""Plain-Python helpers of Expo CRM (no model): the language of a contact's
country (``lang``), typed reading of the system parameters (``settings``),
the lifecycle's stages and settings (``stages``), its aggregate query and the
daily run's query (``lifecycle_sql``), fees converted to the company's
currency (``currency``), and the memory of the engines' periodic runs with
the rule for a full run (``run_state``)."""
