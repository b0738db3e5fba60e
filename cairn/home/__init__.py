"""Home: the pages that gather from every app (each role's home page), the
navigation that fits each role, and the demo data. Selectors only, no models.
"""
