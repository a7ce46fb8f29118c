"""Field formats in and out (ACLED, GeoJSON, Uwazi CSV, HXL, Popolo, XLSX): mapping tables as data and pure
functions from plain rows to the format's rows and back. No database access; api/ feeds them."""
