"""The catalog: category tree, products with specifications expanding to SKUs, units, barcodes."""
