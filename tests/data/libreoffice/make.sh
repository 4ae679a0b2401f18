#!/usr/bin/env bash
# Dev-time: regenerate the LibreOffice round trips of the bundled demo registry (needs LibreOffice Calc,
# Debian package libreoffice-calc-nogui; not needed by the tests, which read the committed files).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
cp "$here/../../../data/products_demo.xlsx" "$work/demo.xlsx"
cd "$work"
soffice --headless --convert-to ods demo.xlsx >/dev/null
soffice --headless --convert-to xlsx --outdir resaved demo.xlsx >/dev/null
soffice --headless --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir fromods demo.ods >/dev/null
# CSV filter options: separator (59 ';', 44 ','), quote (34), character set (76 UTF-8, 1 Windows-1252), first line.
soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):59,34,76,1' --outdir semi demo.xlsx >/dev/null
soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,1,1' --outdir cp1252 demo.xlsx >/dev/null
cp demo.ods "$here/demo.ods"
cp resaved/demo.xlsx "$here/demo_resaved.xlsx"
cp fromods/demo.xlsx "$here/demo_from_ods.xlsx"
cp semi/demo.csv "$here/demo_semicolon_utf8.csv"
cp cp1252/demo.csv "$here/demo_comma_windows1252.csv"
