"""Web capture: headless Chromium (Playwright), WARC/WACZ, RFC 3161 timestamps, re-checks."""
