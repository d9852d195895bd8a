from odoo import fields, models


class EventBoothCategory(models.Model):
    _inherit = "event.booth.category"

    expo_area_sqm = fields.Float(
        string="Area (m²)",
        digits=(12, 1),
        help="Floor area of a booth of this category: copied to the exhibitor's "
        "participation in the linked fair.",
    )
    expo_price = fields.Float(
        string="Rental fee",
        digits=(16, 2),
        help="Price of renting a booth of this category: copied as the fee of the "
        "exhibitor's participation in the linked fair. When Events Booth Sales "
        "is installed and this is left at zero, the category's sale price is used.",
    )

    _sql_constraints = [
        ("expo_area_positive", "CHECK(expo_area_sqm >= 0)", "The booth area cannot be negative."),
        ("expo_price_positive", "CHECK(expo_price >= 0)", "The rental fee cannot be negative."),
    ]

    def _expo_fee(self):
        self.ensure_one()
        if not self.expo_price and "price" in self._fields:
            return self.price or 0.0
        return self.expo_price
