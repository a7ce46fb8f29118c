#!/usr/bin/env bash
# Installs the Debian packages the test suite needs when they are missing: PostgreSQL, Chromium, Tesseract,
# ffmpeg, fonts and poppler.
# With the argument `bench`, also what the benchmarks need: wrk (bench/web_bench.py's load generator).
set -euo pipefail
need=()
if [ "${1:-}" = "bench" ] && ! command -v wrk >/dev/null 2>&1; then need+=(wrk); fi
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
if ! command -v pg_ctl >/dev/null 2>&1 && [ -z "$pg_bin" ]; then need+=(postgresql); fi
if ! [ -x /usr/bin/chromium ]; then need+=(chromium); fi
# Tesseract with Russian, Kazakh and English: OCR of scans (aqiqat ocr, aqiqat ingest --ocr).
if ! command -v tesseract >/dev/null 2>&1; then need+=(tesseract-ocr); fi
for lang in rus kaz eng; do
  if ! [ -f "/usr/share/tesseract-ocr/5/tessdata/$lang.traineddata" ]; then need+=("tesseract-ocr-$lang"); fi
done
# ffmpeg: poster frames of attached videos on the workbench's record pages.
if ! command -v ffmpeg >/dev/null 2>&1; then need+=(ffmpeg); fi
# DejaVu Sans: the ingest tests write PDFs with Cyrillic text in it.
if ! [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then need+=(fonts-dejavu-core); fi
# Reports: fonts with Cyrillic and Kazakh letters (DejaVu above, Noto as the fallback) and poppler's
# pdftotext/pdftoppm, with which the report tests read the PDFs back and draw their first page.
if ! [ -d /usr/share/fonts/truetype/noto ]; then need+=(fonts-noto-core); fi
if ! command -v pdftoppm >/dev/null 2>&1; then need+=(poppler-utils); fi
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${need[*]}; install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
