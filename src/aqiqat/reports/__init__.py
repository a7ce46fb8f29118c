"""Reports: PDF (WeasyPrint) and DOCX (python-docx) renderings of a report model built by api/reports.py from
the read layer's views, and static SVG maps drawn from Natural Earth borders (npm world-atlas)."""
