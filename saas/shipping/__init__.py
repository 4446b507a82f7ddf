"""Shipping and fulfilment: shipments from sales orders, carriers, pick/pack/verify, printing, sign-back."""
