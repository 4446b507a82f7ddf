"""Printed documents of shipping: pick lists, delivery notes, the daily shipping list and the
list of orders to deliver, laid out by the tenant's templates, as printable HTML and PDF."""
